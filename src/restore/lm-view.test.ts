import { describe, expect, it } from "vitest";
import { loadBundledModel } from "../resources.js";
import { IdPool, LmView } from "./lm-view.js";

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

describe("the pool of model-id sequences", () => {
  it("gives back every sequence it holds as a new array, through growth and a fresh start", () => {
    const pool = new IdPool();
    const seqs = Array.from({ length: 3000 }, (_, i) => Array.from({ length: i % 7 }, (_, k) => i * 10 + k - 1));
    const handles = seqs.map((s) => pool.add(s));
    seqs.forEach((s, i) => expect(pool.get(handles[i]!)).toEqual(s));
    const a = pool.get(handles[5]!);
    a.push(99);
    expect(pool.get(handles[5]!)).toEqual(seqs[5]);
    pool.clear();
    expect(pool.get(pool.add([7, 8]))).toEqual([7, 8]);
  });

  it("answers phrase and token ids as before, longer ones too, and not shared with the caller", () => {
    const lm = new LmView(loadBundledModel().scorer);
    const first = lm.phraseIds("the time period");
    first.push(-5);
    expect(lm.phraseIds("the time period")).toEqual(first.slice(0, -1));
    expect(lm.tokenIds("1,234,567")).toEqual(lm.tokenIds("1,234,567"));
    expect(lm.phraseIds(Array.from({ length: 300 }, () => "the").join(" "))).toHaveLength(300);
    expect(lm.phraseIds(Array.from({ length: 300 }, () => "the").join(" "))).toHaveLength(300);
  });
});
