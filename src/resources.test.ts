import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildCuratedDictionary } from "./dict/curated.js";
import { buildMinedDictionary } from "./dict/mined.js";
import { keyPrefixes } from "./dict/combine.js";
import { parseTorturedRows } from "./dict/tortured.js";
import { bundledFiles, compileBundledDictionaries, dictionaryFromCompiled, fingerprint, loadBundledResources, torturedKeys, unchangedSince } from "./resources.js";

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
  it("record each source's size and modification time: a source that keeps both is not read again, an edited one is", () => {
    const compiled = compileBundledDictionaries();
    for (const [name, path] of [["curated", bundledFiles.curated], ["closedClass", bundledFiles.closedClass], ["mined", bundledFiles.mined], ["tortured", bundledFiles.tortured]] as const) {
      const st = statSync(path);
      expect(compiled.stats?.[name]).toEqual({ size: st.size, mtimeMs: st.mtimeMs });
      expect(unchangedSince(path, compiled.stats?.[name])).toBe(true);
    }
    const dir = mkdtempSync(join(tmpdir(), "unspin-stat-"));
    try {
      const file = join(dir, "source.tsv");
      writeFileSync(file, "spun\toriginal\n");
      const before = statSync(file);
      const record = { size: before.size, mtimeMs: before.mtimeMs };
      expect(unchangedSince(file, record)).toBe(true);
      // Edited to the same size: the modification time tells (the fingerprint then decides).
      writeFileSync(file, "spin\toriginal\n");
      utimesSync(file, before.atime, new Date(before.mtimeMs + 2000));
      expect(unchangedSince(file, record)).toBe(false);
      // Edited to another size with the old time put back: the size tells.
      writeFileSync(file, "spun\toriginals\n");
      utimesSync(file, before.atime, before.mtime);
      expect(unchangedSince(file, record)).toBe(false);
      expect(unchangedSince(join(dir, "missing.tsv"), record)).toBe(false);
      expect(unchangedSince(file, undefined)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("record each source by its fingerprint, so an edited source is parsed instead of read from the compiled file", () => {
    const compiled = compileBundledDictionaries();
    const print = (path: string) => fingerprint(readFileSync(path));
    expect(compiled.hashes).toEqual({ curated: print(bundledFiles.curated), closedClass: print(bundledFiles.closedClass), mined: print(bundledFiles.mined) });
    expect(compiled.tortured!.hash).toBe(print(bundledFiles.tortured));
    // One byte changed, swapped or added changes it.
    const bytes = readFileSync(bundledFiles.mined);
    const seen = new Set([fingerprint(bytes)]);
    for (let i = 0; i < bytes.length; i += 97) {
      const edited = Uint8Array.from(bytes);
      edited[i] = edited[i]! ^ 1;
      seen.add(fingerprint(edited));
    }
    const swapped = Uint8Array.from(bytes);
    [swapped[10], swapped[11]] = [swapped[11]!, swapped[10]!];
    if (swapped[10] !== swapped[11]) seen.add(fingerprint(swapped));
    seen.add(fingerprint(Uint8Array.from([...bytes, 0x0a])));
    expect(seen.size).toBe(1 + Math.ceil(bytes.length / 97) + (swapped[10] !== swapped[11] ? 1 : 0) + 1);
    // The same hash wherever the bytes sit in their buffer (aligned or not) and whatever their length: the compiled
    // file recorded at build time must match at run time. A fixed value pins it across versions of this code.
    for (let offset = 0; offset < 4; offset++) {
      for (const length of [0, 1, 3, 4, 5, 1000, 1003]) {
        const buffer = new Uint8Array(offset + length + 8);
        for (let i = 0; i < buffer.length; i++) buffer[i] = (i * 37 + 11) & 0xff;
        const at = buffer.subarray(offset, offset + length);
        expect(fingerprint(at)).toBe(fingerprint(Uint8Array.from(at)));
      }
    }
    expect(fingerprint(new TextEncoder().encode("unspin fingerprint\n"))).toBe("0566b1d4172501f1-19"); // as computed before the loop was rewritten
    // No copy of the sources: start-up reads the compiled file and the sources' bytes, not the sources twice.
    expect(JSON.stringify(compiled).length).toBeLessThan(readFileSync(bundledFiles.tortured).length);
  });
  it("give the tortured list's keys (as its parser reads them) and their phrase prefixes", () => {
    const text = readFileSync(bundledFiles.tortured, "utf8");
    const compiled = compileBundledDictionaries().tortured!;
    const keys = parseTorturedRows(text).map((r) => r.key);
    expect(keys.length).toBeGreaterThan(1000);
    expect(torturedKeys(text)).toEqual(keys);
    expect(compiled.keys).toEqual(keys);
    expect(new Set(compiled.prefixes)).toEqual(keyPrefixes(keys));
    expect(compiled.prefixes).toContain("bosom");
    // The bundled dictionary answers from the keys: a listed phrase has its term, a word that is no key nothing.
    const { gateDictionary } = loadBundledResources();
    expect(gateDictionary!.lookup("arbitrary timber")?.map((c) => c.original)).toContain("random forest");
    expect(gateDictionary!.mayStartPhrase!("arbitrary")).toBe(true);
  });
});
