import { describe, expect, it } from "vitest";
import { adjectiveGrades, inflectPhrase, inflectionTable, pastParticiple, pastTense, pluralize, presentParticiple, thirdSingular } from "./inflect.js";

const texts = (phrase: string, pos: Parameters<typeof inflectPhrase>[1]) => inflectPhrase(phrase, pos).map((f) => f.text);

describe("inflect", () => {
  it("pluralises nouns", () => {
    expect(["term", "box", "church", "history", "day", "person", "analysis", "leaf"].map(pluralize)).toEqual([
      "terms", "boxes", "churches", "histories", "days", "people", "analyses", "leaves",
    ]);
  });
  it("makes verb forms, regular and irregular", () => {
    expect(["attempt", "try", "go", "stop", "make", "admit", "play"].map(thirdSingular)).toEqual([
      "attempts", "tries", "goes", "stops", "makes", "admits", "plays",
    ]);
    expect(["attempt", "try", "stop", "make", "come", "admit", "agree"].map(pastTense)).toEqual([
      "attempted", "tried", "stopped", "made", "came", "admitted", "agreed",
    ]);
    expect(["begin", "write", "seek", "plan"].map(pastParticiple)).toEqual(["begun", "written", "sought", "planned"]);
    expect(["make", "stop", "see", "lie", "attempt", "admit", "visit"].map(presentParticiple)).toEqual([
      "making", "stopping", "seeing", "lying", "attempting", "admitting", "visiting",
    ]);
  });
  it("grades short adjectives only", () => {
    expect(adjectiveGrades("nice")).toEqual(["nicer", "nicest"]);
    expect(adjectiveGrades("big")).toEqual(["bigger", "biggest"]);
    expect(adjectiveGrades("happy")).toEqual(["happier", "happiest"]);
    expect(adjectiveGrades("good")).toEqual(["better", "best"]);
    expect(adjectiveGrades("expensive")).toBeUndefined();
  });
  it("inflects the head of a phrase", () => {
    expect(texts("time period", "n")).toEqual(["time period", "time periods"]);
    expect(texts("make an attempt", "v")).toEqual(["make an attempt", "makes an attempt", "made an attempt", "making an attempt"]);
    expect(texts("got here", "-")).toEqual(["got here"]);
    expect(texts("expensive pal", "adj")).toEqual(["expensive pal"]);
  });
  it("keeps every tag in the table, even when forms coincide", () => {
    const t = inflectionTable("make an attempt", "v");
    expect(t.map((f) => f.tag)).toEqual(["base", "3sg", "past", "pastPart", "ing"]);
    expect(t.find((f) => f.tag === "pastPart")?.text).toBe("made an attempt");
  });
});
