/**
 * Saves words rejected during --interactive to a config's "neverTouch" list: the config that applies to the file
 * if it is JSON (or package.json#unspin), else a new .unspinrc.json at the project root (the nearest folder with
 * .git or package.json). JavaScript configs are not rewritten; the words are printed instead.
 */
import { existsSync } from "node:fs";
import { readFile, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { describeFsError } from "../errors.js";
import { decode, describeUndecodable, encode } from "./encoding.js";
import { invalidJson } from "./json-errors.js";
import { contentHash } from "../write/hash.js";
import { writeAtomic } from "../write/write.js";

export async function saveNeverTouch(configPath: string | null, fileDir: string, words: readonly string[]): Promise<string> {
  const list = JSON.stringify([...new Set(words)]);
  if (configPath?.endsWith(".js")) return `${configPath} is JavaScript; add these to its neverTouch list yourself: ${list}`;
  const target = configPath ?? join(projectRoot(fileDir), ".unspinrc.json");
  try {
    if (!configPath) {
      try {
        await writeFile(target, JSON.stringify({ neverTouch: [...new Set(words)] }, null, 2) + "\n", { flag: "wx" });
      } catch (err) {
        // Created a moment ago for the words of files in another folder of the same project: added to it instead.
        if ((err as NodeJS.ErrnoException).code === "EEXIST") return saveNeverTouch(target, fileDir, words);
        throw err;
      }
      return `created ${target} with neverTouch ${list}`;
    }
    const st = await stat(target);
    const bytes = await readFile(target);
    // Written back in its own encoding: a config may be UTF-16 or have a byte-order mark, as it may be read.
    const decoded = decode(bytes);
    if (!decoded.ok) return `could not save never-touch words ${list} to ${target}: ${describeUndecodable(decoded.reason)}`;
    const content = decoded.text;
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(content) as Record<string, unknown>;
    } catch (err) {
      return `could not save never-touch words ${list} to ${target}: ${invalidJson(content, err)}`;
    }
    const isPackage = target.endsWith("package.json");
    const settings = (isPackage ? ((json.unspin ??= {}) as Record<string, unknown>) : json) as { neverTouch?: string[] };
    settings.neverTouch = [...new Set([...(settings.neverTouch ?? []), ...words])];
    const indent = /^[ \t]+(?=")/m.exec(content)?.[0] ?? "  ";
    await writeAtomic(target, encode(JSON.stringify(json, null, indent) + "\n", decoded.encoding), {
      mtimeMs: st.mtimeMs,
      size: st.size,
      mode: st.mode,
      hash: contentHash(bytes),
    });
    return `added ${list} to neverTouch in ${target}`;
  } catch (err) {
    return `could not save never-touch words ${list} to ${target}: ${err instanceof Error && !("code" in err) ? err.message : describeFsError(err)}`;
  }
}

function projectRoot(from: string): string {
  for (let d = from; ; d = dirname(d)) {
    if (existsSync(join(d, ".git")) || existsSync(join(d, "package.json"))) return d;
    if (dirname(d) === d) return from;
  }
}
