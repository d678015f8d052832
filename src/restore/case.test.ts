import { describe, expect, it } from "vitest";
import { agreeingArticle, wantsAn } from "./article.js";
import { applyCase, caseLike, casePattern } from "./case.js";

describe("case carried from the spun span to the restored words", () => {
  it("recognises the patterns", () => {
    expect(casePattern("mentioned")).toBe("lower");
    expect(casePattern("Individuals")).toBe("first");
    expect(casePattern("Nice Corridor")).toBe("title");
    expect(casePattern("NICE")).toBe("upper");
    expect(casePattern("iPhone")).toBe("mixed");
  });

  it("applies them", () => {
    expect(applyCase("said", "lower")).toBe("said");
    expect(applyCase("people", "first")).toBe("People");
    expect(applyCase("great hall", "title")).toBe("Great Hall");
    expect(applyCase("department of defense", "title")).toBe("Department of Defense");
    // A small word that starts the phrase is its first word all the same.
    expect(applyCase("in search of", "title")).toBe("In Search of");
    expect(applyCase("the economy", "title")).toBe("The Economy");
  });

  it("keeps the capitals of a name, adding only a sentence-initial one", () => {
    expect(applyCase("the United States", "lower")).toBe("the United States");
    expect(applyCase("the United States", "first")).toBe("The United States");
    // One capitalised word was capitalised because it sat in a name: in running text it is a word.
    expect(applyCase("News", "lower")).toBe("news");
  });

  it("keeps acronyms and words with capitals inside as spelt, in running text and first in a sentence", () => {
    expect(applyCase("DNA damage", "lower")).toBe("DNA damage");
    expect(applyCase("DNA damage", "first")).toBe("DNA damage");
    expect(applyCase("U.S.", "lower")).toBe("U.S.");
    expect(applyCase("C++", "lower")).toBe("C++");
    expect(applyCase("iPhone app", "lower")).toBe("iPhone app");
    expect(applyCase("iPhone app", "first")).toBe("iPhone app");
    expect(applyCase("the United States", "lower")).toBe("the United States");
    expect(applyCase("computer program", "first")).toBe("Computer program");
  });

  it("keeps every capital of an original the user wrote (a --dict entry), adding only a sentence-initial one", () => {
    expect(applyCase("Paris", "lower", true)).toBe("Paris");
    expect(applyCase("Paris", "lower")).toBe("paris");
    expect(applyCase("the Eiffel tower", "lower", true)).toBe("the Eiffel tower");
    expect(applyCase("the Eiffel tower", "first", true)).toBe("The Eiffel tower");
    expect(applyCase("computer program", "first", true)).toBe("Computer program");
  });
});

describe("a/an agreement", () => {
  it("follows the sound of the next word", () => {
    expect(wantsAn("economy")).toBe(true);
    expect(wantsAn("hour")).toBe(true);
    expect(wantsAn("university")).toBe(false);
    expect(wantsAn("dear")).toBe(false);
    expect(agreeingArticle("an", "dear")).toBe("a");
    expect(agreeingArticle("A", "economy")).toBe("An");
  });
});

describe("caseLike (fingerprint terms, word by word)", () => {
  it.each([
    ["deep learning", "profound learning", "deep learning"],
    ["deep learning", "Profound learning", "Deep learning"],
    ["deep CNN", "Profound CNN", "Deep CNN"],
    ["DNA damage", "DNA harm", "DNA damage"],
    ["internet of things", "Web of Things", "Internet of Things"],
    ["naive bayes", "innocent Bayes", "naive Bayes"],
    ["type i error", "kind I error", "type I error"],
    ["computer aided", "PC helped", "computer aided"],
    ["k-nearest neighbors", "K-closest neighbors", "K-nearest neighbors"],
    ["shift", "Degree Of Displacement", "Shift"],
    ["the remainder of the paper", "Whatever remains of the paper", "The remainder of the paper"],
    ["big data", "colossal arrangements of information", "big data"],
  ])("%s replacing %s → %s", (term, written, expected) => {
    expect(caseLike(term, written)).toBe(expected);
  });
});
