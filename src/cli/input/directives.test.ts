import { describe, expect, it } from "vitest";
import { directiveSkips } from "./directives.js";
import { markdownCode } from "./prose.js";

const cut = (text: string) => directiveSkips(text).map((s) => text.slice(s.start, s.end));

describe("inline directives", () => {
  it("skips a line, the next line, and disabled regions", () => {
    const text = [
      "one mentioned",
      "two mentioned <!-- unspin-ignore-line -->",
      "# unspin-ignore-next-line",
      "three mentioned",
      "four mentioned",
      "// unspin-disable",
      "five mentioned",
      "/* unspin-enable */",
      "six mentioned",
    ].join("\r\n");
    expect(cut(text)).toEqual([
      "two mentioned <!-- unspin-ignore-line -->",
      "# unspin-ignore-next-line",
      "three mentioned",
      "// unspin-disable\r\nfive mentioned\r\n/* unspin-enable */",
    ]);
  });

  it("runs an unmatched disable to the end and ignores look-alikes", () => {
    expect(cut("a\n<!-- unspin-disable -->\nb\nc")).toEqual(["<!-- unspin-disable -->\nb\nc"]);
    expect(cut("unspin-disabled unspin-ignore-lines")).toEqual([]);
  });

  it("follows no directive shown in Markdown code (an example), only those in comments", () => {
    const md = ["To disable, write this:", "", "```markdown", "<!-- unspin-disable -->", "```", "", "Or `<!-- unspin-disable -->` inline.", "", "The chief mentioned it."].join("\n");
    expect(directiveSkips(md, markdownCode(md))).toEqual([]);
    const real = `${md}\n<!-- unspin-disable -->\nLast line.`;
    expect(directiveSkips(real, markdownCode(real)).map((s) => real.slice(s.start, s.end))).toEqual(["<!-- unspin-disable -->\nLast line."]);
  });
});
