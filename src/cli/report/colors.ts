/**
 * Colour decision, made once: --color/--no-color win, then FORCE_COLOR, then NO_COLOR (https://no-color.org),
 * then whether the stream is a terminal. chalk's own detection is not used because it looks at stdout only and
 * reads process.argv.
 */
import type { ChalkInstance } from "chalk";

export type ColorFlag = boolean | undefined;

export function colorLevel(flag: ColorFlag, env: NodeJS.ProcessEnv, isTTY: boolean): 0 | 1 | 2 | 3 {
  if (flag === false) return 0;
  const force = env.FORCE_COLOR;
  let level: 0 | 1 | 2 | 3;
  if (force !== undefined && force !== "0" && force !== "false") {
    const n = Number.parseInt(force, 10);
    level = Number.isNaN(n) ? 1 : (Math.min(Math.max(n, 1), 3) as 1 | 2 | 3);
  } else if (force === "0" || force === "false") {
    level = 0;
  } else if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") {
    level = 0;
  } else if (isTTY && env.TERM !== "dumb") {
    level = env.COLORTERM === "truecolor" ? 3 : /256/.test(env.TERM ?? "") ? 2 : 1;
  } else {
    level = 0;
  }
  return flag === true ? (Math.max(level, 1) as 1 | 2 | 3) : level;
}

/**
 * A chalk instance for the level. Without colour, a stand-in that returns the text as chalk would at level 0,
 * so that piped runs never load chalk (start-up time matters for `echo … | unspin`).
 */
export async function makeChalk(level: 0 | 1 | 2 | 3): Promise<ChalkInstance> {
  if (level === 0) return PLAIN;
  const { Chalk } = await import("chalk");
  return new Chalk({ level });
}

// Any style, chained or called, yields the text unchanged: chalk.red.strikethrough("x") === "x". Not a thenable
// (no "then"), so it can be returned from an async function.
const PLAIN: ChalkInstance = new Proxy((...text: unknown[]) => text.join(" "), {
  get: (_target, prop) => (prop === "level" ? 0 : prop === "then" || typeof prop === "symbol" ? undefined : PLAIN),
}) as unknown as ChalkInstance;
