/** `unspin learn` with the real engine: phrases and words around a head word, adjacent swaps split. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { REAL_CLI, ROOT, runCli, tempTree } from "./helpers/run.js";

it("unspin learn lists phrase swaps, splits adjacent swaps the dictionaries know, and keeps head-word additions seen twice", async () => {
  const dir = tempTree({
    "spun.txt": "The content material was mentioned. Extra content material was mentioned by the time period of the convention.\n",
    "orig.txt": "The content was said. More content was said by the term of the conference.\n",
  });
  const r = await runCli(["learn", "spun.txt", "orig.txt"], { cli: REAL_CLI, cwd: dir });
  expect(r.stderr).toBe("");
  const rows = r.out.trim().split("\n").slice(1).map((l) => l.split("\t").slice(0, 3).join(" | "));
  expect(rows).toEqual(["content material | content | 2", "mentioned | said | 2", "convention | conference | 1", "extra | more | 1", "time period | term | 1"]);
});

it("unspin learn refuses two texts that are not a spun text and its original, at once, with exit 2", async () => {
  const root = tempTree({ "a.txt": readFileSync(join(ROOT, "fixtures", "harbour-bridge.spun.txt"), "utf8").repeat(40), "b.txt": "Rain fell on the quiet hills of the north while the river rose. ".repeat(600) });
  const r = await runCli(["learn", "a.txt", "b.txt"], { cli: REAL_CLI, cwd: root });
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/a\.txt and b\.txt share \d+ % of their word pairs: they do not look like a spun text and its original/);
  expect(r.out).toBe("");
});

it("unspin learn refuses an empty, whitespace-only or wordless input on either side, naming the file, with exit 2", async () => {
  const orig = readFileSync(join(ROOT, "fixtures", "harbour-bridge.orig.txt"), "utf8");
  const root = tempTree({ "orig.txt": orig, "empty.txt": "", "blank.txt": " \n\t\r\n", "dots.txt": "... --- !!!\n" });
  const cases: [string[], string][] = [
    [["empty.txt", "orig.txt"], "empty.txt: is empty, expected the spun text to learn from. Nothing was learned."],
    [["orig.txt", "empty.txt"], "empty.txt: is empty, expected the original to learn from. Nothing was learned."],
    [["blank.txt", "orig.txt"], "blank.txt: holds only whitespace, expected the spun text to learn from. Nothing was learned."],
    [["orig.txt", "blank.txt"], "blank.txt: holds only whitespace, expected the original to learn from. Nothing was learned."],
    [["dots.txt", "orig.txt"], "dots.txt: holds no words, expected the spun text to learn from. Nothing was learned."],
  ];
  for (const [args, message] of cases) {
    const r = await runCli(["learn", ...args], { cli: REAL_CLI, cwd: root });
    expect(r.code, args.join(" ")).toBe(2);
    expect(r.stderr).toBe(`unspin: ${message}\n`);
    expect(r.out).toBe("");
  }
});

it("unspin learn writes a spun file name holding a line break or tab escaped, so its output loads back with --dict", async () => {
  const name = "spun\nname\twith breaks.txt";
  const dir = tempTree({
    [name]: "The content material was mentioned. Extra content material was mentioned by the time period of the convention.\n",
    "orig.txt": "The content was said. More content was said by the term of the conference.\n",
  });
  const r = await runCli(["learn", name, "orig.txt"], { cli: REAL_CLI, cwd: dir });
  expect(r.code).toBe(0);
  const rows = r.out.trim().split("\n").slice(1);
  expect(rows).toHaveLength(5);
  for (const row of rows) expect(row.split("\t")[3]).toBe("spun\\nname\\twith breaks.txt");
  const back = tempTree({ "learned.tsv": r.out });
  const applied = await runCli(["--dict", "learned.tsv", "--format", "json"], { cli: REAL_CLI, cwd: back, input: "The convention was mentioned.\n" });
  expect(applied.stderr).toBe("");
  expect(applied.code).toBe(0);
});
