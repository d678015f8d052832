import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bundledFiles, loadBundledThesaurus } from "../resources.js";
import { NeverPropose, parseNeverPropose } from "./never-propose.js";
import { encodeThesaurusIndex, ThesaurusIndex } from "./thesaurus-index.js";

describe("NeverPropose", () => {
  const list = new NeverPropose(["brute", "foul word", "Grim"]);

  it("holds an entry as a word of a phrase, plural, past or -ing, and a phrase entry as whole words", () => {
    for (const p of ["brute", "a brute force", "brutes", "grimed", "griming", "grim-faced", "said a foul word", "foul-word"]) expect(list.holds(p), p).toBe(true);
    for (const p of ["brutal", "grimace", "foul words play", "fouled word", "word foul", "bru"]) expect(list.holds(p), p).toBe(false);
  });
});

describe("the thesaurus with a never-propose list", () => {
  const sample = new Map([
    ["rough", [{ original: "brute", prior: -0.3, sources: 1 }, { original: "coarse", prior: -0.5, sources: 3 }]],
    ["brutal", [{ original: "brute", prior: -0.1, sources: 1 }, { original: "cruel", prior: -0.2, sources: 3 }]],
  ]);
  const d = new ThesaurusIndex(encodeThesaurusIndex(sample, "test"), undefined, undefined, new NeverPropose(["brute", "brutal"]));

  it("drops such an original, unless the spun form holds such a word itself", () => {
    expect(d.lookup("rough")?.map((c) => c.original)).toEqual(["coarse"]);
    expect(d.lookup("brutal")?.map((c) => c.original)).toEqual(["brute", "cruel"]);
  });
});

describe("the bundled never-propose list", () => {
  const text = readFileSync(bundledFiles.neverPropose, "utf8");
  const entries = text.split("\n").filter((l) => l && !l.startsWith("#"));

  it("names its source and licence, and holds lower-case entries, each once", () => {
    expect(text).toMatch(/CC BY 4\.0/);
    expect(entries.length).toBeGreaterThan(300);
    expect(new Set(entries).size).toBe(entries.length);
    for (const e of entries) expect(e, e).toMatch(/^[a-z][a-z '-]*[a-z]$/);
    expect(parseNeverPropose(text).holds("violations")).toBe(false);
  });

  it("keeps the bundled thesaurus from proposing its words for ordinary ones (violation → rape)", () => {
    const th = loadBundledThesaurus();
    const originals = (w: string) => (th.lookup(w) ?? []).map((c) => c.original);
    const list = parseNeverPropose(text);
    expect(originals("violation")).toContain("infringement");
    for (const w of ["violation", "violations", "tools", "fails"]) for (const o of originals(w)) expect(list.holds(o), `${w} → ${o}`).toBe(false);
  });
});

// scripts/build-thesaurus.mjs drops the pairs that would turn a word for a person or a group of people into a race,
// nationality or religion (Moby files "black" and "white" under "the man" and "boy", "german" under "family").
describe("the bundled thesaurus and identity terms", () => {
  const th = loadBundledThesaurus();
  const originals = (w: string) => (th.lookup(w) ?? []).map((c) => c.original);

  it("proposes no race, nationality or religion for a word naming people", () => {
    const identities = ["black", "white", "indian", "jewish", "german", "oriental", "caucasian", "whitey", "red man", "colored person"];
    for (const w of ["the man", "man", "boy", "boys", "person", "folks", "family", "people", "individuals"]) {
      const list = originals(w);
      for (const id of identities) expect(list, `${w} → ${id}`).not.toContain(id);
    }
    expect(originals("boy")).toContain("lad");
    expect(originals("folks")).toContain("people");
  });

  it("keeps colours where the spun word names no person", () => {
    expect(originals("dark")).toContain("black");
    expect(originals("pale")).toContain("white");
  });
});
