/**
 * The documentation cannot drift from the code:
 * - docs/library.md's examples show the real output: every `expression; // JSON` line of a js block is evaluated after
 *   the code before it and compared with the JSON. When the engine changes on purpose, copy the printed line in.
 * - every help text shown in the docs (a ```text block after `<!-- help: unspin … -->`) is what that command prints.
 * - every relative link in README.md and docs/ leads to a file that exists, and to a heading that exists in it.
 * - the read limits stated in docs/cli.md are the code's.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import * as lib from "../src/index.js";
import { MAX_DICTIONARY_MB } from "../src/cli/input/user-dictionaries.js";
import { DEFAULT_MAX_SIZE_MB } from "../src/cli/input/size-limit.js";
import { REAL_CLI, ROOT } from "./cli/helpers/run.js";

const read = (path: string) => readFileSync(join(ROOT, path), "utf8");
const DOCS = readdirSync(join(ROOT, "docs"))
  .filter((f) => f.endsWith(".md"))
  .map((f) => `docs/${f}`);

// ---------------------------------------------------------------------------------------------------------------
// Library examples

interface Check {
  expr: string;
  json: string;
}

function split(block: string): { code: string; checks: Check[] } {
  const code: string[] = [];
  const checks: Check[] = [];
  for (const line of block.split("\n")) {
    if (/^import .* from "unspin";$/.test(line)) continue;
    const m = /^([^/].*?);\s*\/\/ (.+)$/.exec(line);
    if (m) {
      try {
        JSON.parse(m[2]!);
        checks.push({ expr: m[1]!, json: m[2]! });
        continue;
      } catch {
        /* an explanatory comment, not a result */
      }
    }
    code.push(line);
  }
  return { code: code.join("\n"), checks };
}

describe("docs/library.md examples", () => {
  const blocks = [...read("docs/library.md").matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const checked = blocks.map(split).filter((b) => b.checks.length > 0);

  it("has examples with results to check", () => {
    expect(checked.length).toBeGreaterThanOrEqual(2);
  });

  checked.forEach(({ code, checks }, i) => {
    it(`example ${i + 1} prints what the page says`, () => {
      const run = new Function("lib", `const { ${Object.keys(lib).join(", ")} } = lib;\n${code}\nreturn [${checks.map((c) => c.expr).join(", ")}];`);
      const values = run(lib) as unknown[];
      checks.forEach((c, k) => {
        const actual = JSON.stringify(values[k]);
        expect(actual, `docs/library.md line should read:\n${c.expr}; // ${actual}`).toBe(JSON.stringify(JSON.parse(c.json)));
      });
    });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Help texts

/** `<!-- help: unspin ARGS -->` followed by a ```text block: the command and the text shown. */
function helpBlocks(markdown: string): Array<{ args: string[]; shown: string }> {
  return [...markdown.matchAll(/<!-- help: unspin ([^>]*?) -->\n```text\n([\s\S]*?)```/g)].map((m) => ({
    args: m[1]!.trim().split(/\s+/),
    shown: m[2]!,
  }));
}

describe("help texts in the docs", () => {
  const shown = DOCS.flatMap((file) => helpBlocks(read(file)).map((b) => ({ file, ...b })));

  it("shows unspin --help and unspin scan --help", () => {
    const commands = shown.map((s) => s.args.join(" "));
    expect(commands).toContain("--help");
    expect(commands).toContain("scan --help");
  });

  for (const { file, args, shown: text } of shown) {
    it(`${file}: unspin ${args.join(" ")} is the real output`, () => {
      // Spawned with pipes, as `unspin --help | less` would be: commander wraps at 80 columns.
      const r = spawnSync(process.execPath, [REAL_CLI, ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
      expect(r.status).toBe(0);
      expect(text, `replace the block in ${file} with the output of: node bin/unspin.js ${args.join(" ")} | cat`).toBe(r.stdout);
    });
  }
});

// ---------------------------------------------------------------------------------------------------------------
// Screening example (one process: the figures of docs/screening.md come from this run)

describe("docs/screening.md", () => {
  it("shows the real `unspin scan --format csv` of docs/examples/papers", () => {
    const page = read("docs/screening.md");
    const m = /```console\n\$ unspin scan --format csv papers\/\n([\s\S]*?)```/.exec(page);
    expect(m, "the CSV example of docs/screening.md").not.toBeNull();
    const r = spawnSync(process.execPath, [REAL_CLI, "scan", "--format", "csv", "papers/"], { cwd: join(ROOT, "docs", "examples"), encoding: "utf8" });
    expect(r.status).toBe(1); // mill-abstract.txt is spun
    expect(m![1], "docs/screening.md shows other figures than unspin scan prints now: update the page's examples").toBe(r.stdout.replace(/\r\n/g, "\n"));
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Links

/**
 * Markdown outside fenced code blocks. Inline code keeps its text without the backticks for headings (`unspin learn`
 * is part of the heading's anchor), and becomes a placeholder for links (`[a](b)` in code is no link).
 */
function prose(markdown: string, inlineCode: "text" | "placeholder" = "placeholder"): string {
  let fenced = false;
  return markdown
    .split("\n")
    .map((line) => {
      if (/^\s*```/.test(line)) {
        fenced = !fenced;
        return "";
      }
      return fenced ? "" : line.replace(/`([^`\n]*)`/g, inlineCode === "text" ? "$1" : "code");
    })
    .join("\n");
}

/** GitHub's anchors for the headings of a Markdown file (lower case, punctuation dropped, spaces → "-", repeats numbered). */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const m of prose(markdown, "text").matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const text = m[1]!.replace(/\[([^\]]*)\]\([^)]*\)/g, "$1");
    const slug = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    out.add(n ? `${slug}-${n}` : slug);
  }
  return out;
}

/** Relative link targets of a Markdown file: [text](target) and ![alt](target), outside code. */
function relativeLinks(markdown: string): string[] {
  return [...prose(markdown).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]!).filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t));
}

describe("links in README.md and docs/", () => {
  it("computes anchors as GitHub does", () => {
    expect(anchors("# A\n## `unspin learn`\n## Markdown, HTML and inline directives\n```\n# not a heading\n```\n## A\n")).toEqual(
      new Set(["a", "unspin-learn", "markdown-html-and-inline-directives", "a-1"]),
    );
    expect(relativeLinks("See [x](docs/a.md#b), [y](https://e.org), `[z](no.md)` and ![i](p.png).")).toEqual(["docs/a.md#b", "p.png"]);
  });

  const files = ["README.md", ...DOCS];
  it("the README links every page of docs/", () => {
    const targets = new Set(relativeLinks(read("README.md")).map((t) => t.split("#")[0]));
    for (const doc of DOCS) expect(targets, `README.md does not link ${doc}`).toContain(doc);
  });

  for (const file of files) {
    it(`${file}: every relative link leads to a file and heading that exist`, () => {
      const links = relativeLinks(read(file));
      expect(links.length).toBeGreaterThan(0);
      const broken: string[] = [];
      for (const link of links) {
        const [path, anchor] = link.split("#") as [string, string | undefined];
        const target = path ? resolve(ROOT, dirname(file), decodeURI(path)) : join(ROOT, file);
        if (!existsSync(target)) {
          broken.push(`${link}: no file ${relative(ROOT, target)}`);
          continue;
        }
        if (anchor !== undefined) {
          if (!target.endsWith(".md") || statSync(target).isDirectory()) broken.push(`${link}: an anchor into a file that is not Markdown`);
          else if (!anchors(readFileSync(target, "utf8")).has(anchor)) broken.push(`${link}: no heading #${anchor} in ${relative(ROOT, target)}`);
        }
      }
      expect(broken).toEqual([]);
    });
  }
});

describe("the read limits in docs/cli.md", () => {
  it("are the code's (the page said 32 MB for --dict files, the code reads up to 64 MB)", () => {
    const bounded = read("docs/cli.md").replace(/\s+/g, " ");
    expect(bounded).toContain(`\`unspin learn\` inputs at ${DEFAULT_MAX_SIZE_MB} MB`);
    expect(bounded).toContain(`\`--dict\` files at ${MAX_DICTIONARY_MB} MB`);
  });
});
