/**
 * The whole restored text with each change marked where it is: red struck-through removals, green insertions. Built
 * from the edits themselves rather than from a diff of the two texts, so that neighbouring edits stay separate
 * (a word diff regroups "metropolis web site right now" across edits) and every mark is exactly one edit.
 */
import type { ChalkInstance } from "chalk";
import type { Edit } from "../../types.js";
import { mark } from "./marks.js";

export function renderInline(
  text: string,
  edits: readonly Pick<Edit, "start" | "end" | "before" | "after">[],
  chalk: ChalkInstance,
  /** Flagged phrases (never overlapping an edit), shown marked but unchanged. */
  flags: readonly { start: number; end: number }[] = [],
  markFlag: (phrase: string) => string = (p) => p,
): string {
  let out = "";
  let pos = 0;
  const items = [...edits.map((e) => ({ e, f: undefined })), ...flags.map((f) => ({ e: undefined, f }))].sort(
    (a, b) => (a.e ?? a.f)!.start - (b.e ?? b.f)!.start,
  );
  for (const { e, f } of items) {
    const at = (e ?? f)!;
    if (at.start < pos) continue;
    out += text.slice(pos, at.start);
    if (e) {
      if (e.before) out += mark(-1, e.before, chalk);
      if (e.after) out += mark(1, e.after, chalk);
    } else {
      out += markFlag(text.slice(at.start, at.end));
    }
    pos = at.end;
  }
  return out + text.slice(pos);
}
