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
