/**
 * The options of a run with no arguments at all (`… | unspin`), as commander would produce them, without loading
 * commander: a bare pipe is the most common run and its start-up time matters. bare.test.ts checks that the two
 * stay the same.
 */
import type { CliOptions } from "./args.js";
import { DEFAULT_EXTENSIONS } from "./input/extensions.js";

export function bareOptions(): CliOptions {
  return {
    paths: [],
    hidden: false,
    follow: false,
    ignore: true,
    exclude: [],
    ext: [...DEFAULT_EXTENSIONS],
    neverTouch: [],
    dict: [],
    write: false,
    check: false,
    interactive: false,
    quiet: false,
  };
}
