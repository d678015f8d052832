import { describe, expect, it } from "vitest";
import { detectFormat, readDictionary } from "./formats.js";

const pairs = (text: string) => readDictionary(text).pairs.map((p) => `${p.spun}→${p.original}`);

describe("dictionary formats", () => {
  it("tells the formats apart by content", () => {
    expect(detectFormat("recordsdata\tfiles\n")).toBe("tsv");
    expect(detectFormat("# spun,original\nrecordsdata,files\n\"laptop, program\",computer program\n")).toBe("csv");
    expect(detectFormat("big|large|huge\nsaid|mentioned\nword\n")).toBe("table");
    expect(detectFormat("{said|mentioned|stated}\n{year|12 months}\n")).toBe("spintax");
    // A pipe inside a TSV value does not make it a table.
    expect(detectFormat("a|b\tc\nx\ty\n")).toBe("tsv");
    expect(detectFormat("nothing here\n")).toBeNull();
  });

  it("reads CSV with quoting, comments and a header", () => {
    const csv = 'spun,original\n# a note\n"laptop, program","computer program"\n"he said ""hi""",greeted\nrecordsdata,files,extra\n';
    const r = readDictionary(csv);
    expect(r.format).toBe("csv");
    expect(r.problems).toEqual([]);
    expect(pairs(csv)).toEqual(["laptop program→computer program", "he said hi→greeted", "recordsdata→files"]);
    expect(r.pairs.map((p) => p.line)).toEqual([3, 4, 5]);
  });

  it("reverses a spinner table: every synonym is a spun form of its key; the first line of a key wins", () => {
    const table = "the new|the brand new\nbig|large|huge\nsaid|mentioned\nsaid|stated\nlone\nlarge|massive\n";
    expect(pairs(table)).toEqual(["the brand new→the new", "large→big", "huge→big", "mentioned→said", "massive→large"]);
    // The spinner picks uniformly among a line's synonyms: a short line's synonyms weigh more.
    const r = readDictionary(table);
    expect(r.pairs.find((p) => p.spun === "large")!.weight).toBe(1 / 2);
    expect(r.pairs.find((p) => p.spun === "mentioned")!.weight).toBe(1);
  });

  it("maps every spintax alternative to the first", () => {
    expect(pairs("{said|mentioned|stated}\n{year|12 months|yr}\n{alone}\n")).toEqual(["mentioned→said", "stated→said", "12 months→year", "yr→year"]);
  });

  it("reports malformed lines with their line number instead of throwing", () => {
    expect(readDictionary("ok\tfine\n\nbroken row\n").problems).toEqual([{ line: 3, message: 'expected "spun<TAB>original", got "broken row"' }]);
    expect(readDictionary("a,b\nonly\n").problems).toEqual([{ line: 2, message: 'expected "spun,original", got "only"' }]);
    expect(readDictionary('a,b\n"open quote,c\n').problems[0]!.message).toMatch(/^invalid CSV/);
    expect(readDictionary("a|b\n|c|d\n").problems).toEqual([{ line: 2, message: 'expected "key|synonym|synonym…", the key is empty in "|c|d"' }]);
    expect(readDictionary("{a|b}\n{c|d} and more\n").problems[0]!.line).toBe(2);
    expect(readDictionary("just words\n").problems[0]!.message).toMatch(/cannot tell the format/);
  });
});
