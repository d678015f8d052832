import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { BYTES_PER_MB, formatMB, readLimited, sizeLimitFor, tooLargeMessage } from "./size-limit.js";

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
