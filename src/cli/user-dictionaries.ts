/**
 * Extra user dictionaries (`--dict FILE`, config "dictionaries"): TSV lines `spun<TAB>original`, `#` comments and
 * blank lines allowed. They are checked here so that a typo in one is reported with its file and line, then handed
 * to the library as contents. Each file is read once per run.
 */
import { decode, describeUndecodable } from "./encoding.js";
import { describeFsError, UserError } from "./errors.js";
import { BYTES_PER_MB, DEFAULT_MAX_SIZE_MB, formatMB, readBounded } from "./size-limit.js";

const cache = new Map<string, Promise<string>>();

export function readUserDictionary(path: string): Promise<string> {
  let p = cache.get(path);
  if (!p) {
    p = load(path);
    cache.set(path, p);
  }
  return p;
}

/** Largest extra dictionary read, in MB (the bundled thesaurus, the largest dictionary shipped, is about 8 MB). */
export const DICTIONARY_LIMIT_MB = DEFAULT_MAX_SIZE_MB;

async function load(path: string): Promise<string> {
  let content: string;
  try {
    const r = await readBounded(path, DICTIONARY_LIMIT_MB * BYTES_PER_MB);
    if ("directory" in r) throw new UserError(`cannot read dictionary ${path}: is a directory, expected a file`);
    if (!r.ok) throw new UserError(`cannot read dictionary ${path}: ${r.size === null ? "more than" : `${formatMB(r.size)} is more than`} the ${DICTIONARY_LIMIT_MB} MB limit for dictionaries`);
    const d = decode(r.bytes);
    if (!d.ok) throw new UserError(`cannot read dictionary ${path}: ${describeUndecodable(d.reason)}`);
    content = d.text;
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`cannot read dictionary ${path}: ${describeFsError(err)}`);
  }
  checkUserDictionary(content, path);
  return content;
}

export function checkUserDictionary(content: string, path: string): void {
  content.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "" || line.trimStart().startsWith("#")) return;
    const cols = line.split("\t");
    if (cols.length < 2 || cols[0]!.trim() === "" || cols[1]!.trim() === "") {
      throw new UserError(`invalid dictionary ${path}, line ${i + 1}: expected "spun<TAB>original", got ${JSON.stringify(line)}`);
    }
  });
}
