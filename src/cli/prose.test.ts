import { describe, expect, it } from "vitest";
import { docKindFor, proseSkips, type DocKind } from "./prose.js";

/** The text that stays visible to restore() once skipped spans are blanked out. */
function prose(text: string, kind: DocKind): string {
  let out = "";
  let pos = 0;
  for (const s of proseSkips(text, kind)) {
    out += text.slice(pos, s.start) + "·";
    pos = s.end;
  }
  return out + text.slice(pos);
}

describe("prose regions", () => {
  it("picks the kind from the extension", () => {
    expect(docKindFor("a/B.MD")).toBe("markdown");
    expect(docKindFor("x.htm")).toBe("html");
    expect(docKindFor("notes.txt")).toBe("plain");
  });

  it("skips URLs and e-mail addresses in plain text", () => {
    expect(prose("See https://example.com/a_b. Or mail me@example.org today.", "plain")).toBe("See ·. Or mail · today.");
  });

  it("skips Markdown code, links, front matter and comments", () => {
    const md = [
      "---",
      "title: The chief mentioned",
      "---",
      "The chief `mentioned` it in [the report](https://x.org/r \"Report\") <!-- aside -->.",
      "",
      "```js",
      "const mentioned = 1;",
      "```",
      "",
      "    indented code",
      "",
      "[ref]: https://x.org/ref",
      "Text with <span class=\"big\">markup</span> and <https://auto.link>.",
      "",
    ].join("\n");
    expect(prose(md, "markdown")).toBe(
      [
        "·The chief · it in [the report· ·.",
        "",
        "·", // fenced block, up to and including its closing line break
        "·", // indented code, blank line and reference definition
        "Text with ·markup· and ·.",
        "",
      ].join("\n"),
    );
  });

  it("keeps list continuation prose and handles unclosed fences", () => {
    expect(prose("- item\n\n    continued prose\n", "markdown")).toBe("- item\n\n    continued prose\n");
    expect(prose("a\n```\ncode", "markdown")).toBe("a\n·");
    expect(prose("a lone ` backtick", "markdown")).toBe("a lone ` backtick");
    expect(prose("``code with ` inside`` after", "markdown")).toBe("· after");
  });

  it("ends lines at a lone CR too, so code blocks and front matter of CR-only text are found (found by the CLI fuzz test)", () => {
    expect(prose("Intro\r```\rcode mentioned\r```\rAfter", "markdown")).toBe("Intro\r·After");
    expect(prose("---\rtitle: x\r---\rBody", "markdown")).toBe("·Body");
    expect(prose("a\r\r    indented code\rb", "markdown")).toBe("a\r\r·b");
  });

  it("skips HTML tags, attributes, entities, comments and raw elements", () => {
    const html = '<p title="mentioned">He mentioned &amp; <b>said</b></p><script>var mentioned;</script><!-- c -->';
    expect(prose(html, "html")).toBe("·He mentioned · ·said·");
  });
});
