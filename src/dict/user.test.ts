import { describe, expect, it } from "vitest";
import { cleanPhrase, compileUserDictionary, NOT_A_KEY_PRIOR, parseUserDictionary, UserDictionaryError } from "./user.js";

describe("user dictionaries", () => {
  it("reads spun<TAB>original rows, skipping comments and a header", () => {
    const d = parseUserDictionary("tortured\texpected\tsource\n# note\ncounterfeit consciousness\tartificial intelligence\thttp://x\n", "pps");
    expect(d.lookup("counterfeit consciousness")).toEqual([
      { original: "artificial intelligence", tier: "user", prior: 0, source: "pps", entry: "pps:counterfeit consciousness→artificial intelligence" },
    ]);
    expect(d.maxPhraseWords).toBe(2);
    expect(d.lookup("tortured")).toBeUndefined();
  });

  it("cleans curator notes off phrases and drops rows left empty or identical", () => {
    expect(cleanPhrase("Rhythm pattern (?)")).toBe("rhythm pattern");
    expect(cleanPhrase("[neural network] layer outputs")).toBe("layer outputs");
    const d = parseUserDictionary("a\t(?)\nsame\tSame\nbosom peril\tbreast cancer ?\n");
    expect(d.lookup("a")).toBeUndefined();
    expect(d.lookup("same")).toBeUndefined();
    expect(d.lookup("bosom peril")?.[0]?.original).toBe("breast cancer");
  });

  it("splits the prior between several originals", () => {
    const d = parseUserDictionary("x y\ta\nx y\tb\n");
    expect(d.lookup("x y")?.map((c) => c.prior)).toEqual([-Math.log10(2), -Math.log10(2)]);
  });

  it("names the file and line of a malformed row", () => {
    expect(() => parseUserDictionary("ok\tfine\nbroken row\n", "mine.tsv")).toThrow(UserDictionaryError);
    expect(() => parseUserDictionary("ok\tfine\nbroken row\n", "mine.tsv")).toThrow(/mine\.tsv:2/);
  });

  it("declares a kind: corrections are tier user, candidates tier table; the default follows the format", () => {
    expect(compileUserDictionary("recordsdata\tfiles\n").kind).toBe("corrections");
    expect(compileUserDictionary("recordsdata\tfiles\n", "t", "candidates").dictionary.lookup("recordsdata")?.[0]?.tier).toBe("table");
    const table = compileUserDictionary("big|large|huge\nlarge|massive\ngreat|large\n", "spin");
    expect(table.format).toBe("table");
    expect(table.kind).toBe("candidates");
    // "large" is a synonym on two lines: weighed by 1/(synonyms on the line), normalised.
    const large = table.dictionary.lookup("large")!;
    expect(large.map((c) => [c.original, c.tier, Number((10 ** c.prior).toFixed(3))])).toEqual([
      ["great", "table", 0.667],
      ["big", "table", 0.333],
    ]);
    expect(table.keys).toBe(3);
  });

  it("lowers the prior of a table's candidates where the spun form is not a key of its own (the spinner replaces every key)", () => {
    const text = "help|aid|assist\naid|help\ncare|attention|aid|tending\n";
    const table = compileUserDictionary(text, "spin").dictionary;
    // "aid" has a line of its own: a spin output wherever it appears; its originals keep their shares.
    expect(table.lookup("aid")!.map((c) => [c.original, Number((10 ** c.prior).toFixed(3))])).toEqual([
      ["help", 0.6],
      ["care", 0.4],
    ]);
    // "assist" and "attention" are only synonyms: the author may have written them.
    expect(table.lookup("assist")![0]!.prior).toBe(NOT_A_KEY_PRIOR);
    expect(table.lookup("attention")![0]!.prior).toBe(NOT_A_KEY_PRIOR);
    // Read as corrections, the user's word stands: no such discount.
    expect(compileUserDictionary(text, "spin", "corrections").dictionary.lookup("assist")![0]!.prior).toBe(0);
  });

  it("lists every malformed line in its error", () => {
    try {
      compileUserDictionary("a\tb\nx\ny\n", "mine");
      expect.unreachable();
    } catch (err) {
      expect((err as UserDictionaryError).problems.map((p) => p.line)).toEqual([2, 3]);
      expect((err as Error).message).toBe('mine:2: expected "spun<TAB>original", got "x"\nmine:3: expected "spun<TAB>original", got "y"');
    }
  });
});

describe("user dictionaries with malformed table or spintax lines", () => {
  it("throw UserDictionaryError naming the name and line of each", () => {
    for (const [text, line, what] of [
      ["big|large\n{files|recordsdata} extra\n", 2, "text after the closing brace"],
      ["big|large\nfiles||recordsdata\n", 2, "field 2 is empty"],
      ["big|large\n\nfiles|recordsdata|\n", 3, 'a trailing "|" leaves field 3 empty'],
      ["{files|recordsdata\n", 1, "the brace opened at column 1 is never closed"],
      ["big|large\nfiles|recordsdata}\n", 2, 'a closing brace "}" without an opening one'],
      ["{said|mentioned}\n{files|recordsdata} extra\n", 2, "text after the closing brace"],
    ] as const) {
      try {
        compileUserDictionary(text, "spin.txt");
        expect.unreachable(text);
      } catch (err) {
        expect(err).toBeInstanceOf(UserDictionaryError);
        expect((err as UserDictionaryError).line).toBe(line);
        expect((err as Error).message).toMatch(new RegExp(`^spin\\.txt:${line}: expected .*${what.replace(/[|{}()"]/g, "\\$&")} in `));
      }
    }
  });
});
