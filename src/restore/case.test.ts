import { describe, expect, it } from "vitest";
import { agreeingArticle, wantsAn } from "./article.js";
import { applyCase, casePattern } from "./case.js";

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
  });

  it("keeps the capitals of a name, adding only a sentence-initial one", () => {
    expect(applyCase("the United States", "lower")).toBe("the United States");
    expect(applyCase("the United States", "first")).toBe("The United States");
    // One capitalised word was capitalised because it sat in a name: in running text it is a word.
    expect(applyCase("News", "lower")).toBe("news");
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
