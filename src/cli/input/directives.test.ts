import { describe, expect, it } from "vitest";
import { directiveSkips } from "./directives.js";

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
});
