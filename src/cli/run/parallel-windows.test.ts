import { describe, expect, it } from "vitest";
import type { PortableWindowPlan, RestoredWindow, WindowPart, WindowSpan } from "../../restore/windows.js";
import { parallelWindows } from "./parallel-windows.js";
import type { WindowJob, WorkerPool } from "./pool.js";
import type { WindowLibrary } from "./restorer.js";

/** A text of `n` windows of 10 characters; each window's restoration upper-cases it. */
function fakeLibrary(n: number): WindowLibrary {
  const windows: WindowSpan[] = Array.from({ length: n }, (_, k) => ({ ctxFrom: 10 * k, ctxTo: 10 * k + 10, from: 10 * k, to: 10 * k + 10 }));
  const plan = { gate: { spun: false }, windows, id: 1 } as unknown as PortableWindowPlan;
  class Joiner {
    constructor(private readonly text: string) {}
    add(k: number, part: WindowPart | null): RestoredWindow {
      const w = windows[k]!;
      return { from: w.from, to: w.to, text: (part?.edits[0]?.after as string | undefined) ?? this.text.slice(w.from, w.to), edits: [], flags: [], gate: plan.gate as unknown as RestoredWindow["gate"] };
    }
  }
  return {
    windowSpans: () => windows,
    planFromCounts: () => plan,
    mergeFormSites: () => new Map(),
    WindowJoiner: Joiner,
  } as unknown as WindowLibrary;
}

/** A pool of the given capacity whose restored windows come back in a shuffled order; it counts windows held at once. */
function fakePool(capacity: number) {
  const held = { now: 0, most: 0 };
  let turn = 0;
  const pool = {
    capacity,
    runWindow(job: WindowJob): Promise<unknown> {
      if (job.step !== "restore") return Promise.resolve({});
      held.now++;
      held.most = Math.max(held.most, held.now);
      const delay = (turn++ * 7) % 5;
      return new Promise((resolve) =>
        setTimeout(() => {
          held.now--;
          resolve({ edits: [{ after: job.part.toUpperCase() }], flags: [] });
        }, delay),
      );
    },
  };
  return { pool: pool as unknown as WorkerPool, held };
}

describe("parallelWindows", () => {
  it("gives every window in order while holding only a few beyond the one to join next", async () => {
    const text = "abcdefghij".repeat(30);
    const { pool, held } = fakePool(4);
    const restore = parallelWindows(fakeLibrary(30), async () => pool, () => {
      throw new Error("not a short text");
    });
    const pieces: RestoredWindow[] = [];
    for await (const p of restore(text, {})) pieces.push(p);
    expect(pieces.map((p) => p.from)).toEqual(Array.from({ length: 30 }, (_, k) => 10 * k));
    expect(pieces.map((p) => p.text).join("")).toBe(text.toUpperCase());
    // All 30 at once before; now the pool's capacity and two more.
    expect(held.most).toBeGreaterThanOrEqual(4);
    expect(held.most).toBeLessThanOrEqual(6);
  });
});
