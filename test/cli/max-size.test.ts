/** --max-size / maxSize: huge inputs get one clear line and exit 2 (or a skip note in folders), never a hang. Stand-in engine. */
import { spawn } from "node:child_process";
import { existsSync, openSync, closeSync, readFileSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FAKE_CLI, runCli, tempTree } from "./helpers/run.js";

/** 2 KB of text with one change for the stand-in engine: over --max-size 0.001 (≈ 1 KB). */
const BIG = "He mentioned it.\n" + "x".repeat(2031) + "\n";
const SMALL = "He mentioned it.\n";

describe("--max-size", () => {
  it("refuses a file named on the command line that is larger, and still processes the others", async () => {
    const dir = tempTree({ "big.txt": BIG, "small.txt": SMALL });
    const r = await runCli(["--max-size", "0.001", "--format", "json", "big.txt", "small.txt"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unspin: big.txt: 0.00195 MB is more than --max-size 0.001 MB; not read (raise --max-size to restore it)\n");
    expect(r.out.trim().split("\n").map((l) => JSON.parse(l).file)).toEqual(["small.txt"]);
  });

  it("refuses a single named file with nothing on stdout, and never writes it", async () => {
    const dir = tempTree({ "big.txt": BIG });
    const r = await runCli(["--max-size", "0.001", "-w", "big.txt"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^unspin: big\.txt: 0\.00195 MB is more than --max-size 0\.001 MB; not read/);
    expect(readFileSync(join(dir, "big.txt"), "utf8")).toBe(BIG);
  });

  it("skips a larger file found in a folder with a note, exit 0", async () => {
    const dir = tempTree({ "docs/big.txt": BIG, "docs/small.txt": SMALL });
    const r = await runCli(["--max-size", "0.001", "docs"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("unspin: docs/big.txt: 0.00195 MB is more than --max-size 0.001 MB, skipped (raise --max-size to restore it)\n");
    expect(r.stderr).toMatch(/1 file checked in [\d.]+ s: 1 change in 1 file .*, 1 skipped\n$/);
    expect(r.out).toContain("docs/small.txt");
    expect(r.out).not.toContain("docs/big.txt");
  });

  it("stops reading stdin over the limit: exit 2, nothing on stdout", async () => {
    const r = await runCli(["--max-size", "0.001"], { input: BIG });
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.stderr).toBe("unspin: stdin: more than --max-size 0.001 MB arrived; stopped reading (raise --max-size to restore it)\n");
  });

  it("does not hang on a stdin that never ends", async () => {
    const child = spawn(process.execPath, [FAKE_CLI, "--max-size", "0.01"], { stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let err = "";
    child.stdout.on("data", (c: Buffer) => out.push(c));
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    child.stdin.on("error", () => undefined);
    const line = Buffer.from("He mentioned it again and again.\n".repeat(100));
    let stopped = false;
    const feed = () => {
      while (!stopped && child.stdin.write(line));
      if (!stopped) child.stdin.once("drain", feed);
    };
    feed();
    const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
    stopped = true;
    expect(code).toBe(2);
    expect(Buffer.concat(out).length).toBe(0);
    expect(err).toContain("more than --max-size 0.01 MB arrived; stopped reading");
  });

  it("checks stdin redirected from a file by its size, before reading", async () => {
    const dir = tempTree({ "big.txt": BIG });
    const fd = openSync(join(dir, "big.txt"), "r");
    try {
      const child = spawn(process.execPath, [FAKE_CLI, "--max-size", "0.001"], { stdio: [fd, "pipe", "pipe"] });
      let out = "";
      let err = "";
      child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
      child.stderr!.on("data", (c: Buffer) => (err += c.toString()));
      const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
      expect(code).toBe(2);
      expect(out).toBe("");
      expect(err).toBe("unspin: stdin: 0.00195 MB is more than --max-size 0.001 MB; not read (raise --max-size to restore it)\n");
    } finally {
      closeSync(fd);
    }
  });

  it.skipIf(!existsSync("/dev/zero"))("stops reading an endless device named on the command line", async () => {
    const r = await runCli(["--max-size", "0.01", "/dev/zero"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("more than --max-size 0.01 MB arrived; stopped reading");
  });

  it("restores inputs under the limit as usual", async () => {
    const dir = tempTree({ "big.txt": BIG });
    const piped = await runCli(["--max-size", "0.01"], { input: BIG });
    expect(piped.code).toBe(0);
    expect(piped.out).toBe(BIG.replace("mentioned", "said"));
    const named = await runCli(["--max-size", "0.01", "big.txt"], { cwd: dir });
    expect(named.code).toBe(0);
    expect(named.out).toBe(BIG.replace("mentioned", "said"));
    const byDefault = await runCli(["big.txt"], { cwd: dir });
    expect(byDefault.code).toBe(0);
    expect(byDefault.stderr).toBe("");
  });

  it("takes maxSize from the config, overridden by the command line", async () => {
    const dir = tempTree({ ".unspinrc.json": JSON.stringify({ maxSize: 0.001 }), "big.txt": BIG });
    const r = await runCli(["big.txt"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`unspin: big.txt: 0.00195 MB is more than maxSize 0.001 MB in ${join(dir, ".unspinrc.json")}; not read (raise --max-size to restore it)\n`);
    expect((await runCli(["--max-size", "1", "big.txt"], { cwd: dir })).code).toBe(0);
    const printed = await runCli(["--print-config", "big.txt"], { cwd: dir });
    expect(JSON.parse(printed.out).maxSize).toBe(0.001);
    const bad = tempTree({ ".unspinrc.json": JSON.stringify({ maxSize: 0 }), "a.txt": SMALL });
    const r2 = await runCli(["a.txt"], { cwd: bad });
    expect(r2.code).toBe(2);
    expect(r2.stderr).toBe(`unspin: invalid configuration in ${join(bad, ".unspinrc.json")}: "maxSize" must be a number of MB > 0 (got 0)\n`);
  });

  it("rejects 0, negative and non-numeric --max-size as usage errors", async () => {
    for (const v of ["0", "-1", "abc", ""]) {
      const r = await runCli(["--max-size", v, "-"], { input: SMALL });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--max-size.*expected a number of MB > 0/);
      expect(r.out).toBe("");
    }
  });
});

describe("unspin learn", () => {
  it("refuses a file over the 32 MB limit before reading it", async () => {
    const dir = tempTree({ "orig.txt": SMALL });
    writeFileSync(join(dir, "huge.txt"), "");
    truncateSync(join(dir, "huge.txt"), 33 * 1024 * 1024);
    const r = await runCli(["learn", "huge.txt", "orig.txt"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unspin: huge.txt: 33.0 MB is more than the 32 MB limit; not read");
    expect(r.out).toBe("");
  });
});
