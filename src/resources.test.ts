import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildCuratedDictionary } from "./dict/curated.js";
import { buildMinedDictionary } from "./dict/mined.js";
import { bundledFiles, compileBundledDictionaries, dictionaryFromCompiled } from "./resources.js";

describe("precompiled dictionaries", () => {
  it("give every key the candidates the parsers give, and nothing for other keys", () => {
    const compiled = compileBundledDictionaries();
    const parsed = {
      curated: buildCuratedDictionary(readFileSync(bundledFiles.curated, "utf8")),
      closedClass: buildCuratedDictionary(readFileSync(bundledFiles.closedClass, "utf8")),
      mined: buildMinedDictionary(readFileSync(bundledFiles.mined, "utf8")),
    };
    for (const name of ["curated", "closedClass", "mined"] as const) {
      const fromCompiled = dictionaryFromCompiled(compiled.dicts[name]);
      const keys = compiled.dicts[name].entries.map(([k]) => k);
      expect(keys.length).toBeGreaterThan(5);
      expect(fromCompiled.maxPhraseWords).toBe(parsed[name].maxPhraseWords);
      for (const k of keys) {
        expect(fromCompiled.lookup(k)).toEqual(parsed[name].lookup(k));
        const first = k.split(" ")[0]!;
        expect(fromCompiled.mayStartPhrase!(first)).toBe(parsed[name].mayStartPhrase!(first));
      }
      for (const k of ["the", "said", "not a key at all"]) expect(fromCompiled.lookup(k)).toEqual(parsed[name].lookup(k));
    }
  });
});
