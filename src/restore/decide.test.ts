import { describe, expect, it } from "vitest";
import { loadBundledResources } from "../resources.js";
import { benchText } from "../test-helpers/bench-text.js";
import { decide, type DecideResult, type Scoring } from "./decide.js";
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
