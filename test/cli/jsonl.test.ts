/**
 * Stream mode with the real engine: `unspin --jsonl` and `unspin scan --jsonl` read one JSON record per line and write
 * one per line, in input order; bad records get error records and exit code 2; the same stream split across
 * processes by GNU parallel gives byte-identical output.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REAL_CLI, ROOT, runCli, tempTree } from "./helpers/run.js";

const real = { cli: REAL_CLI };
const SPUN = readFileSync(join(ROOT, "fixtures/cli/spun-article.txt"), "utf8");
const CLEAN = readFileSync(join(ROOT, "fixtures/cli/clean-article.txt"), "utf8");
const lines = (s: string) => s.split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

describe("--jsonl (real engine)", () => {
  it("restores each record, passes other fields through, keeps input order", async () => {
    const input = [
      { id: "a", text: SPUN, source: "site-1" },
      { id: 2, text: CLEAN, tags: ["x"] },
      { id: "c", text: "We propose a method for bosom tumor detection on two public datasets." },
    ]
      .map((r) => JSON.stringify(r))
      .join("\n");
    const r = await runCli(["--jsonl"], { ...real, input });
    expect(r.code).toBe(0);
    const out = lines(r.out);
    expect(out.map((o) => o.id)).toEqual(["a", 2, "c"]);
    expect(out[0]).toMatchObject({ source: "site-1", changed: true });
    expect(out[0]!.text).not.toBe(SPUN);
    expect(out[1]).toMatchObject({ tags: ["x"], changed: false, text: CLEAN, edits: [], flags: [] });
    expect(out[2]!.text).toBe("We propose a method for breast cancer detection on two public datasets.");
    for (const o of out) expect(o.scores).toMatchObject({ verdict: expect.stringMatching(/^(clean|suspicious|spun)$/) });
    // The edits describe the change exactly.
    const edits = out[0]!.edits as Array<{ start: number; end: number; after: string }>;
    let rebuilt = "";
    let at = 0;
    for (const e of edits) {
      rebuilt += SPUN.slice(at, e.start) + e.after;
      at = e.end;
    }
    expect(rebuilt + SPUN.slice(at)).toBe(out[0]!.text);
  });

  it("answers bad records with error records, never crashes, and exits 2 at the end", async () => {
    const input = ['{"id":1,"text":"Fine."}', "not json", "[1,2]", '{"id":4}', '{"id":5,"text":7}', "", '{"id":6,"text":"Also fine."}'].join("\n");
    const r = await runCli(["--jsonl"], { ...real, input });
    expect(r.code).toBe(2);
    const out = lines(r.out);
    expect(out.map((o) => [o.id, typeof o.error])).toEqual([
      [1, "undefined"],
      [null, "string"],
      [null, "string"],
      [4, "string"],
      [5, "string"],
      [6, "undefined"],
    ]);
    expect(r.stderr).toMatch(/stdin line 2: not valid JSON at column 1: unexpected character\n/);
    expect(out[1]!.error).toBe("not valid JSON at column 1: unexpected character");
  });

  it("refuses a record that is not UTF-8 (as a file is refused), and skips a byte-order mark before the first", async () => {
    const input = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('{"id":1,"text":"Fine."}\n{"id":2,"text":"caf'),
      Buffer.from([0xe9]),
      Buffer.from('"}\n{"id":3,"text":"Also fine."}\n'),
    ]);
    const r = await runCli(["--jsonl"], { ...real, input });
    expect(r.code).toBe(2);
    expect(lines(r.out).map((o) => [o.id, o.error ?? "ok"])).toEqual([
      [1, "ok"],
      [null, "not valid UTF-8"],
      [3, "ok"],
    ]);
    expect(r.stderr).toBe("unspin: stdin line 2: not valid UTF-8\n");
  });

  it.skipIf(!existsSync("/dev/full"))("stops with a message and exit 2 when its output cannot be written", () => {
    const input = `${'{"id":1,"text":"Fine."}\n'.repeat(50)}`;
    for (const args of [["--jsonl"], ["scan", "--jsonl"]]) {
      const r = spawnSync(process.execPath, [REAL_CLI, ...args], { input, stdio: ["pipe", "pipe", "pipe"], encoding: "utf8", env: { ...process.env } });
      expect(r.status).toBe(0);
      const full = spawnSync("sh", ["-c", `"${process.execPath}" "${REAL_CLI}" ${args.join(" ")} > /dev/full`], { input, encoding: "utf8" });
      expect(full.status).toBe(2);
      expect(full.stderr).toBe("unspin: cannot write output: no space left on device\n");
    }
  });

  it("skips a record longer than --max-size without holding it", async () => {
    const big = JSON.stringify({ id: "big", text: "word ".repeat(300_000) });
    const r = await runCli(["--jsonl", "--max-size", "1"], { ...real, input: `${big}\n{"id":"next","text":"Fine."}\n` });
    expect(r.code).toBe(2);
    expect(lines(r.out)).toEqual([
      { id: null, error: "record longer than 1 MB" },
      expect.objectContaining({ id: "next", text: "Fine." }),
    ]);
  });

  it("names a small --max-size as given, not rounded to 0 MB", async () => {
    const r = await runCli(["--jsonl", "--max-size", "0.001"], { ...real, input: `${JSON.stringify({ id: "long", text: "word ".repeat(1000) })}\n` });
    expect(r.code).toBe(2);
    expect(lines(r.out)).toEqual([{ id: null, error: "record longer than 0.001 MB" }]);
  });

  it("scan --jsonl gives the scores and fingerprints, without the text", async () => {
    const r = await runCli(["scan", "--jsonl"], { ...real, input: `${JSON.stringify({ id: 1, text: SPUN, lang: "en" })}\n` });
    // The spun record reaches --fail-on's default (spun): exit 1, as for a file.
    expect(r.code).toBe(1);
    const [o] = lines(r.out);
    expect(o).toMatchObject({ id: 1, lang: "en", verdict: "spun", probability: expect.any(Number) });
    expect(o).not.toHaveProperty("text");
  });

  const parallel = spawnSync("parallel", ["--version"], { encoding: "utf8" });
  const haveParallel = parallel.status === 0;
  if (!haveParallel) {
    console.warn("test/cli/jsonl.test.ts: GNU parallel is not installed (Debian package `parallel`); the split-stream test is skipped.");
  }
  it.skipIf(!haveParallel)("gives byte-identical output for 10,000 records split across 2 processes by GNU parallel", () => {
    const dir = tempTree({});
    const texts = [
      "The mayor mentioned the repairs would assist native companies.",
      "The council approved a new budget for the harbour bridge on Tuesday.",
      "Doctors said the bosom tumor was found early, and the 12 months ahead will be hard.",
      "She said the plan would help local businesses.",
      "The team won the cup for the third 12 months running.",
      "Officers mentioned the {dollars} would assist the town.",
      "It rained all day.",
      "Tickets for the concert sold out in an hour.",
      "Individuals have waited lengthy sufficient, she mentioned.",
      "The bridge opened in May.",
    ];
    const records: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      records.push(i % 997 === 5 ? "broken {record" : JSON.stringify({ id: i, text: `${texts[i % texts.length]} Record ${i}.` }));
    }
    const input = join(dir, "in.jsonl");
    writeFileSync(input, records.join("\n") + "\n");
    const node = process.execPath;
    const one = spawnSync("sh", ["-c", `"${node}" "${REAL_CLI}" --jsonl --quiet < "${input}"`], { encoding: "utf8", maxBuffer: 1 << 28 });
    const split = spawnSync(
      "sh",
      ["-c", `parallel --pipe --block 400k -j 2 -k "'${node}' '${REAL_CLI}' --jsonl --quiet" < "${input}"`],
      { encoding: "utf8", maxBuffer: 1 << 28 },
    );
    expect(one.status).toBe(2); // the broken records
    expect(split.stdout.split("\n").length).toBe(10_001);
    expect(split.stdout).toBe(one.stdout);
  }, 120_000);
});
