/**
 * One long text on several threads (`--jobs N` with a single input in pipe mode): its windows
 * (../../restore/windows.ts) are counted (pass 1, then pass 1b for a spun document) and restored (pass 2) by the
 * worker pool and the main thread at once, each from its own slice of the text; the main thread merges the counts
 * into the document's plan between the passes and joins the restored windows in order as they come. The pieces are
 * the ones the windows restored in turn give (src/restore/windows.test.ts for the library's steps,
 * test/cli/windows.test.ts for the CLI's output with --jobs 1 and 2).
 */
import type { RestoredWindow } from "../../restore/windows.js";
import { inOrderAhead } from "./in-order.js";
import type { WindowAnswers, WorkerPool } from "./pool.js";
import type { CliRestoreOptions, WindowLibrary, WindowRestorer } from "./restorer.js";

/** Pieces of a restored text, as they come. */
export type AsyncWindowRestorer = (text: string, options: CliRestoreOptions) => AsyncIterable<RestoredWindow>;

/**
 * A window restorer that spreads a long text's windows over `pool()` (made when first needed); a text short enough
 * for one pass goes to `sequential` as before.
 */
export function parallelWindows(lib: WindowLibrary, pool: () => Promise<WorkerPool>, sequential: WindowRestorer): AsyncWindowRestorer {
  return async function* (text, options) {
    const windows = lib.windowSpans(text);
    if (!windows) {
      yield* sequential(text, options);
      return;
    }
    const threads = await pool();
    const slice = (k: number) => text.slice(windows[k]!.ctxFrom, windows[k]!.ctxTo);
    const each = <S extends "count" | "forms">(step: S) =>
      Promise.all(windows.map((window, k) => threads.runWindow({ step, part: slice(k), window, k, options }) as Promise<WindowAnswers[S]>));
    // Pass 1 on every thread; then, for a spun document, pass 1b; then the windows restored, joined in order.
    const counts = await each("count");
    let plan = lib.planFromCounts(windows, counts, null, options);
    if (plan.gate.spun) plan = lib.planFromCounts(windows, counts, lib.mergeFormSites(await each("forms")), options);
    const joiner = new lib.WindowJoiner(text, plan);
    // Windows are handed out a few at a time ahead of the one to join next, enough to keep every thread busy: all of
    // them at once held every window's text slice in the queue and every restored window that came early.
    const restoreWindow = (w: number) => threads.runWindow({ step: "restore", part: slice(w), window: windows[w]!, k: w, options, plan });
    let k = 0;
    for await (const part of inOrderAhead(windows.length, restoreWindow, threads.capacity + 2)) {
      const piece = joiner.add(k++, part);
      if (piece) yield piece;
    }
  };
}
