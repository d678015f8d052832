import { describe, expect, it } from "vitest";
import { EntryTable, type PhraseEntry } from "./candidates.js";

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
