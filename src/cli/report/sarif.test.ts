import { describe, expect, it } from "vitest";
import type { Edit, Flag } from "../../types.js";
import { sarifLog, sarifParts } from "./sarif.js";

const text = "We trained a profound neural organization on the data.\nHe mentioned it.";
const flag: Flag = { start: 13, end: 41, line: 1, column: 14, phrase: "profound neural organization", likely: "deep neural network", score: 0.87, evidence: "two swapped words" };
const edit: Edit = { start: 59, end: 68, line: 2, column: 4, before: "mentioned", after: "said", confidence: 0.99, entry: "mined:mentioned→said", evidence: "p 0.99" };

describe("the SARIF log in parts", () => {
  it("is, joined, exactly the log written in one piece, with results or without", () => {
    const files = [
      { uri: "a b/paper.txt", text, edits: [edit], flags: [flag] },
      { uri: "c.txt", text, edits: [edit] },
    ];
    for (const f of [files, []]) {
      const parts = sarifParts(f, "1.2.3", "file:///w/");
      expect(parts.join("")).toBe(JSON.stringify(sarifLog(f, "1.2.3", "file:///w/"), null, 2) + "\n");
    }
    // One part per result besides the head and the tail: no part holds the whole log.
    expect(sarifParts(files, "1.2.3", "file:///w/")).toHaveLength(2 + 3);
  });
});
