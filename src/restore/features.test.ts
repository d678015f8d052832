import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Tier } from "../dict/types.js";
import { FEATURE_COUNT, FEATURE_NAMES, featureVector, formFeatures, formLogit, logit, LOGIT_ORDER, pooledLogit, SITE_INPUT, SITE_INPUTS, siteLogitPart, type SiteEvidence } from "./features.js";
import { SITE_WEIGHTS } from "./scorer-weights.js";

const base: SiteEvidence = {
  delta: 2,
  pooled: 1.5,
  sites: 3,
  tier: "mined",
  prior: -0.3,
  priorInList: -0.2,
  sources: 1,
  unigramCandidate: -3,
  unigramSpun: -5,
  spunOov: false,
  bestOther: -1,
  candidates: 4,
  present: false,
  wordsSpun: 1,
  wordsCandidate: 1,
  capitalised: false,
  documentRate: 40,
  neighbour: 3,
  fit: -2.5,
};
const vector = (e: Partial<SiteEvidence> = {}) => featureVector({ ...base, ...e }, new Float64Array(FEATURE_COUNT));
const at = (v: Float64Array, name: (typeof FEATURE_NAMES)[number]) => v[FEATURE_NAMES.indexOf(name)];

describe("site features", () => {
  it("has one weight per feature in the shipped scorer", () => {
    expect(SITE_WEIGHTS).toHaveLength(FEATURE_COUNT);
    expect(new Set(FEATURE_NAMES).size).toBe(FEATURE_COUNT);
  });

  it("splits the model's evidence by sign and by source", () => {
    const v = vector();
    expect(at(v, "delta+")).toBe(2);
    expect(at(v, "delta-")).toBe(0);
    expect(at(v, "delta+ mined")).toBe(2);
    expect(at(v, "delta+ thesaurus")).toBe(0);
    expect(at(vector({ delta: -3 }), "delta-")).toBe(-3);
    expect(at(vector({ tier: "thesaurus" }), "delta+ thesaurus")).toBe(2);
  });

  it("marks exactly one source", () => {
    for (const tier of ["signature", "mined", "thesaurus", "table", "rule", "closed"] as const) {
      const v = vector({ tier });
      const marks = FEATURE_NAMES.filter((n) => n.startsWith("tier ")).map((n) => at(v, n));
      expect(marks.filter((x) => x === 1)).toHaveLength(1);
      expect(at(v, `tier ${tier}`)).toBe(1);
    }
    expect(at(vector({ tier: "user" }), "tier certain")).toBe(1);
  });

  it("keeps every feature finite and bounded, whatever the evidence", () => {
    for (const e of [
      { delta: -Infinity, pooled: -Infinity, bestOther: -Infinity },
      { delta: Infinity, pooled: 1e9, bestOther: -Infinity },
      { unigramCandidate: -99, unigramSpun: 0, fit: -1e6, neighbour: 1e6, documentRate: 1e9 },
      { pooled: 1e9, sites: 1e7 },
    ]) {
      const v = vector(e);
      for (const x of v) {
        expect(Number.isFinite(x)).toBe(true);
        expect(Math.abs(x)).toBeLessThanOrEqual(20);
      }
    }
  });

  it("weighs the mean gain over a form's sites by how many there are, within bounds", () => {
    expect(at(vector({ pooled: 2, sites: 1 }), "pooled+ × log sites")).toBe(0);
    expect(at(vector({ pooled: 2, sites: 6 }), "pooled+ × log sites")).toBeCloseTo(2 * Math.log(6), 12);
    expect(at(vector({ pooled: -2, sites: 6 }), "pooled+ × log sites")).toBe(0);
    expect(at(vector({ pooled: 8, sites: 5000 }), "pooled+ × log sites")).toBe(20);
  });

  it("gives a thesaurus candidate its prior among the list's thesaurus candidates, and other sources none", () => {
    expect(at(vector({ tier: "thesaurus", priorInList: -0.5 }), "prior in list")).toBe(-0.5);
    expect(at(vector({ tier: "thesaurus", priorInList: -Infinity }), "prior in list")).toBe(-4);
    expect(at(vector({ tier: "mined", priorInList: -0.5 }), "prior in list")).toBe(0);
  });

  it("scores a clear mined swap above a thesaurus guess with the same evidence", () => {
    expect(logit(SITE_WEIGHTS, vector({ tier: "mined" }))).toBeGreaterThan(logit(SITE_WEIGHTS, vector({ tier: "thesaurus", prior: -2 })));
  });
});

describe("site log-odds in two parts (what decide() computes)", () => {
  const tiers: Tier[] = ["signature", "mined", "thesaurus", "table", "rule", "user", "fingerprint", "closed", "artefact"];
  const num = fc.oneof(fc.double({ min: -12, max: 12, noNaN: true }), fc.constantFrom(NaN, -Infinity, Infinity, 0, -0, 8, -8));
  const evidence = fc.record({
    delta: num,
    pooled: num,
    sites: fc.integer({ min: 1, max: 500 }),
    tier: fc.constantFrom(...tiers),
    prior: num,
    priorInList: num,
    sources: fc.integer({ min: 1, max: 3 }),
    unigramCandidate: num,
    unigramSpun: num,
    spunOov: fc.boolean(),
    bestOther: num,
    candidates: fc.integer({ min: 1, max: 40 }),
    present: fc.boolean(),
    wordsSpun: fc.integer({ min: 1, max: 6 }),
    wordsCandidate: fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constant(NaN)),
    capitalised: fc.boolean(),
    documentRate: fc.double({ min: 0, max: 2000, noNaN: true }),
    neighbour: num,
    fit: num,
  });

  it("siteLogitPart over formFeatures, with pooledLogit, gives featureVector's products added in LOGIT_ORDER to the last bit", () => {
    expect([...LOGIT_ORDER].sort((a, b) => a - b)).toEqual(Array.from({ length: FEATURE_COUNT }, (_, k) => k));
    fc.assert(
      fc.property(evidence, fc.integer({ min: 0, max: 3 }), (e, slot) => {
        const v = featureVector(e, new Float64Array(FEATURE_COUNT));
        let whole = 0;
        let size = 1;
        for (const j of LOGIT_ORDER) {
          whole += SITE_WEIGHTS[j]! * v[j]!;
          size += Math.abs(SITE_WEIGHTS[j]! * v[j]!);
        }
        // The form's row at some offset of a shared buffer, as decide() keeps one row per candidate.
        const rows = new Float64Array(4 * FEATURE_COUNT).fill(123);
        formFeatures(e, rows.subarray(slot * FEATURE_COUNT, (slot + 1) * FEATURE_COUNT));
        const site = new Float64Array(SITE_INPUTS);
        site.set([formLogit(SITE_WEIGHTS, rows, slot * FEATURE_COUNT), e.delta, e.bestOther, e.unigramCandidate, e.unigramSpun, e.wordsCandidate, e.neighbour, e.fit, 0, e.pooled, 0, Math.log(e.sites)]);
        siteLogitPart(SITE_WEIGHTS, e.tier, site);
        const part = site[SITE_INPUT.sum]!;
        const parts = site[SITE_INPUT.logit]!;
        // The pooled terms added again to the sum give the same.
        site[SITE_INPUT.logit] = NaN;
        site[SITE_INPUT.pooled] = e.pooled;
        pooledLogit(SITE_WEIGHTS, site);
        expect(Object.is(site[SITE_INPUT.logit], parts) || Number.isNaN(parts)).toBe(true);
        expect(Object.is(parts, whole) || (Number.isNaN(parts) && Number.isNaN(whole))).toBe(true);
        // The same log-odds as logit(featureVector) but for the order of the sum.
        const indexOrder = logit(SITE_WEIGHTS, v);
        if (Number.isFinite(whole)) expect(Math.abs(parts - indexOrder)).toBeLessThanOrEqual(1e-12 * size);
      }),
      { numRuns: 2000 },
    );
  });
});
