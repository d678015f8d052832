/**
 * The whole restored text with each change marked where it is: red struck-through removals, green insertions. Built
 * from the edits themselves rather than from a diff of the two texts, so that neighbouring edits stay separate
 * (a word diff regroups "metropolis web site right now" across edits) and every mark is exactly one edit.
 */
import type { ChalkInstance } from "chalk";
import type { Edit } from "../../types.js";
import { mark } from "./marks.js";

export function renderInline(text: string, edits: readonly Pick<Edit, "start" | "end" | "before" | "after">[], chalk: ChalkInstance): string {
  let out = "";
  let pos = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    out += text.slice(pos, e.start);
    if (e.before) out += mark(-1, e.before, chalk);
    if (e.after) out += mark(1, e.after, chalk);
    pos = e.end;
  }
  return out + text.slice(pos);
}
