import { describe, expect, it } from "vitest";
import { tokenizeWords } from "../text/tokenize.js";
import { countStringWork } from "../test-helpers/string-work.js";
import { findNumberSites } from "./numbers.js";

const proposals = (text: string) =>
  findNumberSites(text, tokenizeWords(text), { neverTouch: new Set(), skip: [] }, () => false).map(
    (s) => `${text.slice(s.start, s.end)}→${s.candidates[0]!.text}`,
  );

describe("digits the spinner wrote for number words", () => {
  it("proposes words for lone small counts and ordinals in prose", () => {
    expect(proposals("The 2 leaders met for the 3rd time.")).toEqual(["2→two", "3rd→third"]);
    expect(proposals("5 deputy ministers came along.")).toEqual(["5→five"]);
  });

  it("leaves figures alone: money, percentages, times, units, dates, labels, lists and names", () => {
    for (const text of [
      "It cost $5 last year.",
      "Prices rose 5% in May.",
      "We met at 5:30 on Friday.",
      "The team won 2-1 at home.",
      "She ran 5 km before work.",
      "It happened on May 2 in Paris.",
      "See page 4 for details.",
      "They sold 4 million copies.",
      "Add 2 or 3 eggs to the bowl.",
      "He flew on Apollo 9 in the spring.",
      "Ranked No. 1 in the world.",
      "Version 2 ships next week.",
      "It rose 1.5 points.",
      // Notation: an index, a power, an assignment.
      "Let x_1 be the value of the first term.",
      "The area grows as r^2 for every circle.",
      "Set n=3 before the loop.",
    ]) {
      expect(proposals(text), text).toEqual([]);
    }
  });

  it("leaves numbered lines and bare numbers alone", () => {
    expect(proposals("Steps:\n1. Open the box\n2) Lift the lid\n3\n")).toEqual([]);
  });
});

describe("work grows linearly with the text", () => {
  // Every number follows a capitalised word at a sentence start (the sentence-end test runs for each) and the text has many skipped
  // spans: work that rescans the text before each number, or every skip span for each number, grows with the square.
  function workFor(sentences: number): number {
    const parts: string[] = [];
    const skip: { start: number; end: number }[] = [];
    let at = 0;
    for (let i = 0; i < sentences; i++) {
      const s = `Alpha ${1 + (i % 9)} players ran to the gate, said \`code${i}\` again. `;
      const code = s.indexOf("`");
      skip.push({ start: at + code, end: at + s.indexOf("`", code + 1) + 1 });
      parts.push(s);
      at += s.length;
    }
    const text = parts.join("");
    const tokens = tokenizeWords(text);
    let reads = 0;
    // Counts every element the rule reads from the skip list.
    const counted = new Proxy(skip, {
      get(target, prop, receiver) {
        if (typeof prop === "string" && /^\d+$/.test(prop)) reads++;
        return Reflect.get(target, prop, receiver);
      },
    });
    const { result, chars } = countStringWork(() => findNumberSites(text, tokens, { neverTouch: new Set(), skip: counted }, () => false));
    expect(result.length).toBe(sentences);
    return chars + reads;
  }

  it("quadruples, not sixteen-folds, when the text is four times longer", () => {
    const small = workFor(1500);
    const large = workFor(6000);
    expect(large / small).toBeLessThan(5);
  });
});
