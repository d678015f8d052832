/** --dict with the real engine: kinds (corrections, candidates) and formats detected by content. */
import { describe, expect, it } from "vitest";
import { REAL_CLI, runCli, tempTree } from "./helpers/run.js";

// A pair the bundled dictionaries do not know, so that only the user's list can change it.
const SPUN = "Open the laptop program, then close the laptop program.\n";
const CLEAN = "Open the computer program, then close the computer program.\n";

describe("--dict kinds and formats", () => {
  it("applies a pair list declared as corrections (the default for pairs) even to one short sentence", async () => {
    const dir = tempTree({ "ours.tsv": "laptop program\tcomputer program\n", "ours.csv": '"laptop program","computer program"\n' });
    expect((await runCli([], { cli: REAL_CLI, cwd: dir, input: SPUN })).out).toBe(SPUN);
    for (const arg of ["ours.tsv", "corrections:ours.tsv", "ours.csv"]) {
      const r = await runCli(["--dict", arg], { cli: REAL_CLI, cwd: dir, input: SPUN });
      expect(r.stderr).toBe("");
      expect(r.out).toBe(CLEAN);
    }
  });

  it("a list declared as candidates only proposes: clean text stays as it is", async () => {
    const dir = tempTree({
      "ours.tsv": "laptop program\tcomputer program\n",
      // A spinner-style table (read reversed: large → big, huge → big, …), candidates by default.
      "spin.txt": "big|large|huge\nhouse|home|residence\nlake|pond\n",
      "cfg.json": JSON.stringify({ dictionaries: [{ path: "ours.tsv", kind: "candidates" }, "spin.txt"] }),
    });
    const clean = "We live in a large house near the huge lake, and our home is the residence of two cats.\n";
    const cases: [string[], string][] = [
      [["--dict", "candidates:ours.tsv"], CLEAN],
      [["--dict", "spin.txt"], clean],
      [["--config", "cfg.json"], clean],
    ];
    for (const [args, text] of cases) {
      const r = await runCli(args, { cli: REAL_CLI, cwd: dir, input: text });
      expect(r.stderr).toBe("");
      expect(r.out).toBe(text);
    }
    // The same table declared as corrections is applied wherever it matches: the kind is what makes the difference.
    const r = await runCli(["--dict", "corrections:spin.txt", "--format", "json"], { cli: REAL_CLI, cwd: dir, input: clean });
    expect(r.out.trim().split("\n").map((l) => JSON.parse(l).entry)).toContain("spin:large→big");
  });

  it("names file and line of every malformed line, exit 2", async () => {
    const dir = tempTree({ "t.txt": "big|large\n|huge\nsmall|little\n|tiny\n", "q.csv": 'a,b\n"open,c\n' });
    const r = await runCli(["--dict", "t.txt"], { cli: REAL_CLI, cwd: dir, input: CLEAN });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `unspin: invalid dictionary ${dir}/t.txt, line 2: expected "key|synonym|synonym…", the key is empty in "|huge"\n` +
        `unspin: invalid dictionary ${dir}/t.txt, line 4: expected "key|synonym|synonym…", the key is empty in "|tiny"\n`,
    );
    const r2 = await runCli(["--dict", "q.csv"], { cli: REAL_CLI, cwd: dir, input: CLEAN });
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(new RegExp(`^unspin: invalid dictionary ${dir}/q.csv, line \\d+: invalid CSV`));
    const bad = tempTree({ "latin1.tsv": Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x09, 0x78, 0x0a]) });
    const r3 = await runCli(["--dict", "latin1.tsv"], { cli: REAL_CLI, cwd: bad, input: CLEAN });
    expect(r3.code).toBe(2);
    expect(r3.stderr).toBe(`unspin: invalid dictionary ${bad}/latin1.tsv: not valid UTF-8 (unspin reads UTF-8 and UTF-16 with a byte-order mark)\n`);
  });
});

describe("--dict originals", () => {
  it("are written as the user wrote them (case, full stops, symbols), with a capital first in a sentence", async () => {
    const dir = tempTree({
      "r4.tsv": "deoxyribonucleic harm\tDNA damage\n",
      "u.tsv": "america\tthe United States\nyankee land\tU.S.\nsee plus plus\tC++\nlaptop program\tiPhone app\nfeline\tcat\npare\tParis\n",
    });
    const cases: [string, string, string][] = [
      ["r4.tsv", "We saw deoxyribonucleic harm.\n", "We saw DNA damage.\n"],
      ["u.tsv", "He flew to america and used see plus plus in the laptop program in yankee land.\n", "He flew to the United States and used C++ in the iPhone app in U.S.\n"],
      ["u.tsv", "America is far. Laptop program runs. Feline sleeps.\n", "The United States is far. iPhone app runs. Cat sleeps.\n"],
      ["u.tsv", "We flew to pare today.\n", "We flew to Paris today.\n"],
    ];
    for (const [dict, input, expected] of cases) {
      const r = await runCli(["--dict", dict], { cli: REAL_CLI, cwd: dir, input });
      expect(r.stderr).toBe("");
      expect(r.out).toBe(expected);
    }
  });

  it("round-trip through unspin learn: a lower-cased row edited to its real spelling restores that spelling", async () => {
    const dir = tempTree({
      "spun.txt": "We use the laptop program daily. The laptop program is fast.\n",
      "orig.txt": "We use the iPhone app daily. The iPhone app is fast.\n",
    });
    const learned = await runCli(["learn", "spun.txt", "orig.txt"], { cli: REAL_CLI, cwd: dir });
    expect(learned.out).toMatch(/^laptop program\tiphone app\t2\t/m);
    const edited = tempTree({ "ours.tsv": learned.out.replace("\tiphone app\t", "\tiPhone app\t") });
    const r = await runCli(["--dict", "ours.tsv"], { cli: REAL_CLI, cwd: edited, input: "Open the laptop program. Laptop program users agree.\n" });
    expect(r.stderr).toBe("");
    expect(r.out).toBe("Open the iPhone app. iPhone app users agree.\n");
  });
});

describe("--dict header rows", () => {
  it("skip a header naming both columns, and read a real first entry whose spun side is a header word", async () => {
    const dir = tempTree({
      "r5.tsv": "key\tcrucial\nlaptop program\tcomputer program\n",
      "h.tsv": "phrase\treplacement\nlaptop program\tcomputer program\n",
      "h.csv": "typo,correction\nlaptop program,computer program\n",
    });
    const cases: [string, string, string][] = [
      ["r5.tsv", "A key step for the laptop program.\n", "A crucial step for the computer program.\n"],
      ["h.tsv", "Find the phrase and its replacement in the laptop program.\n", "Find the phrase and its replacement in the computer program.\n"],
      ["h.csv", "Fix the typo and check the correction in the laptop program.\n", "Fix the typo and check the correction in the computer program.\n"],
    ];
    for (const [dict, input, expected] of cases) {
      const r = await runCli(["--dict", dict], { cli: REAL_CLI, cwd: dir, input });
      expect(r.stderr).toBe("");
      expect(r.out).toBe(expected);
    }
  });
});

describe("--dict tables with lines written as {…} groups", () => {
  it("read whole as a table, however many lines are groups", async () => {
    const dir = tempTree({ "mix.txt": "computer program|laptop program\nbig|large|huge\n{said|mentioned}\n{help|assist}\n" });
    const r = await runCli(["--dict", "corrections:mix.txt"], { cli: REAL_CLI, cwd: dir, input: "Open the laptop program.\n" });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toBe("Open the computer program.\n");
  });
});

describe("--dict CSV errors", () => {
  it("name the physical line of the bad record or of the unclosed quote, with CRLF line ends too", async () => {
    const dir = tempTree({ "r11.csv": 'p,q\r\n"x\r\ny",w\r\n,z\r\n', "r12.csv": 'a,b\n"unterminated,c\nd,e\n' });
    const r = await runCli(["--dict", "r11.csv"], { cli: REAL_CLI, cwd: dir, input: "x\n" });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`unspin: invalid dictionary ${dir}/r11.csv, line 4: expected "spun,original", got ",z"\n`);
    const r2 = await runCli(["--dict", "r12.csv"], { cli: REAL_CLI, cwd: dir, input: "x\n" });
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(new RegExp(`^unspin: invalid dictionary ${dir}/r12.csv, line 2: invalid CSV: the quote opened at line 2 is never closed`));
  });
});
