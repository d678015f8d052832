/**
 * Long inputs are restored in windows and printed as each window is done (pipe mode). The CLI here restores with
 * windows of 4 K characters (helpers/windowed-restorer.mjs), so a short input already takes several.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { benchText } from "../../src/test-helpers/bench-text.js";
import { ROOT, runCli, tempTree } from "./helpers/run.js";

const windowed = { cli: join(ROOT, "test", "cli", "helpers", "windowed-cli.mjs"), timeoutMs: 60_000 };

/** About 20 K characters of the project's spun bench fixtures, paragraphs in a fixed shuffled order. */
const spunText = () => benchText(".spun.txt", 20_000, 99);

const TEXT = spunText();

/** The input with the JSON report's edits applied. */
function applied(text: string, jsonLines: string): string {
  const edits = jsonLines.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l) as { offset: number; before: string; after: string });
  let out = "";
  let pos = 0;
  for (const e of edits.sort((a, b) => a.offset - b.offset)) {
    expect(text.slice(e.offset, e.offset + e.before.length)).toBe(e.before);
    out += text.slice(pos, e.offset) + e.after;
    pos = e.offset + e.before.length;
  }
  return out + text.slice(pos);
}

describe("pipe mode streams a long input window by window", () => {
  it("prints, piece by piece, what the whole-text report says: restored text from stdin and from a file, JSON records, a byte-order mark once", async () => {
    const piped = await runCli([], { ...windowed, input: TEXT, env: { WINDOWED_TEST_REPORT: "1" } });
    expect(piped.code).toBe(0);
    const pieces = Number(/^pieces (\d+)$/m.exec(piped.stderr)?.[1]);
    expect(pieces).toBeGreaterThan(3);
    // Two files are not streamed: their JSON records come from the whole-text path (restore(), the same pieces joined).
    const dir = tempTree({ "long.txt": TEXT, "same.txt": TEXT });
    const whole = await runCli(["--format", "json", "long.txt", "same.txt"], { ...windowed, cwd: dir });
    expect(whole.code).toBe(0);
    const wholeLong = whole.out.split("\n").filter((l) => l.startsWith('{"file":"long.txt"')).join("\n") + "\n";
    const expected = applied(TEXT, wholeLong);
    expect(expected).not.toBe(TEXT);
    expect(piped.out).toBe(expected);
    // One input in JSON is streamed too: the same records.
    const json = await runCli(["--format", "json", "-"], { ...windowed, input: TEXT, env: { WINDOWED_TEST_REPORT: "1" } });
    expect(json.code).toBe(0);
    expect(json.stderr).toBe(`pieces ${pieces}\n`);
    expect(json.out).toBe(wholeLong.replaceAll('{"file":"long.txt"', '{"file":"stdin"'));
    const file = await runCli(["long.txt"], { ...windowed, cwd: dir, env: { WINDOWED_TEST_REPORT: "1" } });
    expect(file.code).toBe(0);
    expect(file.stderr).toBe(`pieces ${pieces}\n`);
    expect(file.out).toBe(expected);
    // UTF-16 with a byte-order mark: the mark before the first piece only.
    const bom = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, "utf16le")]);
    const wide = await runCli([], { ...windowed, input: bom });
    expect(wide.code).toBe(0);
    expect(wide.stdout.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xfe]));
    expect(wide.stdout.subarray(2).toString("utf16le")).toBe(expected);
  }, 150_000); // five CLI runs over 20 K characters: a guard against a hang, not a speed target (bench has those)
});

describe("--jobs 2 restores one long input's windows on two threads", () => {
  it("prints exactly what one thread prints, as text and as JSON, with windows restored on both threads", async () => {
    const one = await runCli(["--jobs", "1"], { ...windowed, input: TEXT });
    const two = await runCli(["--jobs", "2"], { ...windowed, input: TEXT, env: { WINDOWED_TEST_REPORT: "1" } });
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    expect(two.out).not.toBe(TEXT);
    expect(two.out).toBe(one.out);
    const threads = two.stderr.split("\n").filter((l) => l.startsWith("window restored on the "));
    expect(threads.length).toBeGreaterThan(3);
    expect(new Set(threads)).toEqual(new Set(["window restored on the main thread", "window restored on the worker"]));
    const jsonOne = await runCli(["--jobs", "1", "--format", "json", "-"], { ...windowed, input: TEXT });
    const jsonTwo = await runCli(["--jobs", "2", "--format", "json", "-"], { ...windowed, input: TEXT });
    expect(jsonTwo.code).toBe(0);
    expect(jsonTwo.out).toBe(jsonOne.out);
  }, 150_000);

  it("gives the same diff, report and written file as one thread for one long file (its windows joined)", async () => {
    const dir = tempTree({ "long.txt": TEXT, "copy.txt": TEXT });
    for (const args of [["--diff"], ["--format", "report"]]) {
      const one = await runCli(["--jobs", "1", ...args, "long.txt"], { ...windowed, cwd: dir });
      const two = await runCli(["--jobs", "2", ...args, "long.txt"], { ...windowed, cwd: dir, env: { WINDOWED_TEST_REPORT: "1" } });
      expect(two.code).toBe(one.code);
      expect(two.out).toBe(one.out);
      expect(new Set(two.stderr.split("\n").filter((l) => l.startsWith("window restored on the ")))).toEqual(
        new Set(["window restored on the main thread", "window restored on the worker"]),
      );
    }
    const w1 = await runCli(["--jobs", "1", "-w", "-q", "long.txt"], { ...windowed, cwd: dir });
    const w2 = await runCli(["--jobs", "2", "-w", "-q", "copy.txt"], { ...windowed, cwd: dir });
    expect(w1.code).toBe(w2.code);
    const written = readFileSync(join(dir, "long.txt"), "utf8");
    expect(written).not.toBe(TEXT);
    expect(readFileSync(join(dir, "copy.txt"), "utf8")).toBe(written);
  }, 150_000);

  it("ends with a clear error and a non-zero exit when a window's restoring fails, on either thread", async () => {
    // A sentence of the input's fourth window: it fails wherever it is restored.
    const marker = TEXT.slice(13_000, 13_040);
    const failed = await runCli(["--jobs", "2"], { ...windowed, input: TEXT, env: { WINDOWED_TEST_FAIL: marker } });
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toMatch(/internal error: .*test failure in a window/);
  }, 60_000);
});

