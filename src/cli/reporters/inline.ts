/** The whole restored text with changed words marked: red struck-through removals, green insertions. */
import type { ChalkInstance } from "chalk";
import { wordDiff } from "../diff.js";
import { mark } from "./marks.js";

export function renderInline(before: string, after: string, chalk: ChalkInstance): string {
  let out = "";
  for (const c of wordDiff(before, after)) {
    if (c.op === 0) out += c.text;
    else out += mark(c.op, c.text, chalk);
  }
  return out;
}
