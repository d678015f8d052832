/**
 * Files unspin itself reads to run — the dictionaries in use (--dict, a config's "dictionaries") and the config files —
 * are never inputs. Their extensions (.txt, .tsv) are in the default --ext list, so `unspin -w .` used to restore a
 * dictionary with itself: `laptop program<TAB>computer program` became `computer program<TAB>computer program`, and a
 * spinner table `said|stated|mentioned` became `said|said|said`. Files are compared by device and inode, so links,
 * `./` prefixes and hard links are the same file.
 */
import { stat } from "node:fs/promises";
import { dictionaryPaths, type LoadedConfig } from "./config.js";
import { parseDictArgument } from "./user-dictionaries.js";
import { resolve } from "node:path";

/** A file unspin reads to run, and what it is, for messages. */
export interface FileInUse {
  path: string;
  what: string;
}

/** The config files and dictionaries of a run: those of the configs that apply to its inputs, and --dict ones. */
export function filesInUse(configs: Iterable<LoadedConfig>, dictArgs: readonly string[], cwd: string): FileInUse[] {
  const out: FileInUse[] = [];
  for (const config of configs) {
    if (!config.filepath) continue;
    out.push({ path: config.filepath, what: "the configuration in use" });
    for (const d of dictionaryPaths(config)) out.push({ path: d.path, what: `a dictionary in use (listed in ${config.filepath})` });
  }
  for (const arg of dictArgs) out.push({ path: resolve(cwd, parseDictArgument(arg).path), what: "a dictionary in use (--dict)" });
  return out;
}

/** Files stat'ed at a time (as onePathPerFile in inputs.ts). */
const STAT_BATCH = 32;

/**
 * For each input (by index), what it is when it is one of `inUse`, else null. Inputs that cannot be stat'ed are left
 * to the reader, which reports them.
 */
export async function inputsInUse(inputs: readonly { path: string }[], inUse: readonly FileInUse[]): Promise<(string | null)[]> {
  const found: (string | null)[] = new Array<string | null>(inputs.length).fill(null);
  const byId = new Map<string, string>();
  for (const f of inUse) {
    const st = await stat(f.path).catch(() => null);
    if (st && !byId.has(`${st.dev}:${st.ino}`)) byId.set(`${st.dev}:${st.ino}`, f.what);
  }
  if (byId.size === 0) return found;
  for (let from = 0; from < inputs.length; from += STAT_BATCH) {
    const batch = inputs.slice(from, from + STAT_BATCH);
    const ids = await Promise.all(batch.map((i) => stat(i.path).then((st) => `${st.dev}:${st.ino}`, () => null)));
    ids.forEach((id, k) => (found[from + k] = id === null ? null : (byId.get(id) ?? null)));
  }
  return found;
}
