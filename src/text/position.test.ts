import { describe, expect, it } from "vitest";
import { positionIn } from "./position.js";

describe("positionIn", () => {
  it("gives 1-based line and column, lines split at \\n", () => {
    const at = positionIn("ab\ncd\r\n\nef");
    expect(at(0)).toEqual({ line: 1, column: 1 });
    expect(at(3)).toEqual({ line: 2, column: 1 });
    expect(at(5)).toEqual({ line: 2, column: 3 });
    expect(at(8)).toEqual({ line: 4, column: 1 });
  });
});
