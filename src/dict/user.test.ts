import { describe, expect, it } from "vitest";
import { cleanPhrase, parseUserDictionary, UserDictionaryError } from "./user.js";

describe("user dictionaries", () => {
  it("reads spun<TAB>original rows, skipping comments and a header", () => {
    const d = parseUserDictionary("tortured\texpected\tsource\n# note\ncounterfeit consciousness\tartificial intelligence\thttp://x\n", "pps");
    expect(d.lookup("counterfeit consciousness")).toEqual([
      { original: "artificial intelligence", tier: "user", prior: -0, source: "pps", entry: "pps:counterfeit consciousness→artificial intelligence" },
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
});
