import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseThesaurus } from "./thesaurus.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const TSV = join(ROOT, "dictionaries/thesaurus/reverse.tsv");
const LM = join(ROOT, "dictionaries/lm/en-us.lm.bin");

const SAMPLE = [
  "# test sample",
  "# keys=5 candidates=7 maxPhraseWords=3",
  "aid\thelp;-0.2;MTW\tassist;-0.9;M",
  "automobile\tcar;-0.1;TW",
  "make an attempt\ttry;0;M",
  "zebra crossing\tcrosswalk;-0.5;W\tzebra crossing;-0.1;M",
  "zzz\tsleep;-1.5;M\tnap;-0.5;T",
  "",
].join("\n");

describe("parseThesaurus on an inline sample", () => {
  const d = parseThesaurus(SAMPLE);

  it("reads maxPhraseWords from the header", () => {
    expect(d.maxPhraseWords).toBe(3);
  });

  it("finds first, middle, phrase and last keys", () => {
    expect(d.lookup("aid")?.map((c) => c.original)).toEqual(["help", "assist"]);
    expect(d.lookup("automobile")?.[0]?.original).toBe("car");
    expect(d.lookup("make an attempt")?.[0]).toEqual({
      original: "try",
      tier: "thesaurus",
      prior: 0,
      source: "moby",
      entry: "thesaurus:make an attempt→try",
    });
    expect(d.lookup("zzz")?.length).toBe(2);
  });

  it("maps source codes and sorts by prior", () => {
    const c = d.lookup("aid")!;
    expect(c[0]).toMatchObject({ source: "moby+mythes+wordnet", prior: -0.2, entry: "thesaurus:aid→help" });
    expect(d.lookup("zzz")!.map((x) => x.original)).toEqual(["nap", "sleep"]);
  });

  it("drops identity candidates and misses unknown keys", () => {
    expect(d.lookup("zebra crossing")!.map((x) => x.original)).toEqual(["crosswalk"]);
    for (const k of ["", "a", "aidx", "ai", "zzzz", "make an", "help", "# test sample"]) expect(d.lookup(k)).toBeUndefined();
  });

  it("caches lookups (same array each time)", () => {
    expect(d.lookup("aid")).toBe(d.lookup("aid"));
  });

  it("works without a header and with CRLF line ends", () => {
    const e = parseThesaurus("b c\tx;-1;M\r\nd\ty;-0.5;W\r\n");
    expect(e.maxPhraseWords).toBe(2);
    expect(e.lookup("b c")?.[0]?.original).toBe("x");
    expect(e.lookup("d")?.[0]?.source).toBe("wordnet");
    expect(parseThesaurus("").lookup("x")).toBeUndefined();
  });
});

/** Word list of the language model (its last section: int32 k, then k bytes of NUL-terminated words). */
function lmVocab(): Set<string> {
  const buf = readFileSync(LM);
  const order = buf[19]!;
  const counts: number[] = [];
  for (let i = 0; i < order; i++) counts.push(buf.readUInt32LE(20 + 4 * i));
  const [V, nBi, nTri] = counts as [number, number, number];
  let off = ((20 + 4 * order + 4 + 3) & ~3) + 3 * 65536 * 4 + (V + 1) * 12;
  const bits = (n: number) => Math.ceil(Math.log2(n + 1));
  off += Math.floor(((1 + nBi) * (bits(V) + 32 + bits(nTri)) + 7) / 8) + 8;
  off += Math.floor(((1 + nTri) * (bits(V) + 16) + 7) / 8) + 8;
  const k = buf.readInt32LE(off);
  return new Set(buf.subarray(off + 4, off + 4 + k).toString("utf8").split("\0").filter(Boolean));
}

const FUNCTION_WORDS = "the a an of and to in is are was were be been it that this for on with as at by or not".split(" ");

describe.skipIf(!existsSync(TSV))("the compiled reverse.tsv", () => {
  const text = existsSync(TSV) ? readFileSync(TSV, "utf8") : "";

  it("loads fast and knows its longest phrase", () => {
    const t0 = performance.now();
    const d = parseThesaurus(text);
    d.lookup("mentioned");
    expect(performance.now() - t0).toBeLessThan(50);
    expect(d.maxPhraseWords).toBeGreaterThanOrEqual(2);
    expect(d.maxPhraseWords).toBeLessThanOrEqual(4);
  });

  it("has the known spinner pairs", () => {
    const d = parseThesaurus(text);
    const has = (spun: string, orig: string) => d.lookup(spun)?.some((c) => c.original === orig) ?? false;
    expect(has("mentioned", "said")).toBe(true);
    expect(d.lookup("mentioned")?.[0]?.original).toBe("said");
    expect(has("stated", "said")).toBe(true);
    expect(has("assist", "help")).toBe(true);
    expect(has("assisted", "helped")).toBe(true); // inflected pair
    expect(has("pal", "friend")).toBe(true);
    expect(has("folks", "people")).toBe(true);
    expect(has("navy", "military")).toBe(true);
  });

  it("has no function-word keys and no identity pairs; sorted, capped, in the LM vocabulary", () => {
    const vocab = lmVocab();
    const d = parseThesaurus(text);
    for (const w of FUNCTION_WORDS) expect(d.lookup(w), w).toBeUndefined();
    let prevKey = "";
    let lines = 0;
    for (const line of text.split("\n")) {
      if (!line || line.startsWith("#")) continue;
      lines++;
      const [key, ...fields] = line.split("\t");
      expect(key! > prevKey, `sorted: ${key}`).toBe(true);
      prevKey = key!;
      const n = key!.split(" ").length;
      expect(n).toBeLessThanOrEqual(4);
      expect(fields.length).toBeGreaterThan(0);
      expect(fields.length).toBeLessThanOrEqual(n > 1 ? 3 : 20);
      for (const w of key!.split(" ")) if (!vocab.has(w)) throw new Error(`key word not in LM vocabulary: ${key}`);
      let prev = 0;
      for (const f of fields) {
        const [orig, prior] = f.split(";");
        if (orig === key) throw new Error(`identity pair: ${key}`);
        const p = Number(prior);
        if (!(p <= prev + 1e-9)) throw new Error(`not sorted by prior: ${line.slice(0, 200)}`);
        prev = p;
        for (const w of orig!.split(" ")) if (!vocab.has(w)) throw new Error(`original not in LM vocabulary: ${key} → ${orig}`);
      }
    }
    expect(lines).toBeGreaterThan(10000);
  });

  it("lookup agrees with the file for a sample of keys", () => {
    const d = parseThesaurus(text);
    const lines = text.split("\n").filter((l) => l && !l.startsWith("#"));
    for (let i = 0; i < lines.length; i += 997) {
      const [key, ...fields] = lines[i]!.split("\t");
      const got = d.lookup(key!);
      expect(got?.map((c) => c.original)).toEqual(fields.map((f) => f.split(";")[0]));
      expect(got?.every((c) => c.prior <= 0 && c.tier === "thesaurus" && c.entry.startsWith("thesaurus:"))).toBe(true);
    }
  });
});

describe("the shipped thesaurus file", () => {
  it("is plain ASCII, so the loader can take its fast Latin-1 path", async () => {
    const { isAscii } = await import("node:buffer");
    expect(isAscii(readFileSync(TSV))).toBe(true);
  });
});
