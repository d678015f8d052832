import { describe, expect, it } from "vitest";
import { colorLevel } from "./colors.js";

describe("colour decision", () => {
  it("follows flags, FORCE_COLOR, NO_COLOR and the terminal, in that order", () => {
    expect(colorLevel(undefined, {}, true)).toBe(1);
    expect(colorLevel(undefined, {}, false)).toBe(0);
    expect(colorLevel(undefined, { NO_COLOR: "1" }, true)).toBe(0);
    expect(colorLevel(undefined, { NO_COLOR: "" }, true)).toBe(1);
    expect(colorLevel(undefined, { FORCE_COLOR: "1", NO_COLOR: "1" }, false)).toBe(1);
    expect(colorLevel(undefined, { FORCE_COLOR: "0" }, true)).toBe(0);
    expect(colorLevel(true, { NO_COLOR: "1" }, false)).toBe(1);
    expect(colorLevel(false, { FORCE_COLOR: "3" }, true)).toBe(0);
    expect(colorLevel(undefined, { TERM: "dumb" }, true)).toBe(0);
  });
});
