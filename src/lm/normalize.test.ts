import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { lmWords, ordinalize, pluralizeNumber, spellDigits, spellNumber, spellYear } from "./normalize.js";
import { TrieModel } from "./trie-model.js";

const MODEL_PATH = fileURLToPath(new URL("../../dictionaries/lm/en-us.lm.bin", import.meta.url));

let model: TrieModel;
let vocab: (w: string) => boolean;

beforeAll(() => {
  model = TrieModel.fromBuffer(readFileSync(MODEL_PATH));
  vocab = (w) => model.has(w);
});

const j = (ws: string[]) => ws.join(" ");

describe("spellNumber and friends", () => {
  it("spells integers", () => {
    expect(j(spellNumber(0))).toBe("zero");
    expect(j(spellNumber(12))).toBe("twelve");
    expect(j(spellNumber(21))).toBe("twenty one");
    expect(j(spellNumber(100))).toBe("one hundred");
    expect(j(spellNumber(2300))).toBe("two thousand three hundred");
    expect(j(spellNumber(1_000_000))).toBe("one million");
    expect(j(spellNumber(3_004_005_006))).toBe("three billion four million five thousand six");
    expect(j(spellNumber(-5))).toBe("minus five");
    expect(j(spellNumber(3.5))).toBe("three point five");
    expect(j(spellDigits("007"))).toBe("zero zero seven");
  });

  it("spells years as pairs", () => {
    expect(j(spellYear(2014))).toBe("twenty fourteen");
    expect(j(spellYear(2000))).toBe("two thousand");
    expect(j(spellYear(2005))).toBe("two thousand five");
    expect(j(spellYear(1990))).toBe("nineteen ninety");
    expect(j(spellYear(1905))).toBe("nineteen oh five");
    expect(j(spellYear(1900))).toBe("nineteen hundred");
    expect(j(spellYear(1066))).toBe("one thousand sixty six");
  });

  it("makes ordinals and plurals", () => {
    expect(j(ordinalize(spellNumber(3)))).toBe("third");
    expect(j(ordinalize(spellNumber(21)))).toBe("twenty first");
    expect(j(ordinalize(spellNumber(40)))).toBe("fortieth");
    expect(j(ordinalize(spellNumber(12)))).toBe("twelfth");
    expect(j(pluralizeNumber(spellYear(1990)))).toBe("nineteen nineties");
  });

  it("spells only words the model knows", () => {
    for (let n = 0; n < 2100; n += 7) for (const w of [...spellNumber(n), ...spellYear(n)]) expect(vocab(w), w).toBe(true);
    for (const w of [...spellNumber(123_456_789_012), ...ordinalize(spellNumber(99)), ...ordinalize(spellNumber(100))])
      expect(vocab(w), w).toBe(true);
  });
});

describe("lmWords", () => {
  const cases: Array<[string, string]> = [
    ["China’s", "china's"],
    ["The", "the"],
    ["U.S.", "u s"],
    ["U.K.", "u k"],
    ["Mr.", "mr"],
    ["Mrs.", "mrs"],
    ["Dr.", "dr"],
    ["St.", "st"],
    ["2,300", "two thousand three hundred"],
    ["3rd", "third"],
    ["21st", "twenty first"],
    ["1990s", "nineteen nineties"],
    ["’90s", "nineties"],
    ["second-largest", "second largest"],
    ["$2,300", "two thousand three hundred dollars"],
    ["$1", "one dollar"],
    ["12", "twelve"],
    ["2014", "twenty fourteen"],
    ["2005", "two thousand five"],
    ["3.5", "three point five"],
    ["don't", "don't"],
    ["don’t", "don't"],
    ["e-mail", "e-mail"],
    ["COVID-19", "covid nineteen"],
    ["50%", "fifty percent"],
    ["e.g.", "e g"],
    ["IMF", "i m f"],
    ["NATO", "nato"],
    ["G7", "g seven"],
    ["café", "cafe"],
    ["students’", "students'"],
    ["Putin’s", "putin"],
    ["Xi’s", "xi"],
    ["007", "zero zero seven"],
    ["and/or", "and or"],
  ];
  it.each(cases)("%s → %s", (token, expected) => {
    expect(j(lmWords(token, vocab))).toBe(expected);
  });

  it("gives nothing for punctuation", () => {
    for (const t of [",", ".", "—", "...", "'", "“", "(", "!?"]) expect(lmWords(t, vocab)).toEqual([]);
  });

  it("returns OOV words lower-cased so they can be penalised", () => {
    expect(lmWords("Kharkiv", vocab)).toEqual(["kharkiv"]);
    expect(vocab("kharkiv")).toBe(false);
  });

  it("produces in-vocabulary words for common token shapes", () => {
    for (const t of ["U.S.", "2,300", "$2,300", "50%", "3rd", "1990s", "2014", "second-largest", "Mr.", "China’s", "3.5"])
      for (const w of lmWords(t, vocab)) expect(vocab(w), `${t} → ${w}`).toBe(true);
  });
});
