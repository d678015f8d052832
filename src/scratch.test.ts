import { afterEach, describe, expect, it } from "vitest";
import { emptyScratch, f64, i32, poisonScratch, regrow32, regrow8, scratchPooledBytes, u8, withScratch } from "./scratch.js";
import { loadBundledResources } from "./resources.js";
import { restoreWindowsWith, type RestoredWindow } from "./restore/windows.js";
import { benchText } from "./test-helpers/bench-text.js";

afterEach(() => {
  poisonScratch(false);
  emptyScratch();
});

describe("scratch arrays", () => {
  it("are ordinary arrays outside a scope and for small sizes", () => {
    expect(f64(100_000).buffer.byteLength).toBe(800_000);
    withScratch(() => expect(i32(100).buffer.byteLength).toBe(400));
    expect(scratchPooledBytes()).toBe(0);
  });

  it("come back zeroed from the pool in the next scope, in the same buffer", () => {
    let first: ArrayBufferLike | undefined;
    withScratch(() => {
      const a = f64(20_000);
      a.fill(7);
      first = a.buffer;
    });
    expect(scratchPooledBytes()).toBe(first!.byteLength);
    withScratch(() => {
      const b = f64(19_000);
      expect(b.buffer).toBe(first);
      expect(b.every((x) => x === 0)).toBe(true);
      // The buffer is lent out: a second array of the same size class gets another one.
      expect(i32(30_000).buffer).not.toBe(first);
    });
  });

  it("belong to the outermost scope when scopes nest", () => {
    withScratch(() => {
      withScratch(() => u8(100_000));
      expect(scratchPooledBytes()).toBe(0);
    });
    expect(scratchPooledBytes()).toBeGreaterThanOrEqual(100_000);
  });

  it("grown by doubling, hold one buffer each: the outgrown one is reused within the scope", () => {
    withScratch(() => {
      let a = i32(20_000);
      a[19_999] = 5;
      const small = a.buffer;
      a = regrow32(a, 40_000);
      expect(a.length).toBe(40_000);
      expect(a[19_999]).toBe(5);
      expect(a[39_999]).toBe(0);
      // The outgrown buffer is in the pool already: the next array of its size class gets it, zeroed.
      expect(scratchPooledBytes()).toBe(small.byteLength);
      const b = i32(20_000);
      expect(b.buffer).toBe(small);
      expect(b.every((x) => x === 0)).toBe(true);
      let c = u8(70_000);
      c[1] = 9;
      c = regrow8(c, 140_000);
      expect(c[1]).toBe(9);
    });
    // In the pool at the end: a's and c's grown buffers (256 KB classes), b's and c's first (128 KB), once each.
    expect(scratchPooledBytes()).toBe(2 * 262_144 + 2 * 131_072);
  });

  it("go back to the pool when the scope throws", () => {
    expect(() =>
      withScratch(() => {
        u8(70_000);
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(scratchPooledBytes()).toBeGreaterThan(0);
  });
});

describe("scratch arrays in the windows of a long text", () => {
  it("never outlive their window: buffers poisoned on return change nothing", () => {
    const resources = loadBundledResources();
    const text = benchText(".spun.txt", 600_000, 99);
    const settings = { windowChars: 200 * 1024, windowedAbove: 0 };
    const clean: RestoredWindow[] = [];
    let pooled = 0;
    for (const piece of restoreWindowsWith(resources, text, {}, undefined, settings)) {
      clean.push(piece);
      pooled = Math.max(pooled, scratchPooledBytes());
    }
    // The windows are large enough for the pool to be used (else this test would prove nothing), and the pool is
    // emptied once the document is done.
    expect(pooled).toBeGreaterThan(1 << 20);
    expect(scratchPooledBytes()).toBe(0);
    poisonScratch(true);
    const poisoned = [...restoreWindowsWith(resources, text, {}, undefined, settings)];
    expect(poisoned.flatMap((p) => p.edits).length).toBeGreaterThan(500);
    expect(poisoned).toEqual(clean);
  });

  it("are let go when the caller stops reading the pieces early", () => {
    const resources = loadBundledResources();
    const text = benchText(".spun.txt", 600_000, 7);
    for (const _piece of restoreWindowsWith(resources, text, {}, undefined, { windowChars: 200 * 1024, windowedAbove: 0 })) {
      expect(scratchPooledBytes()).toBeGreaterThan(0);
      break;
    }
    expect(scratchPooledBytes()).toBe(0);
  });
});
