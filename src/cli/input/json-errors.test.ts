import { describe, expect, it } from "vitest";
import { invalidJson, jsonErrorAt, lineColumn } from "./json-errors.js";

const refused = (text: string): unknown => {
  try {
    JSON.parse(text);
  } catch (err) {
    return err;
  }
  throw new Error(`JSON.parse accepted ${JSON.stringify(text)}`);
};

describe("JSON errors", () => {
  it.each([
    // A trailing comma: V8's message has no position and quotes the rest of the file.
    ['{\n  "dictionaries": [\n    "a.tsv",\n  ]\n}\n', "line 4, column 3: a value was expected"],
    ['{"level": "safe" "x": 1}', "line 1, column 18: ',' was expected"],
    ['{"a": 1,}', "line 1, column 9: a property name in double quotes was expected"],
    ['{"a": tru}', "line 1, column 7: unexpected character"],
    ["", "line 1, column 1: a value was expected"],
    ['{"a": 1}\r\n// note\r\n', "line 2, column 1: comments are not allowed"],
    ['{"a": 1} x', "line 1, column 10: unexpected character"],
  ])("places the first error of %j", (text, expected) => {
    refused(text);
    expect(jsonErrorAt(text)).toBe(expected);
    expect(invalidJson(text, refused(text))).toBe(`invalid JSON at ${expected}`);
  });

  it("counts columns from 1 on each line, a CRLF ending a line like an LF", () => {
    expect(lineColumn("ab\r\ncd", 4)).toBe("line 2, column 1");
    expect(lineColumn("abc", 0)).toBe("line 1, column 1");
  });
});
