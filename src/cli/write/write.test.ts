import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, unlinkSync, writeFileSync, lstatSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { FileStamp } from "../run/process-file.js";
import { contentHash } from "./hash.js";
import { writeAll, writeAtomic } from "./write.js";

function setup(content = "old\n", mode = 0o640) {
  const dir = mkdtempSync(join(tmpdir(), "unspin-write-"));
  const file = join(dir, "a.txt");
  writeFileSync(file, content);
  chmodSync(file, mode);
  const st = statSync(file);
  const stamp: FileStamp = { mtimeMs: st.mtimeMs, size: st.size, mode: st.mode, hash: contentHash(Buffer.from(content)) };
  return { dir, file, stamp };
}

describe("atomic write", () => {
  it("replaces the content, keeps the mode and leaves no temporary file", async () => {
    const { dir, file, stamp } = setup("old\n", 0o751);
    await writeAtomic(file, Buffer.from("new\n"), stamp);
    expect(readFileSync(file, "utf8")).toBe("new\n");
    expect(statSync(file).mode & 0o777).toBe(0o751);
    expect(readdirSync(dir)).toEqual(["a.txt"]);
  });

  it("refuses read-only, vanished and concurrently changed files", async () => {
    const ro = setup("old\n", 0o444);
    await expect(writeAtomic(ro.file, Buffer.from("new\n"), ro.stamp)).rejects.toThrow(/read-only/);
    expect(readFileSync(ro.file, "utf8")).toBe("old\n");

    const gone = setup();
    unlinkSync(gone.file);
    await expect(writeAtomic(gone.file, Buffer.from("new\n"), gone.stamp)).rejects.toThrow(/disappeared/);
    expect(readdirSync(gone.dir)).toEqual([]);

    const changed = setup();
    writeFileSync(changed.file, "changed by someone else\n");
    await expect(writeAtomic(changed.file, Buffer.from("new\n"), changed.stamp)).rejects.toThrow(/changed by another program/);
    expect(readFileSync(changed.file, "utf8")).toBe("changed by someone else\n");
  });

  it("writes through a symbolic link and keeps the link", async () => {
    const { dir, file, stamp } = setup();
    const link = join(dir, "link.txt");
    symlinkSync(file, link);
    await writeAtomic(link, Buffer.from("new\n"), stamp);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(file, "utf8")).toBe("new\n");
  });
});

describe("rewriting a file in place", () => {
  /** A file handle over a byte array whose writes take at most `chunk` bytes, and none once `room` bytes are used. */
  function fakeHandle(chunk: number, room = Infinity) {
    let bytes = new Uint8Array(0);
    let synced = false;
    const handle = {
      write: async (data: Uint8Array, offset: number, length: number, position: number) => {
        const n = Math.max(0, Math.min(length, chunk, room - position));
        const grown = new Uint8Array(Math.max(bytes.length, position + n));
        grown.set(bytes);
        grown.set(data.subarray(offset, offset + n), position);
        bytes = grown;
        return { bytesWritten: n, buffer: data };
      },
      truncate: async (len: number) => {
        const cut = new Uint8Array(len);
        cut.set(bytes.subarray(0, len));
        bytes = cut;
      },
      sync: async () => {
        synced = true;
      },
    };
    return { handle: handle as unknown as Parameters<typeof writeAll>[0], bytes: () => bytes, synced: () => synced };
  }

  it("writes every byte when the system takes them a few at a time", async () => {
    const f = fakeHandle(7);
    const data = Buffer.from("The mayor said the repairs would help local businesses.\n");
    await writeAll(f.handle, data);
    expect(Buffer.from(f.bytes()).toString()).toBe(data.toString());
    expect(f.synced()).toBe(true);
  });

  it("fails on a disk that fills up, instead of padding the file with zeros", async () => {
    const f = fakeHandle(1 << 20, 10);
    await expect(writeAll(f.handle, Buffer.from("twenty bytes of text"))).rejects.toMatchObject({ code: "ENOSPC" });
    expect(f.synced()).toBe(false);
  });
});
