import { describe, expect, it } from "vitest";
import { loadBundledResources } from "../resources.js";
import { benchText } from "../test-helpers/bench-text.js";
import { tokenTable } from "../text/tokenize.js";
import { contextHash, countFormSites, findNumbers, findSites, independentSites, neverTouchTokens, prepare, Sites, SkipSpans, type FindOptions, type FormContexts } from "./engine.js";

const resources = loadBundledResources();

describe("the contexts of a text's sites per spun form (a long text's first pass)", () => {
  const options: FindOptions = { neverTouch: new Set(), skip: [] };
  const skip = new SkipSpans([]);
  const texts = [
    benchText(".spun.txt", 20_000, 7),
    // Spintax, digits the spinner wrote, and tortured phrases (one, two different, one inside a longer one).
    "He {said|stated} the plan took 12 months. The profound learning model used counterfeit consciousness. " +
      "{The marketplace} grew for 3 years; profound learning-based tools and Profound CNN models followed. " +
      "The profound neural organization was trained on 2 data sets.",
  ];

  it("gives, for every part of the text, the contexts of the sites findSites gives there", () => {
    for (const text of texts) {
      for (const scientific of [false, true]) {
        const tok = tokenTable(text);
        const { doc, spintax } = prepare(tok, skip);
        const numbers = new Sites(4);
        findNumbers(doc, skip.merged, 0, tok.n, numbers);
        const { sites } = findSites(doc, spintax, numbers, resources.dictionary, options, skip, resources.lm, scientific, () => {}, { seen: new Set() });
        for (const [from, to] of [
          [0, text.length],
          [0, text.length >> 1],
          [text.length >> 2, text.length],
        ] as const) {
          const expected: FormContexts = new Map();
          for (let i = 0; i < sites.n; i++) {
            if (sites.start[i]! < from || sites.start[i]! >= to) continue;
            const key = sites.poolKey[i]!;
            if (!expected.has(key)) expected.set(key, new Set());
            expected.get(key)!.add(contextHash(tok, sites.tokFrom[i]!, sites.tokTo[i]!));
          }
          const counts: FormContexts = new Map();
          countFormSites(doc, spintax, numbers, resources.dictionary, options, skip, scientific, { seen: new Set() }, from, to, counts);
          expect(new Map([...counts].sort())).toEqual(new Map([...expected].sort()));
          expect(counts.size).toBeGreaterThan(0);
          if (text === texts[1] && to === text.length && from === 0) {
            const keys = [...counts.keys()];
            expect(keys.some((k) => k.startsWith("{}"))).toBe(true);
            expect(keys.some((k) => k.startsWith("#"))).toBe(true);
            expect(keys.some((k) => k.includes("profound"))).toBe(true);
          }
        }
      }
    }
  });
});

describe("never-touch phrases", () => {
  it("protect every word of each occurrence, not only a site that is exactly the phrase", async () => {
    const { restore } = await import("../index.js");
    const text = "The chief mentioned at a press convention that the Nice Corridor of the Individuals would open this 12 months.";
    const changed = (neverTouch: string[]) => restore(text, { assumeSpun: true, neverTouch }).edits.map((e) => e.before);
    expect(changed([])).toEqual(expect.arrayContaining(["convention", "Nice Corridor", "Individuals"]));
    expect(changed(["press convention"])).not.toContain("convention");
    const name = changed(["Nice Corridor of the Individuals"]);
    expect(name.some((b) => /Nice|Corridor|Individuals/.test(b))).toBe(false);
    // The rest of the sentence is restored as before.
    expect(name).toEqual(expect.arrayContaining(["mentioned", "convention", "12 months"]));
  });

  it("are found across spaces and hyphens, in any case, and only as whole words", () => {
    const tok = tokenTable("A Press-Convention, a press  convention, and press conventions.");
    const marked = neverTouchTokens(tok, new Set(["press convention"]))!;
    const words = Array.from({ length: tok.n }, (_, i) => tok.text.slice(tok.start[i]!, tok.end[i]!));
    expect(words.filter((_, i) => marked[i] === 1)).toEqual(["Press", "Convention", "press", "convention"]);
    // A single word is marked alike (one mechanism for words and phrases); no entry, no marks.
    const single = neverTouchTokens(tok, new Set(["press"]))!;
    expect(words.filter((_, i) => single[i] === 1)).toEqual(["Press", "press", "press"]);
    expect(neverTouchTokens(tok, new Set())).toBeNull();
  });
});

describe("independent sites of a form", () => {
  it("count sites in distinct contexts: a repeated sentence is one piece of evidence", () => {
    const once = "The chief mentioned the plan. Officials mentioned a delay. ";
    const tok = tokenTable(once.repeat(5) + "Everyone mentioned it.");
    const { doc, spintax } = prepare(tok, new SkipSpans([]));
    const numbers = new Sites(4);
    const { sites, forms } = findSites(doc, spintax, numbers, resources.dictionary, { neverTouch: new Set(), skip: [] }, new SkipSpans([]), resources.lm, false, () => {}, { seen: new Set() });
    const f = forms.key.indexOf("mentioned");
    expect(forms.memberFrom[f + 1]! - forms.memberFrom[f]!).toBe(11);
    expect(independentSites(sites, forms, tok)[f]).toBe(3);
  });
});

describe("a phrase the caller protects in part", () => {
  // "international locations" is a spun phrase (countries); "international" alone is a weaker reading (foreign).
  const text = "Goods come from many international locations, and from Norway.";
  const at = text.indexOf("locations");
  const sitesWith = (options: FindOptions) => {
    const tok = tokenTable(text);
    const skip = new SkipSpans(options.skip);
    const { doc, spintax } = prepare(tok, skip);
    const { sites } = findSites(doc, spintax, new Sites(4), resources.dictionary, options, skip, resources.lm, false, () => {}, { seen: new Set() });
    return Array.from({ length: sites.n }, (_, i) => text.slice(sites.start[i]!, sites.end[i]!));
  };

  it("is left whole: no site overlaps it, the weaker reading of its other words included", () => {
    expect(sitesWith({ neverTouch: new Set(), skip: [] })).toEqual(expect.arrayContaining(["international", "international locations"]));
    for (const options of [{ neverTouch: new Set(["locations"]), skip: [] }, { neverTouch: new Set<string>(), skip: [{ start: at, end: at + 4 }] }]) {
      const found = sitesWith(options);
      expect(found).not.toContain("international");
      expect(found).not.toContain("international locations");
      expect(found).toContain("Goods");
    }
  });
  it("is no block when a skip span falls between its words only (markup), not on a word", () => {
    const gap = text.indexOf(" locations");
    expect(sitesWith({ neverTouch: new Set(), skip: [{ start: gap, end: gap + 1 }] })).toContain("international");
  });
});
