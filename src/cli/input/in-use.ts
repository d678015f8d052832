/**
 * Files unspin itself reads to run — the dictionaries in use (--dict, a config's "dictionaries") and the config files —
 * are never inputs. Their extensions (.txt, .tsv) are in the default --ext list, so `unspin -w .` used to restore a
 * dictionary with itself: `laptop program<TAB>computer program` became `computer program<TAB>computer program`, and a
 * spinner table `said|stated|mentioned` became `said|said|said`. Files are compared by device and inode, so links,
 * `./` prefixes and hard links are the same file.
 */
import { dictionaryPaths, type LoadedConfig } from "./config.js";
import { fileIds } from "./inputs.js";
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

/**
 * For each input (by index), what it is when it is one of `inUse`, else null. Inputs that cannot be stat'ed are left
 * to the reader, which reports them.
 */
export async function inputsInUse(inputs: readonly { path: string }[], inUse: readonly FileInUse[]): Promise<(string | null)[]> {
  const byId = new Map<string, string>();
  const inUseIds = await fileIds(inUse.map((f) => f.path));
  inUse.forEach((f, k) => {
    const id = inUseIds[k];
    if (id !== null && id !== undefined && !byId.has(id)) byId.set(id, f.what);
  });
  if (byId.size === 0) return new Array<string | null>(inputs.length).fill(null);
  return (await fileIds(inputs.map((i) => i.path))).map((id) => (id === null ? null : (byId.get(id) ?? null)));
}
