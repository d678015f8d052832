import { describe, expect, it } from "vitest";
import { KeyedCandidate, type PhraseDictionary } from "../dict/types.js";
import { candidateObjects, DictionaryReader, EntryTable, entryOf, subList, type PhraseEntry } from "./candidates.js";

describe("the table of phrase entries by number", () => {
  it("finds what it holds, through growth and a fresh start, and nothing else (0 and large numbers included)", () => {
    const table = new EntryTable();
    const entry = (id: number): PhraseEntry => ({ id, key: `k${id}`, list: null, more: false });
    const numbers = [0, 1, 2 ** 25, 2 ** 52 - 1, 2 ** 52 + 2 ** 25 - 1];
    for (let i = 0; i < 5000; i++) numbers.push(i * 2 ** 26 + ((i * 7919) % 2 ** 25));
    const held = new Map<number, PhraseEntry>();
    for (const n of numbers) {
      if (held.has(n)) continue;
      const e = entry(held.size);
      table.set(n, e);
      held.set(n, e);
    }
    expect(table.size).toBe(held.size);
    for (const [n, e] of held) expect(table.get(n)).toBe(e);
    expect(table.get(3)).toBeUndefined();
    expect(table.get(2 ** 51 + 5)).toBeUndefined();
    table.clear();
    expect(table.size).toBe(0);
    expect(table.get(0)).toBeUndefined();
  });
});

describe("candidate lists", () => {
  const dict: PhraseDictionary = {
    maxPhraseWords: 1,
    lookup: (key) =>
      key === "aid"
        ? [new KeyedCandidate("help", "thesaurus", 0, "moby+wordnet", "aid"), new KeyedCandidate("assist", "thesaurus", -0.2, "moby", "aid")]
        : key === "utilize"
          ? [{ original: "use", tier: "mined", prior: -0.1, source: "mined", entry: "mined:utilize→use" }, new KeyedCandidate("employ", "thesaurus", -0.5, "wordnet", "utilize")]
          : undefined,
  };

  it("make the entry ids of keyed candidates when asked, the same as the candidates give", () => {
    const reader = new DictionaryReader(dict, new Set());
    const aid = reader.phrase("aid")!;
    expect(aid.entries).toBeNull();
    expect([0, 1].map((c) => entryOf(aid, c))).toEqual(["thesaurus:aid→help", "thesaurus:aid→assist"]);
    expect(aid.sources[0]).toBe(2);
    const mixed = reader.phrase("utilize")!;
    expect([0, 1].map((c) => entryOf(mixed, c))).toEqual(["mined:utilize→use", "thesaurus:utilize→employ"]);
    expect(candidateObjects(mixed).map((c) => c.entry)).toEqual(["mined:utilize→use", "thesaurus:utilize→employ"]);
    expect(entryOf(subList(mixed, [1]), 0)).toBe("thesaurus:utilize→employ");
  });

  it("share one frozen tier list between lists of one tier and length", () => {
    const reader = new DictionaryReader(dict, new Set());
    const a = reader.phrase("aid")!;
    const b = subList(reader.phrase("utilize")!, [1, 1]);
    expect(a.tier).toBe(b.tier);
    expect(Object.isFrozen(a.tier)).toBe(true);
    expect([...a.prior]).toEqual([0, -0.2]);
  });

  it("sum the prior probability of their thesaurus candidates only, again after ranking cuts the list", () => {
    const reader = new DictionaryReader(dict, new Set());
    expect(reader.phrase("aid")!.thesaurusPriorMass).toBeCloseTo(Math.log10(1 + 10 ** -0.2), 12);
    const mixed = reader.phrase("utilize")!;
    expect(mixed.thesaurusPriorMass).toBeCloseTo(-0.5, 12);
    expect(subList(mixed, [0]).thesaurusPriorMass).toBe(-Infinity);
  });
});
