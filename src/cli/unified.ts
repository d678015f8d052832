/**
 * Unified diffs that `git apply` and `patch -p1` accept: `--- a/path` / `+++ b/path` headers, 3 lines of context,
 * "\ No newline at end of file" markers. Lines keep their "\r", so CRLF files patch back byte for byte.
 */
import { diffTokens, lineTokens } from "./diff.js";

const CONTEXT = 3;

interface Line {
  op: " " | "-" | "+";
  text: string;
}

export function unifiedDiff(path: string, before: string, after: string): string {
  if (before === after) return "";
  const lines: Line[] = [];
  for (const chunk of diffTokens(lineTokens(before), lineTokens(after))) {
    const op = chunk.op === 0 ? " " : chunk.op === -1 ? "-" : "+";
    for (const text of lineTokens(chunk.text)) lines.push({ op, text });
  }
  const name = path.split("\\").join("/").replace(/^\.\//, "");
  let out = `--- a/${name}\n+++ b/${name}\n`;
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
    out += hunk(lines, start, end);
    i = end;
  }
  return out;
}

function hunk(lines: readonly Line[], start: number, end: number): string {
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
    body += l.op + l.text;
    if (!l.text.endsWith("\n")) body += "\n\\ No newline at end of file\n";
  }
  // An empty range is numbered by the line before it (diff(1) convention).
  const range = (s: number, n: number) => (n === 1 ? `${s}` : `${n === 0 ? s - 1 : s},${n}`);
  return `@@ -${range(oldStart, oldLen)} +${range(newStart, newLen)} @@\n${body}`;
}
