import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HYPHEN_AFTER, HYPHEN_BEFORE, HYPHEN_NEXT, JOINS_NEXT, splitSentences, tokenizeWords, tokenTable, wordTable } from "./tokenize.js";

describe("tokenizeWords", () => {
  it("keeps apostrophes, numbers, abbreviations and titles in one token, with offsets", () => {
    const text = "Mr. Xi’s 2,300 U.S. troops don't 1000’s";
    const tokens = tokenizeWords(text);
    expect(tokens.map((t) => t.text)).toEqual(["Mr.", "Xi’s", "2,300", "U.S.", "troops", "don't", "1000’s"]);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
    expect(tokens[1]!.key).toBe("xi's");
  });

  it("splits hyphenated compounds and says which parts touch a hyphen", () => {
    const tokens = tokenizeWords("a well-liked, second-largest city");
    expect(tokens.map((t) => t.text)).toEqual(["a", "well", "liked", "second", "largest", "city"]);
    expect(tokens[1]).toMatchObject({ hyphenAfter: true, hyphenNext: true, joinsNext: false });
    expect(tokens[2]).toMatchObject({ hyphenBefore: true, hyphenNext: false, joinsNext: false });
    expect(tokens[4]).toMatchObject({ hyphenBefore: true, joinsNext: true });
  });

  it("joins words only across plain spaces and the soft line breaks of hard-wrapped text", () => {
    const tokens = tokenizeWords("time period, time\nperiod, time\nPeriod, time\n\nperiod");
    expect(tokens.map((t) => t.joinsNext)).toEqual([true, false, true, false, false, false, false, false]);
  });
});

describe("splitSentences", () => {
  it("breaks at sentence punctuation and line breaks, not at commas or quotes", () => {
    const text = "He said “more help,” she said. Then\nit ended";
    const tokens = tokenizeWords(text);
    const words = splitSentences(text, tokens).map((s) => tokens.slice(s.from, s.to).map((t) => t.text).join(" "));
    expect(words).toEqual(["He said more help she said", "Then it ended"]);
  });
  it("runs on across the soft line breaks of hard-wrapped text, and stops at the others", () => {
    const text = "He served a fifth time\nperiod in office.\nThe next line\nand then\r\n\r\nanother paragraph\nHeading\nText here";
    const tokens = tokenizeWords(text);
    const words = splitSentences(text, tokens).map((s) => tokens.slice(s.from, s.to).map((t) => t.text).join(" "));
    expect(words).toEqual(["He served a fifth time period in office", "The next line and then", "another paragraph", "Heading", "Text here"]);
    // Words across a soft break are joined, as by a space: a phrase may run across it.
    expect(tokens.find((t) => t.text === "time")!.joinsNext).toBe(true);
    expect(tokens.find((t) => t.text === "then")!.joinsNext).toBe(false);
  });
});

describe("glued numbers and letters", () => {
  it("keeps a number with letters and digits after it in one token (found by the CLI fuzz test)", () => {
    expect(tokenizeWords("3.5mentioned12 months 1990s 3rd").map((t) => t.text)).toEqual(["3.5mentioned12", "months", "1990s", "3rd"]);
  });
});

describe("decomposed accents (NFD)", () => {
  it("keeps a letter and its combining marks in one token, keyed in NFC, text as written", () => {
    const text = "Zu\u0308rich and Go\u0308del, cafe\u0301s U\u0308.S\u0301. 3r\u0304d";
    const tokens = tokenizeWords(text);
    expect(tokens.map((t) => t.text)).toEqual(["Zu\u0308rich", "and", "Go\u0308del", "cafe\u0301s", "U\u0308.S\u0301.", "3r\u0304d"]);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
    expect(tokens[0]!.key).toBe("z\u00fcrich");
    expect(tokens[3]!.key).toBe("caf\u00e9s");
    // The same words precomposed tokenise the same way, with the same keys.
    const nfc = tokenizeWords(text.normalize("NFC"));
    expect(nfc.map((t) => t.key)).toEqual(tokens.map((t) => t.key));
  });
});

describe("tokenTable (the engine's compact tokens)", () => {
  const pieces = ["word", "Mr.", "Mrs", "No", "U.S.", "U.S", "a.b.c", "2,300", "3rd", "1,2.3", "90's", "90’s", "'s", "x'y", "ab'", "’", "'", "don’t", "Zu\u0308rich", "é", "\u0301", "²", "well", "-", "‐", " ", "  ", "\t", "\u00a0", "\u2003", ".", ". ", "\n", "\r\n", "\r", "\n\n", ",", ", ", "(", ")", "; ", "“", "”", "😀", "e.g.", "12months", "3.5km12", "A", "7"];
  it("gives the tokens, flags and sentences of tokenizeWords and splitSentences", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        const text = parts.join("");
        const tokens = tokenizeWords(text);
        const table = tokenTable(text);
        expect(table.n).toBe(tokens.length);
        tokens.forEach((t, i) => {
          expect([table.start[i], table.end[i], wordTable.text[table.word[i]!]]).toEqual([t.start, t.end, t.text]);
          expect(wordTable.keys[wordTable.keyOf[table.word[i]!]!]).toBe(t.key);
          const f = table.flags[i]!;
          expect([(f & JOINS_NEXT) > 0, (f & HYPHEN_BEFORE) > 0, (f & HYPHEN_AFTER) > 0, (f & HYPHEN_NEXT) > 0]).toEqual([t.joinsNext, t.hyphenBefore, t.hyphenAfter, t.hyphenNext]);
        });
        const sentences = splitSentences(text, tokens);
        expect(Array.from(table.sentenceFrom)).toEqual(sentences.map((s) => s.from));
        expect(Array.from(table.sentenceTo)).toEqual(sentences.map((s) => s.to));
      }),
      { numRuns: 3000 },
    );
  });
});
