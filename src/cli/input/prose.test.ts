import { describe, expect, it } from "vitest";
import { countStringWork } from "../../test-helpers/string-work.js";
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
    // Each kind alone (the quick search for what a URL or address must hold finds every one of them).
    expect(prose("Go to WWW.Example.com now.", "plain")).toBe("Go to · now.");
    expect(prose("Write to mailto:a@b.org or ftp://files.example.net/x, then stop.", "plain")).toBe("Write to · or ·, then stop.");
    expect(prose("A text without any link or address: time, www and at (@ alone) stay.", "plain")).toBe(
      "A text without any link or address: time, www and at (@ alone) stay.",
    );
  });

  it("leaves reference labels, multi-line definitions and escaped titles alone, so links keep working", () => {
    const md = [
      "Read the [annual report][recordsdata] and the [metropolis] page, see [^mentioned].",
      "",
      "[recordsdata]: https://example.com/report",
      "[Metropolis]: <./international locations.md> 'international locations mentioned'",
      "[ref]:",
      "  ./international-locations/recordsdata.md",
      '  "The international locations mentioned title"',
      "",
      'See [x](recordsdata.md "the \\"international locations\\" mentioned") here.',
    ].join("\n");
    expect(prose(md, "markdown")).toBe(["Read the [annual report· and the · page, see ·.", "", "·", "·", "·", "", "See [x· here."].join("\n"));
  });

  it("leaves the template syntax of site generators alone: shortcodes, Liquid, attribute blocks, in Markdown and HTML", () => {
    const md = [
      '## The recordsdata mentioned {#recordsdata .international}',
      '{{< figure src="recordsdata.png" title="metropolis" >}} and {% include recordsdata.html %} and {{ page.metropolis }}.',
      "An unclosed {{ stays prose: the recordsdata mentioned.",
    ].join("\n");
    expect(prose(md, "markdown")).toBe(["## The recordsdata mentioned ·", "· and · and ·.", "An unclosed {{ stays prose: the recordsdata mentioned."].join("\n"));
    expect(prose('<p>{% include recordsdata.html %} the recordsdata</p>', "html")).toBe("· the recordsdata·");
    // A domain with a path is a URL, in any kind of text.
    expect(prose("See recordsdata.org/mentioned for more.", "plain")).toBe("See · for more.");
  });

  it("finds code in list items, blockquotes and after an escaped backtick, and YAML front matter closed by ...", () => {
    const md = [
      "---",
      "title: The recordsdata mentioned",
      "...",
      "A \\` tick then `recordsdata mentioned` code.",
      "",
      "- item",
      "",
      "    ~~~",
      "    The recordsdata in a list fence.",
      "    ~~~",
      "",
      "> ~~~",
      "> The recordsdata in a quoted fence.",
      "> ~~~",
      "",
      "- item",
      "",
      "        indented code in a list: the recordsdata",
      "",
      "The end.",
    ].join("\n");
    const visible = prose(md, "markdown");
    expect(visible).not.toMatch(/recordsdata/);
    expect(visible).toContain("The end.");
    expect(visible).toContain("A \\` tick then · code.");
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

  it("finds indented code in a blockquote, in list items by their content's indent, and after a heading, a rule or a fence", () => {
    const code = "grep mentioned recordsdata.txt";
    for (const text of [
      `>     ${code}\n`,
      `- Step one:\n\n      ${code}\n`,
      `1. Step one:\n\n       ${code}\n`,
      `# Usage\n    ${code}\n`,
      `***\n    ${code}\n`,
      "```sh\nls\n```\n    " + code + "\n",
    ]) {
      expect(prose(text, "markdown"), JSON.stringify(text)).not.toContain("mentioned");
    }
    // Still prose: a paragraph's continuation, and an item's text indented less than its content plus 4.
    expect(prose(`Intro\n    ${code}\n`, "markdown")).toContain("mentioned");
    expect(prose(`- Step one:\n\n     ${code}\n`, "markdown")).toContain("mentioned");
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

describe("work grows linearly with the document", () => {
  // Many fenced blocks (masking them must not copy the whole text per block), inline code, and backtick runs that
  // close nothing, of as many lengths as the square root of the size (each must not send a search to the end).
  function workFor(sections: number): number {
    const lone = Math.round(Math.sqrt(sections));
    const parts: string[] = [];
    for (let i = 0; i < sections; i++) {
      const stray = i % Math.ceil(sections / lone) === 0 ? ` a stray ${"`".repeat(4 + Math.floor(i / Math.ceil(sections / lone)))} run` : "";
      parts.push(`The chief mentioned \`item${i}\` in section ${i}${stray}.\n\n\`\`\`\nconst x${i} = ${i};\n\`\`\`\n\n`);
    }
    const text = parts.join("");
    const { result, chars } = countStringWork(() => proseSkips(text, "markdown"));
    expect(result.length).toBe(2 * sections);
    return chars;
  }

  it("quadruples, not sixteen-folds, when the document is four times longer", () => {
    const small = workFor(1000);
    const large = workFor(4000);
    expect(large / small).toBeLessThan(5);
  });
});

describe("openers that never close", () => {
  // Each of these, 200 KB of one unclosed opener, sent every opener's search to the end of its line: 3 to 24 s before
  // the searches stopped at the next opener. They must find the one real span at the end, and only it.
  it.each<[string, DocKind, string, string]>([
    ["footnote references", "markdown", "[^", "[^1]"],
    ["reference labels", "markdown", "[x][", "][z]"],
    ["template output", "markdown", "{{", "{{ page.title }}"],
    ["template tags", "markdown", "{%", "{% include a.html %}"],
    ["HTML tags", "html", "<a ", "<b>"],
    ["HTML declarations", "html", "<!a", "<!doctype html>"],
    ["processing instructions", "html", "<?", '<?xml version="1.0"?>'],
  ])("%s", (_, kind, opener, real) => {
    const head = opener.repeat(Math.ceil(200_000 / opener.length));
    const text = `${head} and ${real.startsWith("]") ? `[y${real}` : real} here.`;
    const at = text.lastIndexOf(real);
    expect(proseSkips(text, kind)[0]).toEqual({ start: at, end: at + real.length });
  });
});
