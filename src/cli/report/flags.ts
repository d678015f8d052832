/**
 * Flags (suspected unlisted tortured phrases: reported, never changed) in each output format. They are marked apart
 * from changes: `?` and yellow in the report, `kind: "flag"` in JSON, SARIF results of level "note" without a fix.
 */
import type { ChalkInstance } from "chalk";
import type { Flag } from "../../types.js";
import { contextAround, oneLine } from "./context.js";
import { quotePath } from "./names.js";

const CONTEXT_CHARS = 50;

/** Report: `file:line:col  ? phrase  (likely "term", score 0.87)` and the sentence with the phrase marked. */
export function formatFlag(display: string, text: string, f: Flag, chalk: ChalkInstance): string {
  const where = `${chalk.magenta(quotePath(display))}:${chalk.yellow(`${f.line}:${f.column}`)}`;
  const what = `${chalk.yellow("?")} ${chalk.yellow(oneLine(f.phrase))}  ${chalk.dim(`(possible tortured phrase; likely "${oneLine(f.likely)}", score ${f.score.toFixed(2)})`)}`;
  return `${where}  ${what}\n    ${context(text, f, chalk)}\n`;
}

/** The phrase in its sentence: yellow and underlined, or `[?phrase?]` without colour. */
export function markFlag(phrase: string, chalk: ChalkInstance): string {
  return chalk.level === 0 ? `[?${phrase}?]` : chalk.yellow.underline(phrase);
}

function context(text: string, f: Flag, chalk: ChalkInstance): string {
  const { head, tail } = contextAround(text, f.start, f.end, CONTEXT_CHARS);
  return chalk.dim(oneLine(head)) + markFlag(oneLine(f.phrase), chalk) + chalk.dim(oneLine(tail));
}

/** `--format json`: one record per flag, beside the change records, told apart by `kind`. */
export function flagRecord(file: string, f: Flag): object {
  return {
    file,
    kind: "flag",
    line: f.line,
    column: f.column,
    offset: f.start,
    phrase: f.phrase,
    likely: f.likely,
    score: f.score,
    evidence: f.evidence,
  };
}

export function formatFlagJsonLine(file: string, f: Flag): string {
  return JSON.stringify(flagRecord(file, f)) + "\n";
}

/** A note for stderr, where the output itself cannot carry flags (restored text, unified diff). */
export function formatFlagNote(display: string, f: Flag): string {
  return `unspin: ${quotePath(display)}:${f.line}:${f.column}: possible tortured phrase "${oneLine(f.phrase)}" (likely "${oneLine(f.likely)}", score ${f.score.toFixed(2)})\n`;
}

/** The whole text with flagged phrases marked (for `--format inline`, applied to the original's offsets). */
export function withFlagsMarked(text: string, flags: readonly Flag[], chalk: ChalkInstance): string {
  let out = "";
  let at = 0;
  for (const f of [...flags].sort((a, b) => a.start - b.start)) {
    if (f.start < at) continue;
    out += text.slice(at, f.start) + markFlag(text.slice(f.start, f.end), chalk);
    at = f.end;
  }
  return out + text.slice(at);
}

/**
 * The original and the restored text with the same flag marks, for the inline view: flags never overlap changes, so
 * each flag's offset in the restored text is its offset moved by the changes before it.
 */
export function markedPair(
  text: string,
  edits: readonly { start: number; end: number; after: string }[],
  flags: readonly Flag[],
  chalk: ChalkInstance,
): { before: string; after: string } {
  let restored = "";
  let at = 0;
  let shift = 0;
  const moved: Flag[] = [];
  const sortedEdits = [...edits].sort((a, b) => a.start - b.start);
  let k = 0;
  for (const f of [...flags].sort((a, b) => a.start - b.start)) {
    while (k < sortedEdits.length && sortedEdits[k]!.end <= f.start) {
      const e = sortedEdits[k++]!;
      restored += text.slice(at, e.start) + e.after;
      shift += e.after.length - (e.end - e.start);
      at = e.end;
    }
    moved.push({ ...f, start: f.start + shift, end: f.end + shift });
  }
  for (; k < sortedEdits.length; k++) {
    const e = sortedEdits[k]!;
    restored += text.slice(at, e.start) + e.after;
    at = e.end;
  }
  restored += text.slice(at);
  return { before: withFlagsMarked(text, flags, chalk), after: withFlagsMarked(restored, moved, chalk) };
}
