import { describe, expect, it } from "vitest";
import { CuratedFormatError, buildCuratedDictionary, expandEntry, parseCurated } from "./curated.js";
import { buildMinedDictionary, minedPrior, parseMinedTsv } from "./mined.js";
import { combineDictionaries } from "./combine.js";
import type { PhraseDictionary } from "./types.js";

const entry = (over: Record<string, unknown> = {}) => ({
  spun: "time period",
  original: "term",
  pos: "n",
  tier: "signature",
  prior: -0.3,
  note: "test",
  examples: { fix: [{ text: "a second time period", expect: "a second term" }], keep: ["the time period of the study"] },
  ...over,
});
const doc = (...entries: unknown[]) => JSON.stringify({ entries });

describe("parseCurated", () => {
  it("accepts a valid file and normalises original to a list", () => {
    const [e] = parseCurated(doc(entry()));
    expect(e?.original).toEqual(["term"]);
  });
  it.each([
    [{ spun: "Time period" }, "spun"],
    [{ spun: "time  period" }, "spun"],
    [{ original: [] }, "original"],
    [{ original: "other" }, "original"],
    [{ pos: "noun" }, "pos"],
    [{ tier: "mined" }, "tier"],
    [{ prior: 0.5 }, "prior"],
    [{ unmistakable: "yes" }, "unmistakable"],
    [{ note: "" }, "note"],
    [{ examples: { fix: [], keep: ["x"] } }, "examples.fix"],
    [{ examples: { fix: [{ text: "a", expect: "b" }], keep: [] } }, "examples.keep"],
    [{ extra: 1 }, "extra"],
  ])("rejects %j naming field %s", (over, field) => {
    try {
      parseCurated(doc(entry(), entry({ spun: "other", ...over })));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CuratedFormatError);
      expect((e as CuratedFormatError).index).toBe(1);
      expect((e as CuratedFormatError).field).toBe(field);
      expect((e as Error).message).toMatch(/^entry 1 /);
    }
  });
  it("rejects duplicate spun keys and bad JSON", () => {
    expect(() => parseCurated(doc(entry(), entry()))).toThrow(/entry 1 \(spun\): duplicate/);
    expect(() => parseCurated("{")).toThrow(CuratedFormatError);
  });
});

describe("curated dictionary", () => {
  it("expands inflections and pairs them by tag", () => {
    const [e] = parseCurated(doc(entry({ spun: "make an attempt", original: "attempt", pos: "v" })));
    const pairs = expandEntry(e!).map((p) => `${p.spun}→${p.original}`);
    expect(pairs).toEqual([
      "make an attempt→attempt",
      "makes an attempt→attempts",
      "made an attempt→attempted",
      "making an attempt→attempting",
    ]);
  });
  it("builds candidates with entry ids, ranks and maxPhraseWords", () => {
    const d = buildCuratedDictionary(doc(entry(), entry({ spun: "akin to", original: ["such as", "like"], pos: "-", prior: 0 })));
    expect(d.lookup("time periods")).toEqual([
      { original: "terms", tier: "signature", prior: -0.3, source: "curated", entry: "signature:time period→term" },
    ]);
    const akin = d.lookup("akin to")!;
    expect(akin.map((c) => c.original)).toEqual(["such as", "like"]);
    expect(akin[1]!.prior).toBeCloseTo(-0.3);
    expect(akin[1]!.entry).toBe("signature:akin to→such as");
    expect(d.lookup("term")).toBeUndefined();
    expect(d.maxPhraseWords).toBe(2);
  });
  it("marks the candidates of an unmistakable entry, in every inflection, and no others", () => {
    const d = buildCuratedDictionary(doc(entry(), entry({ spun: "recordsdata", original: "files", pos: "-", prior: 0, unmistakable: true })));
    expect(d.lookup("recordsdata")).toEqual([{ original: "files", tier: "signature", prior: 0, source: "curated", entry: "signature:recordsdata→files", unmistakable: true }]);
    expect(d.lookup("time periods")![0]!.unmistakable).toBeUndefined();
  });
});

describe("mined dictionary", () => {
  const tsv = "# spun\toriginal\tcount\tdocs\nmentioned\tsaid\t3\tdevset:01,seed\nmentioned\tdiscussed\t1\tseed\ncourse of\tprocess\t2\tdevset:07\n";
  it("parses rows with provenance", () => {
    expect(parseMinedTsv(tsv)[0]).toEqual({ spun: "mentioned", original: "said", count: 3, docs: ["devset:01", "seed"], kept: 0 });
    expect(parseMinedTsv("home\thouse\t2\tseed\t5\n")[0]!.kept).toBe(5);
    expect(() => parseMinedTsv("home\thouse\t2\tseed\t-1\n")).toThrow(/kept/);
    expect(() => parseMinedTsv("a\tb\tzero\n")).toThrow(/line 1/);
    expect(() => parseMinedTsv("x\n\nonly-one-col\n")).toThrow(/line 1/);
  });
  it("derives priors from counts", () => {
    const d = buildMinedDictionary(tsv);
    const c = d.lookup("mentioned")!;
    expect(c.map((x) => x.original)).toEqual(["said", "discussed"]);
    expect(c[0]!.prior).toBeCloseTo(minedPrior(3, 4));
    // A form often seen standing for itself is a weaker sign of a swap.
    expect(minedPrior(1, 1, 5)).toBeLessThan(minedPrior(1, 1, 0));
    expect(c[0]).toMatchObject({ tier: "mined", source: "mined", entry: "mined:mentioned→said" });
    expect(d.maxPhraseWords).toBe(2);
  });
});

describe("combineDictionaries", () => {
  const fixed = (max: number, map: Record<string, PhraseDictionary extends { lookup(k: string): infer R } ? NonNullable<R> : never>): PhraseDictionary => ({
    maxPhraseWords: max,
    lookup: (k) => map[k],
  });
  it("merges candidates, keeping the best tier then prior per original", () => {
    const a = fixed(2, { x: [{ original: "y", tier: "mined", prior: -0.1, source: "mined", entry: "mined:x→y" }] });
    const b = fixed(4, {
      x: [
        { original: "y", tier: "signature", prior: -0.5, source: "curated", entry: "signature:x→y" },
        { original: "z", tier: "thesaurus", prior: -2, source: "moby", entry: "moby:x→z" },
      ],
    });
    const d = combineDictionaries([a, b]);
    expect(d.maxPhraseWords).toBe(4);
    expect(d.lookup("x")!.map((c) => c.entry)).toEqual(["signature:x→y", "moby:x→z"]);
    expect(d.lookup("nothing")).toBeUndefined();
  });
});
