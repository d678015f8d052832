import { describe, expect, it } from "vitest";
import type { Candidate, PhraseDictionary } from "../dict/types.js";
import { restore } from "../index.js";
import { alternativesRelated, withoutNotation } from "./spintax.js";

/** A dictionary that knows one pair: large (spun) ← big. */
const dict: PhraseDictionary = {
  lookup: (k: string) => (k === "large" ? [{ original: "big", tier: "thesaurus", prior: -1, source: "moby+mythes" } as unknown as Candidate] : undefined),
} as unknown as PhraseDictionary;

describe("spintax in a document the gate leaves shut", () => {
  it("relates alternatives through the dictionary, in either direction and in any case", () => {
    expect(alternativesRelated(["big", "large"], dict)).toBe(true);
    expect(alternativesRelated(["Large", "huge", "BIG"], dict)).toBe(true);
    expect(alternativesRelated(["start", "stop"], dict)).toBe(false);
    expect(alternativesRelated(["large"], dict)).toBe(false);
  });

  it("takes a pair only one thesaurus lists as no relation (Moby relates words of one field: String and Array)", () => {
    const moby: PhraseDictionary = {
      maxPhraseWords: 1,
      lookup: (k: string) => (k === "array" ? [{ original: "string", tier: "thesaurus", prior: -1, source: "moby", entry: "thesaurus:array→string" }] : undefined),
    };
    expect(alternativesRelated(["String", "Array"], moby)).toBe(false);
  });

  it("drops only the decisions that resolve a group of unrelated alternatives", () => {
    const sites = {
      forced: [1, 1, 0, 1],
      list: [
        { n: 2, text: ["big", "large"] },
        { n: 3, text: ["start", "stop", "restart"] },
        { n: 1, text: ["said"] },
        { n: 1, text: ["dollars"] },
      ],
    };
    const decisions = [0, 1, 2, 3].map((site) => ({ site }));
    expect(withoutNotation(decisions, sites, dict).map((d) => d.site)).toEqual([0, 2, 3]);
  });

  it("leaves option notation in clean text as written, and resolves a spinner's template", () => {
    for (const text of [
      "Usage: service nginx {start|stop|restart}",
      "Set debug to {true|false} before you run it.",
      "* `patterns` **{String|Array}**: One or more glob patterns.",
      "* `options` **{Object|Function}**: Options or a function.",
      "Set the level to {low|medium|high} and answer {Yes|No} to each question; colours are {Red|Green|Blue}.",
    ]) {
      expect(restore(text).text).toBe(text);
    }
    expect(restore("It was a {big|large} day.").text).toBe("It was a big day.");
    // Declared spun, every group is resolved (the gate's word is the caller's).
    expect(restore("Set debug to {true|false} now.", { assumeSpun: true }).text).toBe("Set debug to true now.");
  });
});
