/** Path checks shared by the walker and the writer. */
import { isAbsolute, relative, sep } from "node:path";

/** Whether `path` is `root` or inside it (both absolute; for real paths, resolve links first). */
export function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}
