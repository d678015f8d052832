import { describe, expect, it } from "vitest";
import { loadBundledResources } from "../resources.js";
import { restore } from "../index.js";
import { benchText } from "../test-helpers/bench-text.js";
import { decide, rareInEnglish, type DecideResult, type Scoring } from "./decide.js";
import { configFor, prepareRun } from "./restore.js";

const resources = loadBundledResources();

describe("sites scored in the same context share their deltas", () => {
  // Paragraphs drawn with repeats: many sites see the same words around them.
  const text = benchText(".spun.txt", 40_000, 11);

  const run = (share: boolean): { sc: Scoring; result: DecideResult } => {
    const r = prepareRun(resources.lm, text, {});
    const sc = r.scoring(r.sitesFrom(resources.dictionary));
    sc.shareScores = share;
    const result = decide(sc, configFor({}), true);
    return { sc, result };
  };

  it("gives the same deltas, fits and decisions as scoring every site", () => {
    const shared = run(true);
    const each = run(false);
    expect(shared.sc.n).toBeGreaterThan(100);
    expect(shared.sc.copied).toBeGreaterThan(0);
    expect(each.sc.copied).toBe(0);
    expect(Array.from(shared.sc.deltas)).toEqual(Array.from(each.sc.deltas));
    expect(Array.from(shared.sc.fit)).toEqual(Array.from(each.sc.fit));
    expect(shared.result).toEqual(each.result);
    expect(shared.result.decisions.length).toBeGreaterThan(10);
  });
});

describe("the gate on short texts", () => {
  const { lm } = loadBundledResources();
  it("knows which spun forms ordinary English seldom writes", () => {
    for (const common of ["stated", "individuals", "assist", "mentioned", "home"]) expect(rareInEnglish(lm, common), common).toBe(false);
    for (const rare of ["software program", "financial system", "invoice", "recordsdata", "^chinese language"]) expect(rareInEnglish(lm, rare), rare).toBe(true);
  });
  it("stays shut on a short text whose strong forms are all ordinary officialese, and opens when one is unusual", () => {
    // Three spinner forms that formal English writes too: a police or council statement, not a spun page.
    const official = restore("The minister stated that the government would assist individuals on low incomes with their energy bills.");
    expect(official.gate.strongForms).toBeGreaterThanOrEqual(3);
    expect(official.gate.spun).toBe(false);
    expect(official.edits).toEqual([]);
    const spun = restore("The minister stated that the invoice would assist individuals on low incomes.");
    expect(spun.gate.spun).toBe(true);
    expect(spun.text).toBe("The minister said that the bill would help people on low incomes.");
  });
});
