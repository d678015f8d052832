import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { encodeThesaurusIndex, isFunctionPhrase, THESAURUS_CACHE_KEYS, ThesaurusFormatError, ThesaurusIndex, type IndexCandidate } from "./thesaurus-index.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const BIN = join(ROOT, "dictionaries/thesaurus/reverse.bin");

const SAMPLE = new Map<string, IndexCandidate[]>([
  ["aid", [{ original: "assist", prior: -0.9, sources: 1 }, { original: "help", prior: -0.2, sources: 7 }]],
  ["automobile", [{ original: "car", prior: -0.1, sources: 6 }]],
  ["possess", [{ original: "have", prior: -0.3, sources: 3 }, { original: "own", prior: -0.4, sources: 3 }]],
  ["make an attempt", [{ original: "try", prior: 0, sources: 1 }]],
  ["zebra crossing", [{ original: "crosswalk", prior: -0.5, sources: 4 }, { original: "zebra crossing", prior: -0.1, sources: 1 }]],
  ["zzz", [{ original: "sleep", prior: -1.5, sources: 1 }, { original: "nap", prior: -0.5, sources: 2 }]],
]);

describe("ThesaurusIndex over an encoded sample", () => {
  const bytes = encodeThesaurusIndex(SAMPLE, "sample, built by a test");
  const d = new ThesaurusIndex(bytes);

  it("reads the header", () => {
    expect(d.maxPhraseWords).toBe(3);
    expect(d.provenance).toBe("sample, built by a test");
  });

  it("finds first, middle, phrase and last keys, candidates by prior", () => {
    expect(d.lookup("aid")?.map((c) => c.original)).toEqual(["help", "assist"]);
    expect(d.lookup("automobile")?.[0]?.original).toBe("car");
    // The entry id is made when read (KeyedCandidate), not kept per candidate.
    expect(d.lookup("make an attempt")?.[0]).toMatchObject({ original: "try", tier: "thesaurus", prior: 0, source: "moby", entry: "thesaurus:make an attempt→try" });
    expect(d.lookup("zzz")!.map((x) => x.original)).toEqual(["nap", "sleep"]);
  });

  it("proposes no original made only of function words (a spinner's function-word swaps are the curated table's)", () => {
    expect(d.lookup("possess")!.map((x) => x.original)).toEqual(["own"]);
    expect(isFunctionPhrase("have been")).toBe(true);
    expect(isFunctionPhrase("have a look")).toBe(false);
    expect(isFunctionPhrase("the")).toBe(true);
    expect(isFunctionPhrase("of the this")).toBe(true);
    expect(isFunctionPhrase("theory")).toBe(false);
    expect(isFunctionPhrase("of theory")).toBe(false);
    expect(isFunctionPhrase("the ")).toBe(false);
  });

  it("names the sources and keeps priors to 1/50", () => {
    expect(d.lookup("aid")![0]).toMatchObject({ source: "moby+mythes+wordnet", prior: -0.2, entry: "thesaurus:aid→help" });
    expect(d.lookup("automobile")![0]!.source).toBe("mythes+wordnet");
  });

  it("drops identity candidates, and misses terms that are no key and unknown keys", () => {
    expect(d.lookup("zebra crossing")!.map((x) => x.original)).toEqual(["crosswalk"]);
    for (const k of ["", "a", "aidx", "ai", "zzzz", "make an", "help", "car", "~"]) expect(d.lookup(k)).toBeUndefined();
  });

  it("knows which words start a multi-word key", () => {
    expect(d.mayStartPhrase("make")).toBe(true);
    expect(d.mayStartPhrase("zebra")).toBe(true);
    expect(d.mayStartPhrase("aid")).toBe(false);
    // Only a whole first word followed by a space counts: "mak" and "zebr" are only the start of one.
    expect(d.mayStartPhrase("mak")).toBe(false);
    expect(d.mayStartPhrase("zebr")).toBe(false);
    expect(d.mayStartPhrase("zzz")).toBe(false);
    expect(d.mayStartPhrase("")).toBe(false);
  });

  it("works on a buffer that is not 4-byte aligned", () => {
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    expect(new ThesaurusIndex(shifted.subarray(1)).lookup("aid")?.length).toBe(2);
  });

  it("given a reader for candidates, reads each key's candidates through it and never into its bytes", () => {
    // Bytes that hold only what `ensure` brought in, as the lazily read file does.
    const lazy = new Uint8Array(bytes.length);
    const ensured: [number, number][] = [];
    const ensure = (offset: number, length: number) => {
      ensured.push([offset, length]);
      lazy.set(bytes.subarray(offset, offset + length), offset);
    };
    const reads: [number, number][] = [];
    const scratch = new Uint8Array(64);
    const readCandidates = (offset: number, length: number) => {
      reads.push([offset, length]);
      scratch.set(bytes.subarray(offset, offset + length));
      return scratch.subarray(0, length);
    };
    const fresh = new ThesaurusIndex(lazy, ensure, readCandidates);
    const ensuredAtBuild = ensured.length;
    for (const key of ["aid", "automobile", "make an attempt", "zzz", "nothing"]) expect(fresh.lookup(key)).toEqual(d.lookup(key));
    expect(reads).toHaveLength(4); // one read per key that has candidates
    expect(ensured).toHaveLength(ensuredAtBuild);
    // The candidate words were never copied into the bytes.
    const [first] = reads[0]!;
    expect(lazy.subarray(first, first + 8).every((b) => b === 0)).toBe(true);
  });

  it("refuses what is not an index, and truncated files", () => {
    expect(() => new ThesaurusIndex(new TextEncoder().encode("# unspin reverse thesaurus v1\n"))).toThrow(ThesaurusFormatError);
    expect(() => new ThesaurusIndex(bytes.subarray(0, bytes.length - 10))).toThrow(/truncated/);
    expect(() => encodeThesaurusIndex(new Map([["café", [{ original: "cafe", prior: 0, sources: 1 }]]]), "")).toThrow(/non-ASCII/);
  });
});

describe.skipIf(!existsSync(BIN))("the shipped reverse.bin", () => {
  const d = new ThesaurusIndex(readFileSync(BIN));

  it("knows the first words of its multi-word keys: the same as gathering them from every key", () => {
    // Every key, read straight from the layout (see the file comment of thesaurus-index.ts).
    const bytes = readFileSync(BIN);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const terms = view.getUint32(12, true);
    const pool = 32 + 8 * (terms + 1) + 4 * view.getUint32(16, true);
    const termOffset = (i: number) => view.getUint32(32 + 4 * i, true);
    const candStart = (i: number) => view.getUint32(32 + 4 * (terms + 1) + 4 * i, true);
    const starts = new Set<string>();
    const words = new Set<string>();
    for (let i = 0; i < terms; i++) {
      const term = bytes.toString("latin1", pool + termOffset(i), pool + termOffset(i + 1) - 1);
      for (const w of term.split(/[ -]/)) words.add(w);
      if (candStart(i + 1) > candStart(i) && term.includes(" ")) starts.add(term.slice(0, term.indexOf(" ")));
    }
    expect(starts.size).toBeGreaterThan(1000);
    for (const w of words) expect(d.mayStartPhrase(w), w).toBe(starts.has(w));
  });

  it("keeps a bounded number of keys cached, whatever it is asked", () => {
    const fresh = new ThesaurusIndex(readFileSync(BIN));
    const bytes = readFileSync(BIN);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const terms = view.getUint32(12, true);
    const pool = 32 + 8 * (terms + 1) + 4 * view.getUint32(16, true);
    let asked = 0;
    for (let i = 0; i < terms && asked < 3 * THESAURUS_CACHE_KEYS; i += 7, asked++) {
      const at = pool + view.getUint32(32 + 4 * i, true);
      fresh.lookup(bytes.toString("latin1", at, bytes.indexOf(0, at)));
      expect(fresh.cachedKeys).toBeLessThanOrEqual(THESAURUS_CACHE_KEYS);
    }
    expect(asked).toBe(3 * THESAURUS_CACHE_KEYS);
    // Answers do not depend on what was cached.
    expect(fresh.lookup("mentioned")).toEqual(d.lookup("mentioned"));
  });

  it("holds every candidate of the three thesauri (no cap)", () => {
    expect(d.provenance).toMatch(/keys=\d{5,} .*candidates=\d{7,}/);
    expect(d.lookup("mentioned")!.length).toBeGreaterThan(50);
    expect(d.maxPhraseWords).toBe(4);
  });

  it("reverses real synonym pairs, inflected alike", () => {
    expect(d.lookup("mentioned")!.map((c) => c.original)).toContain("said");
    expect(d.lookup("metropolis")!.map((c) => c.original)).toContain("city");
    expect(d.lookup("mentions")!.map((c) => c.original)).toContain("says");
    expect(d.lookup("assisted")!.map((c) => c.original)).toContain("helped");
    expect(d.lookup("assist")!.map((c) => c.original)).toContain("help");
  });

  it("stores each key's candidates by prior", () => {
    for (const k of ["mentioned", "metropolis", "assist", "chief"]) {
      const priors = d.lookup(k)!.map((c) => c.prior);
      expect(priors).toEqual([...priors].sort((a, b) => b - a));
    }
  });
});
