import { describe, expect, it } from "vitest";
import { cQuote, quotePath, terminalSafe } from "./names.js";

describe("file names for readers", () => {
  it("leaves ordinary names as they are, non-ASCII letters and spaces included", () => {
    expect(quotePath("docs/Café notes.md")).toBe("docs/Café notes.md");
  });

  it("C-quotes names holding control characters, quotes or backslashes, as git does", () => {
    expect(quotePath("t/\x1b]0;TITLE\x07.txt")).toBe('"t/\\033]0;TITLE\\a.txt"');
    expect(quotePath("a\nb.txt")).toBe('"a\\nb.txt"');
    expect(quotePath('say "hi".txt')).toBe('"say \\"hi\\".txt"');
    expect(quotePath("x\x7f.txt")).toBe('"x\\177.txt"');
  });

  it("writes a C1 control character (U+009B, read as CSI by some terminals) as the octal of its UTF-8 bytes", () => {
    expect(quotePath("a\u009b31mb.txt")).toBe('"a\\302\\23331mb.txt"');
    expect(cQuote("\u0085")).toBe('"\\302\\205"');
  });
  it("writes the control characters of a message as octal escapes, keeping its line breaks and tabs", () => {
    expect(terminalSafe("bad \x1b]0;x\x07 name\n\tnext line")).toBe("bad \\033]0;x\\007 name\n\tnext line");
    expect(terminalSafe("csi \u009b here")).toBe("csi \\302\\233 here");
    expect(terminalSafe("plain text, é and ∆")).toBe("plain text, é and ∆");
  });
});
