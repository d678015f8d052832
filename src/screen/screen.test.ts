import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { screen } from "../index.js";
import { screenWith, spinProbability, verdictOf, type ScreenEvidence } from "./screen.js";
import { loadBundledResources } from "../resources.js";
import { benchText } from "../test-helpers/bench-text.js";

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), "utf8");
const evidence = (over: Partial<ScreenEvidence>): ScreenEvidence => ({
  words: 500,
  gateProbability: 0,
  strongSites: 0,
  strongSitesPer1000: 0,
  tortured: 0,
  torturedPer1000: 0,
  signaturePer1000: 0,
  scientific: false,
  ...over,
});

describe("screen", () => {
  it("tells the shipped spun example from its original", () => {
    const spun = screen(fixture("harbour-bridge.spun.txt"));
    const orig = screen(fixture("harbour-bridge.orig.txt"));
    expect(spun.probability).toBeGreaterThan(orig.probability);
    expect(spun.verdict).not.toBe("clean");
    expect(orig.verdict).toBe("clean");
    expect(spun.strongSites).toBeGreaterThan(orig.strongSites);
  });
  it("lists tortured phrases with their place and term", () => {
    const text =
      "We propose a method for bosom tumor detection.\nThe arbitrary timber classifier achieved the best accuracy on the test set.";
    const r = screen(text);
    expect(r.fingerprints.filter((f) => f.kind === "tortured").map((f) => [f.phrase, f.original, f.line, f.column])).toEqual([
      ["bosom tumor", "breast cancer", 1, 25],
      ["arbitrary timber", "random forest", 2, 5],
    ]);
    expect(r.tortured).toBe(2);
    expect(r.verdict).toBe("spun");
  });
  it("maps evidence to a probability that grows with it", () => {
    const p = (o: Partial<ScreenEvidence>) => spinProbability(evidence(o));
    expect(p({})).toBeLessThan(0.05);
    expect(p({ gateProbability: 0.97 })).toBeGreaterThan(0.95);
    expect(p({ gateProbability: 0.3 })).toBeLessThan(p({ gateProbability: 0.7 }));
    expect(p({ gateProbability: 0.3, tortured: 1 })).toBeGreaterThan(p({ gateProbability: 0.3 }));
    expect(p({ tortured: 1, scientific: true })).toBeGreaterThan(p({ tortured: 1, scientific: false }));
    expect(verdictOf(0.1)).toBe("clean");
    expect(verdictOf(0.5)).toBe("suspicious");
    expect(verdictOf(0.9)).toBe("spun");
  });
});

describe("a long text screened window by window", () => {
  const resources = loadBundledResources();
  const whole = { windowedAbove: Infinity };
  const windows = { windowChars: 8 * 1024, windowedAbove: 0 };
  const science =
    "We propose a method for the detection of tumours. The proposed model is a counterfeit brain organization trained on " +
    "two datasets, and the results show a significant improvement in accuracy over the baseline methods.";
  it.each([
    ["spun pages", benchText(".spun.txt", 60_000, 11)],
    ["their originals", benchText(".orig.txt", 60_000, 11)],
    ["research writing with a listed tortured phrase", Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? `${science} ${science}` : science)).join("\n")],
  ])("gives the whole text's screen: %s", (_, text) => {
    const one = screenWith(resources, text, {}, whole);
    expect(screenWith(resources, text, {}, windows)).toEqual(one);
    // Fingerprints found where there are some (signatures on the spun pages, the listed phrase in the paper).
    expect(one.fingerprints.length > 0).toBe(one.verdict !== "clean");
  });
});
