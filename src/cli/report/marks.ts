/** How a removed or inserted piece of text is shown: red struck-through / green, or git's word-diff markers. */
import type { ChalkInstance } from "chalk";

/** Without colour, git's --word-diff=plain markers keep the change visible. */
export function mark(op: -1 | 1, text: string, chalk: ChalkInstance): string {
  if (chalk.level === 0) return op === -1 ? `[-${text}-]` : `{+${text}+}`;
  return op === -1 ? chalk.red.strikethrough(text) : chalk.green(text);
}
