/** `unspin scan` with the real engine: table, JSON and CSV output, sorting, exit codes, errors, stdin, many files. */
import { readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { REAL_CLI, ROOT, runCli, tempTree } from "./helpers/run.js";

const real = { cli: REAL_CLI };
const SPUN = readFileSync(join(ROOT, "fixtures/harbour-bridge.spun.txt"), "utf8");
const ORIG = readFileSync(join(ROOT, "fixtures/harbour-bridge.orig.txt"), "utf8");
const TORTURED =
  "We propose a method for bosom tumor detection in mammography images. The arbitrary timber classifier was trained on " +
  "the extracted features, and the results show a significant improvement in accuracy over the baseline methods.\n";

describe("unspin scan (real engine)", () => {
  const dir = tempTree({ "a-clean.txt": ORIG, "b-spun.txt": SPUN, "c-paper.md": TORTURED, "notes/skip.bin": Buffer.from([0, 1, 2]) });

  it("prints an aligned table sorted by spin probability, and exits 1 when a document is spun", async () => {
    const r = await runCli(["scan", "."], { ...real, cwd: dir });
    expect(r.code).toBe(1);
    const rows = r.out.trimEnd().split("\n");
    expect(rows[0]).toMatch(/^SPIN\s+VERDICT\s+WORDS\s+TORTURED\/1K\s+SIGNATURE\/1K\s+STRONG\/1K\s+FILE\s+FINGERPRINTS$/);
    expect(rows.slice(1).map((l) => l.match(/\S+\.(txt|md)/)?.[0])).toEqual(["b-spun.txt", "c-paper.md", "a-clean.txt"]);
    // Aligned: the FILE column starts at the same place on every line.
    const at = rows[0]!.indexOf("FILE");
    for (const l of rows.slice(1)) expect(l.slice(at)).toMatch(/^\S+\.(txt|md)/);
    expect(rows[2]).toMatch(/bosom tumor → breast cancer; arbitrary timber → random forest/);
    expect(rows[3]).toMatch(/^\s*0\.\d\d\s+clean/);
    expect(r.stderr).toMatch(/3 documents screened: \d spun, \d suspicious, 1 clean/);
  });

  it("writes JSON Lines and CSV with the same figures", async () => {
    const j = await runCli(["scan", "--format", "json", "a-clean.txt", "c-paper.md"], { ...real, cwd: dir });
    const recs = j.out.trim().split("\n").map((l) => JSON.parse(l));
    expect(recs.map((x) => [x.file, x.verdict])).toEqual([
      ["c-paper.md", expect.stringMatching(/spun|suspicious/)],
      ["a-clean.txt", "clean"],
    ]);
    expect(recs[0].fingerprints).toContainEqual({ kind: "tortured", phrase: "bosom tumor", original: "breast cancer", line: 1, column: 25, offset: 24 });
    const c = await runCli(["scan", "-f", "csv", "a-clean.txt", "c-paper.md"], { ...real, cwd: dir });
    const [header, first, second] = c.out.split("\r\n");
    expect(header).toBe("file,probability,verdict,words,tortured_phrases,tortured_per_1000,signature_per_1000,strong_places_per_1000,scientific,fingerprints");
    expect(first).toMatch(new RegExp(`^c-paper\\.md,${recs[0].probability},`));
    expect(second).toMatch(/^a-clean\.txt,/);
  });

  it("--fail-on decides the exit code; errors exit 2 and the others are still screened", async () => {
    expect((await runCli(["scan", "--fail-on", "never", "."], { ...real, cwd: dir })).code).toBe(0);
    expect((await runCli(["scan", "a-clean.txt"], { ...real, cwd: dir })).code).toBe(0);
    expect((await runCli(["scan", "--fail-on", "suspicious", "c-paper.md"], { ...real, cwd: dir })).code).toBe(1);
    const r = await runCli(["scan", "a-clean.txt", "missing.txt", "notes/skip.bin"], { ...real, cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unspin: missing\.txt: /);
    expect(r.stderr).toMatch(/unspin: notes\/skip\.bin: .*binary/);
    expect(r.out).toMatch(/a-clean\.txt/);
  });

  it("shows a document as named, not relative to the working folder (an absolute path stays absolute)", async () => {
    const elsewhere = tempTree({ "x.md": "" });
    const table = await runCli(["scan", "/dev/null"], { ...real, cwd: elsewhere });
    expect(table.out.split("\n")[1]).toMatch(/\s\/dev\/null\s*$/);
    const c = await runCli(["scan", "-f", "csv", "--fail-on", "never", join(dir, "a-clean.txt"), `../${basename(dir)}/c-paper.md`], { ...real, cwd: elsewhere });
    expect(c.out.split("\r\n").slice(1, 3).map((l) => l.split(",")[0]).sort()).toEqual([`../${basename(dir)}/c-paper.md`, join(dir, "a-clean.txt")].sort());
    const j = await runCli(["scan", "-f", "json", "--ext", "md", dir], { ...real, cwd: elsewhere });
    expect(JSON.parse(j.out).file).toBe(join(dir, "c-paper.md"));
  });

  it("quotes a name holding control characters in the table and its notes; CSV and JSON keep the real name", async () => {
    const odd = tempTree({ "\x1b]0;TITLE\x07.txt": ORIG, "t/\x1b[2J.txt": Buffer.from([0, 1, 2]) });
    const table = await runCli(["scan", "."], { ...real, cwd: odd });
    expect(table.out + table.stderr).not.toMatch(/\x1b/);
    expect(table.out).toContain('"\\033]0;TITLE\\a.txt"');
    expect(table.stderr).toContain('unspin: "t/\\033[2J.txt": ');
    const csv = await runCli(["scan", "-f", "csv", "."], { ...real, cwd: odd });
    expect(csv.out.split("\r\n")[1]!.startsWith("\x1b]0;TITLE\x07.txt,")).toBe(true);
    const json = await runCli(["scan", "-f", "json", "."], { ...real, cwd: odd });
    expect(JSON.parse(json.out).file).toBe("\x1b]0;TITLE\x07.txt");
  });

  it("reads stdin", async () => {
    const r = await runCli(["scan", "-f", "json", "--stdin-filename", "paper.txt"], { ...real, input: TORTURED });
    expect(JSON.parse(r.out)).toMatchObject({ file: "paper.txt", torturedPhrases: 2 });
  });

  it("screens a folder of 1,000 generated documents", async () => {
    const files: Record<string, string> = {};
    const spunLines = SPUN.split("\n").filter(Boolean);
    const origLines = ORIG.split("\n").filter(Boolean);
    for (let i = 0; i < 1000; i++) {
      const src = i % 4 === 0 ? spunLines : origLines;
      files[`docs/${String(i).padStart(4, "0")}.txt`] = `${src[i % src.length]}\n${src[(i + 1) % src.length]}\n`;
    }
    const big = tempTree(files);
    const r = await runCli(["scan", "-f", "csv", "--fail-on", "never", "docs"], { ...real, cwd: big, timeoutMs: 60_000 });
    expect(r.code).toBe(0);
    const rows = r.out.trim().split("\r\n").slice(1);
    expect(rows).toHaveLength(1000);
    const probs = rows.map((l) => Number(l.split(",")[1]));
    expect([...probs].sort((a, b) => b - a)).toEqual(probs);
  }, 60_000);

  it("in stream mode, exits 1 when a record reaches --fail-on, and refuses options about files or the table", async () => {
    const records = [{ id: "o", text: ORIG }, { id: "s", text: SPUN }].map((r) => JSON.stringify(r)).join("\n") + "\n";
    expect((await runCli(["scan", "--jsonl"], { ...real, input: records })).code).toBe(1);
    expect((await runCli(["scan", "--jsonl", "--fail-on", "never"], { ...real, input: records })).code).toBe(0);
    expect((await runCli(["scan", "--jsonl"], { ...real, input: JSON.stringify({ id: "o", text: ORIG }) + "\n" })).code).toBe(0);
    const f = await runCli(["scan", "--jsonl", "-f", "csv"], { ...real, input: records });
    expect(f.code).toBe(2);
    expect(f.stderr).toBe("unspin: --jsonl cannot be combined with --format: records come from stdin and go to stdout one per line\n");
  });

  it("refuses options of the restoring command given before its name, which it would ignore", async () => {
    const r = await runCli(["-q", "scan", "x.txt"], real);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('unspin: --quiet before "scan" would be ignored: options of unspin scan go after its name (unspin scan --quiet …; see unspin scan --help)\n');
    const h = await runCli(["help", "scan"], real);
    expect(h.code).toBe(0);
    expect(h.out).toMatch(/^Usage: unspin scan \[options\] \[paths\.\.\.\]/);
  });

  it("says what a larger --max-size would let it do: screen, not restore", async () => {
    const d = tempTree({ "big.txt": SPUN });
    const r = await runCli(["scan", "--max-size", "0.0001", "big.txt"], { ...real, cwd: d });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/big\.txt: .* is more than --max-size 0\.0001 MB; not read \(raise --max-size to screen it\)/);
  });

  it("walks folders as unspin does: the config's include, exclude and maxSize apply", async () => {
    const d = tempTree({
      ".unspinrc.json": JSON.stringify({ exclude: ["skip*"], maxSize: 0.0001 }),
      "skipme.txt": "hello world\n",
      "keep.txt": "hello there\n",
      "big.txt": SPUN,
      "only/.unspinrc.json": JSON.stringify({ include: ["in/**"] }),
      "only/in/a.txt": "hello\n",
      "only/out.txt": "hello\n",
    });
    const r = await runCli(["scan", "-f", "json", "."], { ...real, cwd: d });
    expect(r.code).toBe(0);
    expect(r.out.trim().split("\n").map((l) => JSON.parse(l).file).sort()).toEqual(["keep.txt", "only/in/a.txt"]);
    expect(r.stderr).toMatch(/big\.txt: .* is more than maxSize 0\.0001 MB in .*\.unspinrc\.json, skipped \(raise --max-size to screen it\)/);
    // --max-size overrides the config; a file named on the command line is screened whatever the globs say.
    const named = await runCli(["scan", "-f", "json", "--max-size", "1", "skipme.txt", "big.txt"], { ...real, cwd: d });
    expect(named.out.trim().split("\n").map((l) => JSON.parse(l).file).sort()).toEqual(["big.txt", "skipme.txt"]);
    // A broken config stops the scan, as it stops unspin.
    writeFileSync(join(d, ".unspinrc.json"), "{ broken");
    const broken = await runCli(["scan", "."], { ...real, cwd: d });
    expect([broken.code, broken.out]).toEqual([2, ""]);
    expect(broken.stderr).toMatch(/cannot read configuration .*\.unspinrc\.json: invalid JSON/);
  });
});
