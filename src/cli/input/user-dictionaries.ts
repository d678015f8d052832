/**
 * Extra user dictionaries (`--dict [KIND:]FILE`, config "dictionaries"). Each is checked here, so that a typo is
 * reported with its file and line before anything runs, then handed to the library as contents with its kind and
 * name. Formats and kinds: src/dict/user.ts. Each file is read once per run.
 */
import { basename } from "node:path";
import { DICTIONARY_KINDS, readDictionary, type DictionaryKind, type ExtraDictionary } from "../../dict/user.js";
import { decode, describeUndecodable } from "./encoding.js";
import { describeFsError, UserError } from "../errors.js";
import { BYTES_PER_MB, formatMB, readBounded } from "./size-limit.js";

/** Larger than any real table (a spinner's has ~12,000 lines, well under 1 MB): refused before reading. */
export const MAX_DICTIONARY_MB = 64;

/** A dictionary to load: its path and, when the user said so, its kind. */
export interface DictionarySpec {
  path: string;
  kind?: DictionaryKind;
}

const KIND_PREFIX = new RegExp(`^(${DICTIONARY_KINDS.join("|")}):(.+)$`);

/** `--dict candidates:FILE` / `corrections:FILE` / `FILE` (kind from the format). A path is never a kind word. */
export function parseDictArgument(arg: string): DictionarySpec {
  if (DICTIONARY_KINDS.some((k) => arg === `${k}:`)) throw new UserError(`--dict ${arg}: expected a file after "${arg}"`);
  const m = KIND_PREFIX.exec(arg);
  return m ? { path: m[2]!, kind: m[1] as DictionaryKind } : { path: arg };
}

const cache = new Map<string, Promise<ExtraDictionary>>();

export function readUserDictionary(spec: DictionarySpec): Promise<ExtraDictionary> {
  const key = `${spec.kind ?? ""}:${spec.path}`;
  let p = cache.get(key);
  if (!p) {
    p = load(spec);
    cache.set(key, p);
  }
  return p;
}

async function load(spec: DictionarySpec): Promise<ExtraDictionary> {
  let bytes: Buffer;
  try {
    // Read at most the limit: a device or a pipe named as a dictionary (/dev/zero) never fills the memory.
    const r = await readBounded(spec.path, MAX_DICTIONARY_MB * BYTES_PER_MB);
    if ("directory" in r) throw new UserError(`cannot read dictionary ${spec.path}: is a directory, expected a file`);
    if (!r.ok) {
      throw new UserError(`cannot read dictionary ${spec.path}: ${r.size === null ? "more than" : `${formatMB(r.size)} is more than`} the ${MAX_DICTIONARY_MB} MB limit for dictionaries`);
    }
    bytes = r.bytes;
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`cannot read dictionary ${spec.path}: ${describeFsError(err)}`);
  }
  const decoded = decode(bytes);
  if (!decoded.ok) throw new UserError(`invalid dictionary ${spec.path}: ${describeUndecodable(decoded.reason)}`);
  const content = decoded.text;
  checkUserDictionary(content, spec.path);
  return { text: content, name: basename(spec.path).replace(/\.(tsv|csv|txt)$/i, ""), ...(spec.kind ? { kind: spec.kind } : {}) };
}

/** Throws a UserError naming the file and the line of every malformed line (the first five). */
export function checkUserDictionary(content: string, path: string): void {
  if (content.includes("\u0000")) throw new UserError(`invalid dictionary ${path}: binary file, expected text`);
  const { problems } = readDictionary(content);
  if (problems.length === 0) return;
  const lines = problems.slice(0, 5).map((p) => `invalid dictionary ${path}, line ${p.line}: ${p.message}`);
  if (problems.length > 5) lines.push(`invalid dictionary ${path}: ${problems.length - 5} more malformed lines`);
  throw new UserError(lines.join("\nunspin: "));
}
