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

describe("makeChalk", () => {
  it("without colour returns text unchanged through any chain of styles, and never loads chalk", async () => {
    const { makeChalk } = await import("./colors.js");
    const plain = await makeChalk(0);
    expect(plain.red.strikethrough("gone")).toBe("gone");
    expect(plain.green("a", "b")).toBe("a b");
    expect(plain.level).toBe(0);
    const coloured = await makeChalk(1);
    expect(coloured.red("x")).toBe("\u001b[31mx\u001b[39m");
  });
});
