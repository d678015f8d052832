// The training code behind src/restore/scorer-weights.ts: the fitting routines and the labels.
import { describe, expect, it } from "vitest";
// @ts-expect-error: plain JavaScript modules of the training scripts
import { siteLabels } from "../../scripts/lib/labels.mjs";
// @ts-expect-error: plain JavaScript modules of the training scripts
import { fitChoice, fitLogistic, sigmoid } from "../../scripts/lib/logistic.mjs";

/** A small deterministic generator, so the tests see the same data every run. */
function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe("fitLogistic", () => {
  it("recovers the weights that generated the labels", () => {
    const r = rng(7);
    const X: Float64Array[] = [];
    const y: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const x = Float64Array.from([1, r() * 4 - 2, r() * 4 - 2]);
      X.push(x);
      y.push(r() < sigmoid(-0.5 + 2 * x[1]! - 1 * x[2]!) ? 1 : 0);
    }
    const w = fitLogistic(X, y, { lambda: 0.01 }) as number[];
    expect(w[0]).toBeCloseTo(-0.5, 0);
    expect(w[1]).toBeCloseTo(2, 0);
    expect(w[2]).toBeCloseTo(-1, 0);
  });
});

describe("fitChoice (keep the text, or one of the candidates)", () => {
  it("learns that a candidate with more evidence is chosen, and when to keep", () => {
    const r = rng(11);
    const sites: { X: Float64Array[]; y: number }[] = [];
    for (let i = 0; i < 1500; i++) {
      const X = Array.from({ length: 1 + Math.floor(r() * 4) }, () => Float64Array.from([1, r() * 6 - 3]));
      // True model: score = -1 + 1.5 · evidence; keep scores 0.
      const z = X.map((x) => Math.exp(-1 + 1.5 * x[1]!));
      let u = r() * (1 + z.reduce((a, b) => a + b, 0));
      let y = -1;
      for (let c = 0; c < z.length && y < 0; c++) if ((u -= z[c]!) < 0) y = c;
      sites.push({ X, y });
    }
    const w = fitChoice(sites, { lambda: 0.01 }) as number[];
    expect(w[0]).toBeCloseTo(-1, 0);
    expect(w[1]).toBeCloseTo(1.5, 0);
  });

  it("fits some candidates' weights with the others' log-odds held (offsets), as train-table-scorer.mjs does", () => {
    const r = rng(5);
    const sites: { X: Float64Array[]; O: number[]; y: number }[] = [];
    for (let i = 0; i < 3000; i++) {
      // One candidate of a new source (its own row [1, evidence]) and one of an old source, whose log-odds (2 × its
      // evidence, from a model fitted before) are held: its row is zero, its score the offset.
      const e = r() * 6 - 3;
      const old = r() * 4 - 2;
      const z = [Math.exp(-2 + 0.8 * e), Math.exp(2 * old)];
      let u = r() * (1 + z[0]! + z[1]!);
      let y = -1;
      for (let c = 0; c < 2 && y < 0; c++) if ((u -= z[c]!) < 0) y = c;
      sites.push({ X: [Float64Array.from([1, e]), Float64Array.from([0, 0])], O: [0, 2 * old], y });
    }
    const w = fitChoice(sites, { lambda: 0.01 }) as number[];
    expect(w[0]).toBeCloseTo(-2, 0);
    expect(w[1]).toBeCloseTo(0.8, 0);
    // An offset of 1 on the new source's rows is taken out of its bias, exactly.
    const shifted = fitChoice(sites.map(({ X, O, y }) => ({ X, O: [O[0]! + 1, O[1]!], y })), { lambda: 0.01 }) as number[];
    expect(shifted[0]).toBeCloseTo(w[0]! - 1, 4);
    expect(shifted[1]).toBeCloseTo(w[1]!, 4);
  });
});

describe("siteLabels", () => {
  const at = (text: string, span: string, candidates: string[]) => {
    const start = text.indexOf(span);
    return { start, end: start + span.length, candidates: candidates.map((c) => ({ text: c })) };
  };

  it("names the candidate that restores the original, even where the aligned change is wider than the site", () => {
    const spun = "The Chinese language chief arrived in Beijing.";
    const original = "The Chinese leader arrived in Beijing.";
    const [a, b, c] = siteLabels(spun, original, [
      at(spun, "Chinese language", ["china", "chinese"]),
      at(spun, "chief", ["boss", "leader"]),
      at(spun, "arrived", ["came"]),
    ]);
    expect(a).toEqual({ right: 1, spunHere: true, recoverable: true });
    expect(b).toEqual({ right: 1, spunHere: true, recoverable: true });
    expect(c).toEqual({ right: -1, spunHere: false, recoverable: false });
  });

  it("says when no candidate can restore a spun word", () => {
    const spun = "Prices rose sharply in the metropolis last year.";
    const original = "Prices rose sharply in the city last year.";
    expect(siteLabels(spun, original, [at(spun, "metropolis", ["town", "capital"])])[0]).toEqual({ right: -1, spunHere: true, recoverable: false });
  });
});
