/**
 * Extra user dictionaries (`--dict FILE`, config "dictionaries"): TSV lines `spun<TAB>original`, `#` comments and
 * blank lines allowed. They are checked here so that a typo in one is reported with its file and line, then handed
 * to the library as contents. Each file is read once per run.
 */
import { readFile } from "node:fs/promises";
import { describeFsError, UserError } from "./errors.js";

const cache = new Map<string, Promise<string>>();

export function readUserDictionary(path: string): Promise<string> {
  let p = cache.get(path);
  if (!p) {
    p = load(path);
    cache.set(path, p);
  }
  return p;
}

async function load(path: string): Promise<string> {
  let content: string;
  try {
    content = await readFile(path, "utf8");
  } catch (err) {
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
