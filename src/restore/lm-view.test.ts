import { describe, expect, it } from "vitest";
import { loadBundledModel } from "../resources.js";
import { LmView } from "./lm-view.js";

describe("the language model's memos (ranges and trigrams)", () => {
  const shared = loadBundledModel();

  it("give the sums Scorer.logProbRange gives, to the last bit, through evictions, history at the start and unknown words", () => {
    // A fresh view (empty memos) over the same model, asked far more distinct ranges than its memos hold, each twice.
    const lm = new LmView(shared.scorer);
    const scorer = shared.scorer;
    let seed = 11;
    const rand = (n: number) => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n;
    const common = Math.min(scorer.model.vocabSize, 2000);
    const queries: { ids: Int32Array; from: number; to: number }[] = [];
    for (let q = 0; q < 160_000; q++) {
      const n = 1 + rand(10);
      const ids = new Int32Array(n);
      for (let x = 0; x < n; x++) ids[x] = rand(50) === 0 ? -1 : rand(common);
      const from = rand(n);
      queries.push({ ids, from, to: from + 1 + rand(n - from + 1) });
    }
    const first = queries.map(({ ids, from, to }) => lm.logProbRange(ids, from, to));
    for (let q = 0; q < queries.length; q += 5) {
      const { ids, from, to } = queries[q]!;
      expect(lm.logProbRange(ids, from, to)).toBe(first[q]);
      expect(first[q]).toBe(scorer.logProbRange(ids, from, to));
    }
  });

  it("tell ranges apart that differ only in their history or their length", () => {
    const lm = new LmView(shared.scorer);
    const [the, plan, was] = ["the", "plan", "was"].map((w) => shared.scorer.model.id(w)) as [number, number, number];
    const cases: [number[], number, number][] = [
      [[the, plan, was], 2, 3],
      [[plan, was], 1, 2],
      [[was], 0, 1],
      [[-1, was], 1, 2],
      [[the, plan, was, -1], 2, 4],
      [[the, plan, was], 1, 3],
    ];
    for (const [ids, from, to] of [...cases, ...cases]) expect(lm.logProbRange(ids, from, to)).toBe(shared.scorer.logProbRange(ids, from, to));
  });
});
