/**
 * A long input file printed as it is restored is read a window's slice at a time, never whole
 * (src/cli/input/file-source.ts): `unspin < big.txt` and `unspin big.txt` must print exactly what the library's
 * restore of the whole text gives. The real CLI, over 2.3 MB (more than two of the source's chunks).
 */
import { closeSync, openSync, readSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { restoreWindows } from "../../src/index.js";
import { benchText } from "../../src/test-helpers/bench-text.js";
import { REAL_CLI, runCli, tempTree } from "./helpers/run.js";

const restored = (text: string) => [...restoreWindows(text)].map((p) => p.text).join("");

describe("a long input file, printed", () => {
  // Spun paragraphs with CRLF and lone CR line ends and curly quotes, so slices cut multi-byte characters' chunks.
  const text = benchText(".spun.txt", 2_300_000, 7)
    .split("\n")
    .map((line, i) => (i % 5 === 0 ? line.replace(/'/g, "\u2019") : line) + ["\n", "\r\n", "\r"][i % 3])
    .join("");
  const dir = tempTree({ "big.txt": text });
  const path = join(dir, "big.txt");

  it("gives what the library gives for the whole text, from stdin and from the file named", async () => {
    const expected = restored(text);
    expect(expected).not.toBe(text);
    const fd = openSync(path, "r");
    try {
      const piped = await runCli([], { cli: REAL_CLI, inputFd: fd, timeoutMs: 120_000 });
      expect(piped.stderr).toBe("");
      expect(piped.code).toBe(0);
      expect(piped.out).toBe(expected);
    } finally {
      closeSync(fd);
    }
    const named = await runCli(["big.txt"], { cli: REAL_CLI, cwd: dir, timeoutMs: 120_000 });
    expect(named.code).toBe(0);
    expect(named.out).toBe(expected);
  }, 300_000); // three restorations of 2.3 MB: a guard against a hang, not a speed target

  it("reads stdin from where its descriptor stands, as a shell's `{ head -c N; unspin; } < file` leaves it", async () => {
    const fd = openSync(path, "r");
    try {
      // The first paragraph read off, by bytes, as another command before unspin would.
      const first = text.search(/\r|\n/) + 1;
      const head = Buffer.alloc(Buffer.byteLength(text.slice(0, first)));
      readSync(fd, head, 0, head.length, null);
      const rest = await runCli([], { cli: REAL_CLI, inputFd: fd, timeoutMs: 120_000 });
      expect(rest.code).toBe(0);
      expect(rest.out).toBe(restored(text.slice(first)));
    } finally {
      closeSync(fd);
    }
  }, 300_000);

  it("is read whole, as before, when it holds an inline directive", async () => {
    const withDirective = `${text.slice(0, 1000)}\n<!-- unspin-disable-next-line -->\nHe mentioned it.\n${text.slice(1000)}`;
    const d = tempTree({ "d.txt": withDirective });
    const named = await runCli(["d.txt"], { cli: REAL_CLI, cwd: d, timeoutMs: 120_000 });
    expect(named.code).toBe(0);
    expect(named.out).toContain("\n<!-- unspin-disable-next-line -->\nHe mentioned it.\n");
  }, 300_000);
});
