/**
 * Unified diffs that `git apply` and `patch -p1` accept: `--- a/path` / `+++ b/path` headers (names quoted as git
 * quotes them), 3 lines of context, "\ No newline at end of file" markers. Lines keep their "\r", so CRLF files patch
 * back byte for byte.
 *
 * For files, the diff is taken over the file's bytes as written (`unifiedDiffBytes`), split at "\n" bytes: a UTF-8
 * byte-order mark stays in the first line and UTF-16 lines keep their own bytes, so the patch applies to the file
 * as it is on disk (both tools work on bytes), the way `git diff --text` shows such files.
 */
import { realpathSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { isInside } from "../input/paths.js";
import { diffTokens, lineTokens } from "./diff.js";
import { quotePath } from "./names.js";

export { cQuote } from "./names.js";

/** How diff lines are coloured on a terminal (each function gets one line without its "\n"). */
export interface DiffStyle {
  header(line: string): string;
  hunk(line: string): string;
  removed(line: string): string;
  added(line: string): string;
}

const CONTEXT = 3;

interface Line {
  op: " " | "-" | "+";
  text: string;
}

/**
 * The name a file goes by in a diff: its path relative to the working folder, where `git apply` and `patch -p1`
 * find it. A file outside that folder is named by its absolute path without the leading "/" (`a/tmp/x.txt`), as
 * `git diff --no-index` names an absolute path: both tools refuse a ".." in a patch's paths (`git apply`: "invalid
 * path"; GNU patch: "can't find file"), and an absolute name applies from "/" (`patch -p1 -d /`).
 */
export function diffPath(cwd: string, path: string): string {
  let abs = resolve(cwd, path);
  let base = cwd;
  if (!isInside(abs, cwd)) {
    // "$PWD/file" in a folder reached through a link names it by the link, while the working folder is its real path:
    // compared by real folders, the file is inside after all (the file's own name is kept, link or not).
    try {
      const real = join(realpathSync(dirname(abs)), basename(abs));
      const realCwd = realpathSync(cwd);
      if (isInside(real, realCwd)) [abs, base] = [real, realCwd];
    } catch {
      // A folder that cannot be resolved: named by its absolute path below.
    }
  }
  const name = isInside(abs, base) ? relative(base, abs) : abs.replace(/^[\\/]+/, "");
  return name.split(sep).join("/");
}

export function unifiedDiff(path: string, before: string, after: string, style?: DiffStyle): string {
  if (before === after) return "";
  return header(path, style) + hunks(before, after, style);
}

/** The diff of two versions of a file's bytes; the path is written in UTF-8, the lines as the bytes they are. */
export function unifiedDiffBytes(path: string, before: Uint8Array, after: Uint8Array, style?: DiffStyle): Buffer {
  if (Buffer.compare(before, after) === 0) return Buffer.alloc(0);
  // latin1 maps each byte to one character and back, so lines are split and diffed on bytes.
  const body = hunks(Buffer.from(before).toString("latin1"), Buffer.from(after).toString("latin1"), style);
  return Buffer.concat([Buffer.from(header(path, style), "utf8"), Buffer.from(body, "latin1")]);
}

function header(path: string, style?: DiffStyle): string {
  // On Windows "\\" separates folders; elsewhere it is a character of the name (and quoted below).
  const name = (sep === "\\" ? path.split("\\").join("/") : path).replace(/^\.\//, "");
  const h = style?.header ?? ((l: string) => l);
  return `${h(`--- ${headerName("a/", name)}`)}\n${h(`+++ ${headerName("b/", name)}`)}\n`;
}

/**
 * A file name in a `---`/`+++` line, written as git writes it: C-quoted (`"a/x\ty.txt"`) when it holds a control
 * character, a double quote or a backslash, and followed by a tab when it holds a space, so that GNU patch (which
 * otherwise ends the name at the first space) takes the whole name. Non-ASCII letters are left as they are (git's
 * `core.quotePath=false`); both `git apply` and `patch` read them so.
 */
export function headerName(prefix: string, name: string): string {
  const full = prefix + name;
  return quotePath(full) + (full.includes(" ") ? "\t" : "");
}

function hunks(before: string, after: string, style?: DiffStyle): string {
  const lines: Line[] = [];
  for (const chunk of diffTokens(lineTokens(before), lineTokens(after))) {
    const op = chunk.op === 0 ? " " : chunk.op === -1 ? "-" : "+";
    for (const text of lineTokens(chunk.text)) lines.push({ op, text });
  }
  let out = "";
  let i = 0;
  while (i < lines.length) {
    if (lines[i]!.op === " ") {
      i++;
      continue;
    }
    // A hunk starts CONTEXT lines before the first change and extends while changes are within 2*CONTEXT lines.
    const start = Math.max(0, i - CONTEXT);
    let end = i;
    let lastChange = i;
    while (end < lines.length) {
      if (lines[end]!.op !== " ") lastChange = end;
      else if (end - lastChange > 2 * CONTEXT) break;
      end++;
    }
    end = Math.min(lines.length, lastChange + CONTEXT + 1);
    out += hunk(lines, start, end, style);
    i = end;
  }
  return out;
}

function hunk(lines: readonly Line[], start: number, end: number, style?: DiffStyle): string {
  let oldStart = 1;
  let newStart = 1;
  for (let k = 0; k < start; k++) {
    if (lines[k]!.op !== "+") oldStart++;
    if (lines[k]!.op !== "-") newStart++;
  }
  let oldLen = 0;
  let newLen = 0;
  let body = "";
  for (let k = start; k < end; k++) {
    const l = lines[k]!;
    if (l.op !== "+") oldLen++;
    if (l.op !== "-") newLen++;
    const paint = l.op === "-" ? style?.removed : l.op === "+" ? style?.added : undefined;
    const text = l.text.endsWith("\n") ? l.text.slice(0, -1) : l.text;
    body += (paint ? paint(l.op + text) : l.op + text) + "\n";
    if (!l.text.endsWith("\n")) body += "\\ No newline at end of file\n";
  }
  // An empty range is numbered by the line before it (diff(1) convention).
  const range = (s: number, n: number) => (n === 1 ? `${s}` : `${n === 0 ? s - 1 : s},${n}`);
  const head = `@@ -${range(oldStart, oldLen)} +${range(newStart, newLen)} @@`;
  return `${style ? style.hunk(head) : head}\n${body}`;
}
