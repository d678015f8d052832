import { describe, expect, it } from "vitest";
import diff from "fast-diff";
import { ANCHOR_ABOVE, alignSubstitutions, anchoredDiff, escapeControls, formatProposals, mineEntries, sharedPairs, tokenize } from "./align.js";
import { reviewRow } from "./review.js";
import { readDictionary } from "../dict/formats.js";

describe("tokenize", () => {
  it("keeps apostrophes and hyphens inside words and splits punctuation", () => {
    expect(tokenize("China’s second-largest city, “he said.”").map((t) => t.text)).toEqual([
      "China’s", "second-largest", "city", ",", "“", "he", "said", ".", "”",
    ]);
    expect(tokenize("China’s")[0]!.key).toBe("china's");
  });
});

describe("alignSubstitutions", () => {
  it("finds word and phrase swaps with offsets into the spun text", () => {
    const spun = "The council mentioned the time period ends in May.";
    const orig = "The council said the term ends in May.";
    const subs = alignSubstitutions(spun, orig);
    expect(subs.map((s) => [s.spun, s.original])).toEqual([
      ["mentioned", "said"],
      ["time period", "term"],
    ]);
    for (const s of subs) expect(spun.slice(s.spunStart, s.spunEnd)).toBe(s.spun);
  });
  it("ignores case-only and quote-only differences, deletions and long rewrites", () => {
    expect(alignSubstitutions("“Hello,” THE man said.", '"hello," the man said.')).toEqual([]);
    expect(alignSubstitutions("We left {dollars} behind.", "We left dollars behind.")).toEqual([]);
    expect(alignSubstitutions("a b c d e f g h", "a z y x w v u h")).toEqual([]);
    expect(alignSubstitutions("It rained hard.", "It rained.")).toEqual([]);
  });
  it("with headWords, takes words added around a head word with their head", () => {
    const opts = { headWords: true };
    expect(alignSubstitutions("Read the content material for details.", "Read the content for details.", opts).map((s) => [s.spun, s.original])).toEqual([
      ["content material", "content"],
    ]);
    expect(alignSubstitutions("A brand new car.", "A new car.", opts).map((s) => [s.spun, s.original])).toEqual([["brand new", "new"]]);
    // A dropped word is the same, the other way round.
    expect(alignSubstitutions("Tea for breakfast.", "Green tea for breakfast.", opts).map((s) => [s.spun, s.original])).toEqual([["Tea", "Green tea"]]);
    // Ambiguous (content words on both sides), function words only, or punctuation: dropped as without the option.
    expect(alignSubstitutions("It rained very hard today.", "It rained hard today.", opts)).toEqual([]);
    expect(alignSubstitutions("Open the door.", "Open door.", opts)).toEqual([]);
    expect(alignSubstitutions("It rained hard.", "It rained.")).toEqual([]);
  });
  it("finds every swap in texts of 5,000 and of 60,000 tokens (the long pair cut at anchors)", () => {
    for (const length of [5_000, 60_000]) {
      const words = Array.from({ length }, (_, i) => `w${i % 7000}`);
      const orig = words.join(" ");
      const spun = words.map((w, i) => (i % 50 === 0 ? "mentioned" : w)).join(" ");
      const subs = alignSubstitutions(spun, orig);
      expect(subs.length).toBe(length / 50);
      expect(subs.every((s) => s.spun === "mentioned")).toBe(true);
    }
  });
});

describe("anchoredDiff", () => {
  /** Two token strings (one code unit per token, as encode makes them) of `length`: one token in five changed. */
  function pair(length: number) {
    let state = 7;
    const rand = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
    let a = "";
    let b = "";
    let kept = 0;
    for (let i = 0; i < length; i++) {
      // Some common tokens repeated throughout, the rest from a vocabulary that grows with the text, as in prose.
      const token = String.fromCharCode(rand() < 0.3 ? 0x100 + Math.floor(rand() * 50) : 0x200 + Math.floor(rand() * (length / 4)));
      b += token;
      const spun = rand() < 0.2;
      a += spun ? String.fromCharCode(0xb000 + Math.floor(rand() * 5_000)) : token;
      if (!spun) kept++;
    }
    return { a, b, kept };
  }
  /** The work of a Myers diff is bounded by the product of its two lengths: summed over the calls it makes. */
  function work(a: string, b: string) {
    let product = 0;
    const parts = anchoredDiff(a, b, (x, y) => {
      product += x.length * y.length;
      return diff(x, y) as [-1 | 0 | 1, string][];
    });
    return { parts, product };
  }

  it("gives a diff of the two strings", () => {
    const { a, b, kept } = pair(3 * ANCHOR_ABOVE);
    const { parts } = work(a, b);
    expect(parts.filter(([op]) => op !== 1).map(([, s]) => s).join("")).toBe(a);
    expect(parts.filter(([op]) => op !== -1).map(([, s]) => s).join("")).toBe(b);
    // Nearly every token the spin kept is matched (a whole diff would match at least those).
    const equal = parts.filter(([op]) => op === 0).reduce((n, [, s]) => n + s.length, 0);
    expect(equal).toBeGreaterThan(0.97 * kept);
  });

  it("costs work in proportion to the length above ANCHOR_ABOVE, not its square", () => {
    const measure = (length: number) => {
      const { a, b } = pair(length);
      return work(a, b).product;
    };
    const small = measure(ANCHOR_ABOVE + 1);
    const large = measure(4 * ANCHOR_ABOVE + 4);
    expect(large / small).toBeLessThan(6);
    // Below it, one diff of the whole, as before.
    const { a, b } = pair(ANCHOR_ABOVE);
    expect(work(a, b).product).toBe(a.length * b.length);
  });

  /** One passage of `passage` tokens repeated to `length`, spun anew in each copy: no token is unique to either side. */
  function repeated(length: number, passage = 300) {
    const { b: original } = pair(passage);
    let state = 11;
    const rand = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
    let a = "";
    let b = "";
    let kept = 0;
    for (let i = 0; i < length; i++) {
      const token = original[i % passage]!;
      b += token;
      const spun = rand() < 0.2;
      a += spun ? String.fromCharCode(0xb000 + Math.floor(rand() * 50)) : token;
      if (!spun) kept++;
    }
    return { a, b, kept };
  }

  it("aligns a passage repeated (nothing to anchor on) in work that grows with the length, not its square", () => {
    const { a, b, kept } = repeated(4 * ANCHOR_ABOVE);
    const { parts, product } = work(a, b);
    expect(parts.filter(([op]) => op !== 1).map(([, s]) => s).join("")).toBe(a);
    expect(parts.filter(([op]) => op !== -1).map(([, s]) => s).join("")).toBe(b);
    const equal = parts.filter(([op]) => op === 0).reduce((n, [, s]) => n + s.length, 0);
    expect(equal).toBeGreaterThan(0.97 * kept);
    const small = repeated(ANCHOR_ABOVE + 1);
    expect(product / work(small.a, small.b).product).toBeLessThan(6);
  });
});

describe("mineEntries", () => {
  const pairs = [
    { id: "a", spun: "He mentioned the invoice handed.", original: "He said the bill passed." },
    { id: "b", spun: "She mentioned the invoice.", original: "She said the bill." },
  ];
  it("aggregates normalised rows with counts and docs, splitting adjacent swaps", () => {
    const rows = mineEntries(pairs);
    expect(rows.map((r) => [r.spun, r.original, r.count, r.docs.join(",")])).toEqual([
      ["invoice", "bill", 2, "a,b"],
      ["mentioned", "said", 2, "a,b"],
      ["handed", "passed", 1, "a"],
    ]);
    expect(formatProposals(rows).split("\n")[1]).toBe("invoice\tbill\t2\ta,b");
  });
});

describe("reviewRow", () => {
  const row = (spun: string, original: string) => ({ spun, original, count: 1, docs: ["x"] });
  it.each([
    ["mentioned", "said", true],
    ["in opposition to", "against", true],
    ["within", "in", false],
    ["5", "five", false],
    ["2 international locations", "two countries", false],
    ["that is", "that's", false],
    ["officials", "official", false],
    ["said", "said", false],
    ["extra simply", "more just", true],
  ])("%s → %s keep=%s", (spun, original, keep) => {
    expect(reviewRow(row(spun, original)).keep).toBe(keep);
  });
  it("keeps words added around a head word only when seen twice and not function words only", () => {
    const seen = (spun: string, original: string, count: number) => reviewRow({ spun, original, count, docs: ["x"] });
    expect(seen("content material", "content", 2).keep).toBe(true);
    expect(seen("brand new", "new", 3).keep).toBe(true);
    expect(seen("content material", "content", 1)).toEqual({ keep: false, reason: "words added around a head word, seen once" });
    expect(seen("the people", "people", 5).keep).toBe(false);
    expect(seen("very big house", "big", 5).keep).toBe(false); // not a whole head on one edge
  });
});

describe("reviewProposals", () => {
  it("breaks cycles: keeps the stronger direction, drops ties", async () => {
    const { reviewProposals } = await import("./review.js");
    const r = (spun: string, original: string, count: number) => ({ spun, original, count, docs: ["x"] });
    const { kept } = reviewProposals([r("energy", "power", 5), r("power", "energy", 2), r("price", "worth", 1), r("worth", "price", 1)]);
    expect(kept.map((x) => x.spun)).toEqual(["energy"]);
  });
});

describe("splitting a region of adjacent swaps with a source of known pairs", () => {
  const known = (spun: string, original: string) => spun === "superior" && original === "advanced";
  it("splits where a pair is known and keeps the rest as its own event", () => {
    const subs = alignSubstitutions("We sell tea in addition to superior cakes.", "We sell tea as well as advanced cakes.", { knownPair: known });
    expect(subs.map((s) => `${s.spun}←${s.original}`)).toEqual(["in addition to←as well as", "superior←advanced"]);
  });
  it("keeps a region whole when nothing in it is known", () => {
    const subs = alignSubstitutions("We sell tea in addition to fine cakes.", "We sell tea as well as good cakes.", { knownPair: known });
    expect(subs.map((s) => `${s.spun}←${s.original}`)).toEqual(["in addition to fine←as well as good"]);
  });
});

describe("sharedPairs", () => {
  it("is high for a spun text and its original, low for unrelated texts that share only function words", () => {
    const original = "The leader said the economy grew this year, and the city council will meet again next week.";
    const spun = "The chief mentioned the financial system grew this 12 months, and the metropolis council will meet once more subsequent week.";
    const other = "In the north the rain fell on the hills and the river rose over the fields of the farm.";
    expect(sharedPairs(spun, original)).toBeGreaterThan(0.15);
    expect(sharedPairs(other, original)).toBeLessThan(0.12);
    expect(sharedPairs("", original)).toBe(1);
  });
});

describe("formatProposals output as a --dict file", () => {
  it("loads back whole, even when its first row reads like a header (the column names are in its # comment line)", () => {
    const rows = [
      { spun: "word", original: "term", count: 3, docs: ["spun.txt"] },
      { spun: "key", original: "crucial", count: 2, docs: ["spun.txt"] },
      { spun: "mentioned", original: "said", count: 1, docs: ["spun.txt"] },
    ];
    const read = readDictionary(formatProposals(rows));
    expect(read.problems).toEqual([]);
    expect(read.pairs.map((p) => `${p.spun}→${p.original}@${p.line}`)).toEqual(["word→term@2", "key→crucial@3", "mentioned→said@4"]);
  });
});

describe("doc ids in formatProposals", () => {
  it("write a tab, line break or other control character of a file name as an escape, so the TSV keeps its rows", () => {
    expect(escapeControls("a\tb\nc\rd\u0007e\u2028f.txt")).toBe("a\\tb\\nc\\rd\\u0007e\\u2028f.txt");
    expect(escapeControls("plain name, é.txt")).toBe("plain name, é.txt");
    const text = formatProposals([{ spun: "mentioned", original: "said", count: 2, docs: ["evil\nname\t.txt", "x.txt"] }]);
    expect(text).toBe("# spun\toriginal\tcount\tdocs\nmentioned\tsaid\t2\tevil\\nname\\t.txt,x.txt\n");
    const read = readDictionary(text);
    expect(read.problems).toEqual([]);
    expect(read.pairs.map((p) => `${p.spun}→${p.original}`)).toEqual(["mentioned→said"]);
  });
});
