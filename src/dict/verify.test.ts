/** typos-style verification of the shipped dictionaries (curated + mined). */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildCuratedDictionary, expandEntry, normalizePhrase, parseCurated } from "./curated.js";
import { parseMinedTsv } from "./mined.js";

const read = (rel: string) => readFileSync(new URL(`../../dictionaries/${rel}`, import.meta.url), "utf8");
const curatedText = read("curated/signature.json");
const minedText = read("mined/spinner.tsv");
const curated = parseCurated(curatedText);
const mined = parseMinedTsv(minedText);

/** Raw (pre-normalisation) fields, so the test sees what is really in the file. */
const rawCurated = (JSON.parse(curatedText) as { entries: Array<{ spun: string; original: string | string[] }> }).entries;
const rawMined = minedText
  .split("\n")
  .filter((l) => l.trim() && !l.startsWith("#"))
  .map((l) => l.split("\t"));

const isNormal = (s: string) => s.length > 0 && s === normalizePhrase(s) && !/[’‘]/.test(s);

describe("curated/signature.json", () => {
  it("has entries", () => expect(curated.length).toBeGreaterThan(20));
  it("has no duplicate spun keys", () => {
    const keys = rawCurated.map((e) => e.spun);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });
  it("has normalised keys and originals and no identity entries", () => {
    for (const e of rawCurated) {
      const originals = typeof e.original === "string" ? [e.original] : e.original;
      expect(isNormal(e.spun), e.spun).toBe(true);
      for (const o of originals) {
        expect(isNormal(o), o).toBe(true);
        expect(o).not.toBe(e.spun);
      }
    }
  });
  it("has at least one fix and one keep example per entry, fix examples containing the spun form", () => {
    for (const e of curated) {
      expect(e.examples.fix.length, e.spun).toBeGreaterThan(0);
      expect(e.examples.keep.length, e.spun).toBeGreaterThan(0);
      const forms = expandEntry(e).map((p) => p.spun);
      for (const f of e.examples.fix) {
        expect(forms.some((k) => normalizePhrase(f.text).includes(k)), f.text).toBe(true);
      }
    }
  });
  it("generates the expected inflections", () => {
    const d = buildCuratedDictionary(curatedText);
    const best = (k: string) => d.lookup(k)?.[0]?.original;
    expect(best("time periods")).toBe("terms");
    expect(best("makes an attempt")).toBe("attempts");
    expect(best("made an attempt")).toBe("attempted");
    expect(best("making an attempt")).toBe("attempting");
    expect(best("historical pasts")).toBe("histories");
    expect(best("working systems")).toBe("operating systems");
    expect(best("got here")).toBe("came");
    expect(d.lookup("time period")?.[0]?.entry).toBe("signature:time period→term");
  });
});

describe("mined/spinner.tsv", () => {
  it("has rows with provenance", () => {
    expect(mined.length).toBeGreaterThan(50);
    for (const r of mined) expect(r.docs.length, r.spun).toBeGreaterThan(0);
  });
  it("has no duplicate (spun, original) rows and no identity rows", () => {
    const keys = rawMined.map((c) => `${c[0]}\t${c[1]}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    expect(rawMined.filter((c) => c[0] === c[1])).toEqual([]);
  });
  it("has normalised keys and originals (originals may keep the capitals of a name)", () => {
    for (const c of rawMined) {
      expect(isNormal(c[0]!), c[0]).toBe(true);
      expect(isNormal(c[1]!.toLowerCase()), c[1]).toBe(true);
    }
  });
});

describe("curated + mined together", () => {
  it("has no cycles (a → b and b → a)", () => {
    const edges = new Set<string>();
    for (const e of curated) for (const p of expandEntry(e)) edges.add(`${p.spun}\t${p.original}`);
    for (const r of mined) edges.add(`${r.spun}\t${r.original.toLowerCase()}`);
    const cycles = [...edges].filter((e) => {
      const [a, b] = e.split("\t");
      return edges.has(`${b}\t${a}`);
    });
    expect(cycles).toEqual([]);
  });
});
