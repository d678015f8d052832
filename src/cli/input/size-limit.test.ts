import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { closeSync, mkdtempSync, openSync, readSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BYTES_PER_MB, formatMB, readFdBounded, readLimited, sizeLimitFor, tooLargeMessage } from "./size-limit.js";

const noConfig = { filepath: null, settings: {} };

describe("size limit", () => {
  it("takes the command line over the config over the default of 32 MB", () => {
    expect(sizeLimitFor(undefined, noConfig)).toEqual({ bytes: 32 * BYTES_PER_MB, label: "--max-size 32 MB" });
    expect(sizeLimitFor(0.5, { filepath: "/p/.unspinrc.json", settings: { maxSize: 5 } })).toEqual({ bytes: 0.5 * BYTES_PER_MB, label: "--max-size 0.5 MB" });
    expect(sizeLimitFor(undefined, { filepath: "/p/.unspinrc.json", settings: { maxSize: 5 } })).toEqual({
      bytes: 5 * BYTES_PER_MB,
      label: "maxSize 5 MB in /p/.unspinrc.json",
    });
  });

  it("formats sizes readably, large and small", () => {
    expect(formatMB(120.5 * BYTES_PER_MB)).toBe("120.5 MB");
    expect(formatMB(32 * BYTES_PER_MB + 1)).toBe("32.0 MB");
    expect(formatMB(2048)).toBe("0.00195 MB");
    expect(formatMB(1.5 * BYTES_PER_MB)).toBe("1.5 MB");
  });

  it("words the message for named files, files found in folders and streams", () => {
    const limit = sizeLimitFor(32, noConfig);
    expect(tooLargeMessage(120.5 * BYTES_PER_MB, limit)).toBe("120.5 MB is more than --max-size 32 MB; not read (raise --max-size to restore it)");
    expect(tooLargeMessage(120.5 * BYTES_PER_MB, limit, true)).toBe("120.5 MB is more than --max-size 32 MB, skipped (raise --max-size to restore it)");
    expect(tooLargeMessage(null, limit)).toBe("more than --max-size 32 MB arrived; stopped reading (raise --max-size to restore it)");
  });
});

describe("readLimited", () => {
  it("returns everything up to and including the limit", async () => {
    expect((await readLimited(Readable.from([Buffer.from("abc"), Buffer.from("de")]), 5))?.toString()).toBe("abcde");
    expect((await readLimited(Readable.from(["ab", "c"]), 100))?.toString()).toBe("abc");
    expect((await readLimited(Readable.from([]), 0))?.length).toBe(0);
  });

  it("stops reading an endless stream once more than the limit has arrived", async () => {
    let produced = 0;
    const endless = new Readable({
      read() {
        produced += 1024;
        this.push(Buffer.alloc(1024, 97));
      },
    });
    expect(await readLimited(endless, 10_000)).toBeNull();
    expect(endless.destroyed).toBe(true);
    expect(produced).toBeLessThan(100_000);
  });

  it("passes stream errors on", async () => {
    const broken = new Readable({
      read() {
        this.destroy(new Error("EIO"));
      },
    });
    await expect(readLimited(broken, 100)).rejects.toThrow("EIO");
  });
});

describe("reading stdin redirected from a file", () => {
  it("reads from the current position to the end, beyond a size hint that is too small, and stops past the limit", () => {
    const path = join(mkdtempSync(join(tmpdir(), "unspin-fd-")), "in.txt");
    const text = "0123456789".repeat(1000);
    writeFileSync(path, text);
    const fd = openSync(path, "r");
    try {
      readSync(fd, Buffer.alloc(10), 0, 10, null); // someone read the first ten bytes before us
      expect(readFdBounded(fd, 5, 1_000_000)!.toString()).toBe(text.slice(10));
    } finally {
      closeSync(fd);
    }
    const again = openSync(path, "r");
    try {
      expect(readFdBounded(again, text.length, text.length - 1)).toBeNull();
    } finally {
      closeSync(again);
    }
    const exact = openSync(path, "r");
    try {
      expect(readFdBounded(exact, text.length, text.length)!.length).toBe(text.length);
    } finally {
      closeSync(exact);
    }
  });
});
