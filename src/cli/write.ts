/**
 * Never-lossy writes: the new content goes to a temporary file in the same folder (same file system, so the rename is
 * atomic), is flushed to disk, gets the original's mode, and is renamed over the original. A crash or kill at any
 * moment leaves either the old file or the new one, never a mix. Refuses when the file is read-only, vanished, or
 * was changed by someone else since it was read.
 */
import { randomBytes } from "node:crypto";
import { chmod, chown, lstat, open, realpath, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { describeFsError, UserError } from "./errors.js";
import type { FileStamp } from "./process-file.js";

/** Temporary files still on disk, removed if the process is interrupted (SIGINT/SIGTERM). */
export const pendingTempFiles = new Set<string>();

export async function writeAtomic(path: string, data: Uint8Array, stamp: FileStamp | null): Promise<void> {
  if (!stamp) throw new UserError("not a regular file, cannot be written in place");
  let target: string;
  try {
    // Write through symbolic links: the link stays a link and its target gets the new text.
    target = await realpath(path);
    const st = await lstat(target);
    if (st.mtimeMs !== stamp.mtimeMs || st.size !== stamp.size) {
      throw new UserError("changed by another program since unspin read it; not written");
    }
    // Checked by mode bits, not access(): root may write anything, but a read-only file is a clear signal.
    if ((st.mode & 0o222) === 0) throw new UserError("file is read-only; not written");
    await replaceFile(target, data, st.mode & 0o7777, st.uid, st.gid);
  } catch (err) {
    if (err instanceof UserError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new UserError("disappeared since unspin read it; not written");
    throw new UserError(`could not write: ${describeFsError(err)}; the original is unchanged`);
  }
}

async function replaceFile(target: string, data: Uint8Array, mode: number, uid: number, gid: number): Promise<void> {
  const tmp = join(dirname(target), `.${basename(target)}.unspin-${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
  pendingTempFiles.add(tmp);
  try {
    const fh = await open(tmp, "wx", 0o600);
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await chmod(tmp, mode);
    await chown(tmp, uid, gid).catch(() => undefined); // only possible as root or for our own files; best effort
    await rename(tmp, target);
    pendingTempFiles.delete(tmp);
    await syncDirectory(dirname(target));
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    pendingTempFiles.delete(tmp);
    throw err;
  }
}

/** Makes the rename itself durable; not all platforms allow opening a directory, hence best effort. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const fh = await open(dir, "r");
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    /* ignored */
  }
}

/** Removes temporary files of interrupted writes; synchronous because it runs in signal handlers. */
export function cleanupTempFilesSync(unlinkSync: (p: string) => void): void {
  for (const p of pendingTempFiles) {
    try {
      unlinkSync(p);
    } catch {
      /* already gone */
    }
  }
  pendingTempFiles.clear();
}
