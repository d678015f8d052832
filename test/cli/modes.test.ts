/** --check exit codes, JSON Lines and SARIF output, and the terminal views. Stand-in engine. */
import { describe, expect, it } from "vitest";
import { REAL_CLI, runCli, tempTree } from "./helpers/run.js";

const files = () => tempTree({ "a.txt": "He mentioned {it}.\n", "b.txt": "Nothing here.\n", "c.md": "She `mentioned` nothing.\n" });

describe("modes", () => {
  it("--check exits 1 when a file would change, 0 when clean, 2 on errors, and changes nothing", async () => {
    const dir = files();
    const dirty = await runCli(["--check", "."], { cwd: dir });
    expect(dirty.code).toBe(1);
    expect(dirty.out).toContain("a.txt:1:4  mentioned → said");
    expect(dirty.stderr).toMatch(/2 changes: 1 file would change/);
    expect((await runCli(["--check", "b.txt", "c.md"], { cwd: dir })).code).toBe(0);
    const broken = await runCli(["--check", "a.txt", "missing.txt"], { cwd: dir });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain("unspin: missing.txt: no such file or directory");
    // --check with a single piped input still reports instead of printing the text.
    const single = await runCli(["--check", "-"], { input: "He mentioned it.\n" });
    expect(single.code).toBe(1);
    expect(single.out).toBe("stdin:1:4  mentioned → said\n    He [-mentioned-]{+said+} it.\n");
  });

  it("--format json prints one record per change with every field", async () => {
    const r = await runCli(["--format", "json", "."], { cwd: files() });
    expect(r.code).toBe(0);
    const records = r.out.trim().split("\n").map((l) => JSON.parse(l));
    expect(records).toEqual([
      { file: "a.txt", line: 1, column: 4, offset: 3, before: "mentioned", after: "said", confidence: 0.9, entry: "signature:mentioned→said", evidence: "fake restorer" },
      { file: "a.txt", line: 1, column: 14, offset: 13, before: "{it}", after: "it", confidence: 1, entry: "artefact:{it}", evidence: "fake restorer" },
    ]);
  });

  it("--format sarif prints a SARIF 2.1.0 log with fixes", async () => {
    const r = await runCli(["--format", "sarif", "."], { cwd: files() });
    expect(r.code).toBe(0);
    const log = JSON.parse(r.out);
    expect(log.version).toBe("2.1.0");
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe("unspin");
    expect(run.tool.driver.rules[0].id).toBe("unspin/spun-wording");
    expect(run.results).toHaveLength(2);
    const res = run.results[0];
    expect(res.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: "a.txt", uriBaseId: "%SRCROOT%" },
      region: { startLine: 1, startColumn: 4, endLine: 1, endColumn: 13, charOffset: 3, charLength: 9 },
    });
    expect(res.fixes[0].artifactChanges[0].replacements[0].insertedContent.text).toBe("said");
    expect(run.originalUriBaseIds["%SRCROOT%"].uri).toMatch(/^file:\/\/\/.*\/$/);
  });

  it("shows a coloured word diff when colour is forced, and none with NO_COLOR", async () => {
    const forced = await runCli(["--format", "inline", "-"], { input: "He mentioned it.\n", env: { FORCE_COLOR: "1" } });
    expect(forced.out).toBe("He \u001b[31m\u001b[9mmentioned\u001b[29m\u001b[39m\u001b[32msaid\u001b[39m it.\n");
    const flag = await runCli(["--format", "inline", "--color", "-"], { input: "He mentioned it.\n", env: { NO_COLOR: "1" } });
    expect(flag.out).toContain("\u001b[32msaid");
    const plain = await runCli(["--format", "inline", "-"], { input: "He mentioned it.\n", env: { NO_COLOR: "1" } });
    expect(plain.out).toBe("He [-mentioned-]{+said+} it.\n");
    const noColor = await runCli(["--format", "report", "--no-color", "-"], { input: "He mentioned it.\n", env: { FORCE_COLOR: "3" } });
    expect(noColor.out).not.toContain("\u001b[");
  });

  it("refuses text output for several inputs and prints the restored text of one", async () => {
    const dir = files();
    const many = await runCli(["--format", "text", "a.txt", "b.txt"], { cwd: dir });
    expect(many.code).toBe(2);
    expect(many.stderr).toMatch(/needs a single input/);
    const one = await runCli(["a.txt"], { cwd: dir });
    expect(one.out).toBe("He said it.\n");
  });

  it("restores prose only in Markdown and HTML from stdin with --stdin-filename", async () => {
    const md = "Text mentioned, `code mentioned`, <!-- mentioned -->\n";
    expect((await runCli(["--stdin-filename", "x.md"], { input: md })).out).toBe("Text said, `code mentioned`, <!-- mentioned -->\n");
    expect((await runCli([], { input: md })).out).toBe("Text said, `code said`, <!-- said -->\n");
  });
});

describe("a text with a few signs of spinning", () => {
  // Two spun forms the engine knows well (mentioned ← said, assist ← help) in one short sentence: too few places for
  // the document gate, which needs three different forms, so nothing changes; the summary says why.
  const text = "Officers mentioned the repairs would assist local shops and cost 40 million dollars.\n";

  it("is left as written, and the report says --assume-spun would restore it", async () => {
    const dir = tempTree({ "short.txt": text });
    const r = await runCli(["--format", "report", "short.txt"], { cli: REAL_CLI, cwd: dir });
    expect(r.code).toBe(0);
    expect(r.out).toBe("");
    expect(r.stderr).toMatch(/^1 file checked in [\d.]+ s: no changes, 1 file shows some signs of spinning \(spin probability 0\.\d\d\) but too few to change anything \(--assume-spun restores it\)\n$/);
    const spun = await runCli(["--format", "report", "--assume-spun", "short.txt"], { cli: REAL_CLI, cwd: dir });
    expect(spun.out).toContain("mentioned → said");
    expect(spun.stderr).not.toContain("signs of spinning");
  });

  it("gets the note on stderr with the whole text marked inline (no summary there), unless -q", async () => {
    const r = await runCli(["-f", "inline", "-"], { cli: REAL_CLI, input: text, env: { NO_COLOR: "1" } });
    expect(r.out).toBe(text);
    expect(r.stderr).toMatch(/^unspin: stdin: shows some signs of spinning \(spin probability 0\.\d\d\) but too few to change anything \(--assume-spun restores it\)\n$/);
    const quiet = await runCli(["-f", "inline", "-q", "-"], { cli: REAL_CLI, input: text, env: { NO_COLOR: "1" } });
    expect(quiet.stderr).toBe("");
  });

  it("gets no such note when the text is clean", async () => {
    const dir = tempTree({ "clean.txt": "Officers said the repairs would help local shops and cost 40 million dollars.\n" });
    const r = await runCli(["--format", "report", "clean.txt"], { cli: REAL_CLI, cwd: dir });
    expect(r.stderr).toMatch(/^1 file checked in [\d.]+ s: no changes\n$/);
  });
});
