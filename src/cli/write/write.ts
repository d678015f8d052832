/**
 * Never-lossy writes. The file is re-read first and written only if its content is still what unspin read (a hash,
 * not only size and time), and only if its real path lies inside the tree it was found in (a symbolic link never
 * leads a write outside). Then, by default, the new content goes to a temporary file in the same folder (same file
 * system, so the rename is atomic), is flushed to disk, gets the original's attributes, and is renamed over the
 * original: a crash or kill at any moment leaves either the old file or the new one, never a mix.
 *
 * A rename gives the file a new inode, which would break hard links and lose what cannot be copied onto the new
 * file (the owner when unspin is not root, extended attributes and ACLs where they cannot be copied). Those files
 * are rewritten in place instead, after a copy of the original has been flushed to a backup file next to it; the
 * backup is removed once the new content is on disk, and an interrupted in-place write puts the original back.
 */
import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, ftruncateSync, openSync, writeSync } from "node:fs";
import { chmod, chown, lstat, open, readdir, readFile, realpath, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { describeFsError, UserError } from "../errors.js";
import { contentHash } from "./hash.js";
import { isInside } from "../input/paths.js";
import type { FileStamp } from "../run/process-file.js";

/** Temporary files still on disk, removed if the process is interrupted (SIGINT/SIGTERM/SIGHUP/SIGQUIT). */
export const pendingTempFiles = new Set<string>();
/** In-place writes under way: on interruption, the original content is written back and the backup removed. */
const pendingInPlace = new Map<string, { original: Uint8Array; backup: string }>();

/** How a file was written: renamed over (atomic) or rewritten in place (to keep hard links, owner, attributes). */
export type WriteMethod = "rename" | "in-place";

/**
 * `root`: the real path of the tree the file was found in; the file's real path must be inside it. Resolves to the
 * method used, or throws a UserError whose message says why nothing was written.
 */
export async function writeAtomic(path: string, data: Uint8Array, stamp: FileStamp | null, root?: string): Promise<WriteMethod> {
  if (!stamp) throw new UserError("not a regular file, cannot be written in place");
  checkpoint();
  inFlight++;
  try {
    return await writeChecked(path, data, stamp, root);
  } finally {
    if (--inFlight === 0 && onIdle) onIdle();
  }
}

/**
 * Interruption (Ctrl-C, SIGTERM, SIGHUP, SIGQUIT) is cooperative while a write is under way: the write stops at its
 * next step and removes its own temporary file, or finishes an in-place rewrite it has started, and only then does
 * the process exit. Leaving at once could race with work still in flight (an `open` in libuv's thread pool, a `cp`
 * run by the helper) that would recreate a temporary file after it was removed.
 */
let inFlight = 0;
let stopSignal: NodeJS.Signals | null = null;
let onIdle: (() => void) | null = null;

/** Asks writes to stop. Returns false when none is under way; else `idle` is called once the last one is done. */
export function requestStop(signal: NodeJS.Signals, idle: () => void): boolean {
  stopSignal = signal;
  if (inFlight === 0) return false;
  onIdle = idle;
  return true;
}

function checkpoint(): void {
  if (stopSignal) throw new UserError(`interrupted (${stopSignal}); not written`);
}

async function writeChecked(path: string, data: Uint8Array, stamp: FileStamp, root?: string): Promise<WriteMethod> {
  let target: string;
  try {
    target = await realpath(path);
    if (root !== undefined && !isInside(target, root)) {
      throw new UserError(`leads to ${target}, outside ${root} (a symbolic link); not written`);
    }
    const st = await lstat(target);
    if (!st.isFile()) throw new UserError("not a regular file, cannot be written in place");
    // Checked by mode bits, not access(): root may write anything, but a read-only file is a clear signal.
    if ((st.mode & 0o222) === 0) throw new UserError("file is read-only; not written");
    const current = st.size === stamp.size ? await readFile(target) : null;
    if (!current || contentHash(current) !== stamp.hash) {
      throw new UserError("changed by another program since unspin read it; not written");
    }
    if (st.nlink > 1) {
      await rewriteInPlace(target, data, current, stamp.hash);
      return "in-place";
    }
    const renamed = await replaceFile(target, data, st, stamp.hash);
    if (renamed) return "rename";
    await rewriteInPlace(target, data, current, stamp.hash);
    return "in-place";
  } catch (err) {
    if (err instanceof UserError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new UserError("disappeared since unspin read it; not written");
    throw new UserError(`could not write: ${describeFsError(err)}; the original is unchanged`);
  }
}

/** Name of a temporary file next to `target`; the name part is shortened so the whole stays within 255 bytes. */
export function tempName(target: string, suffix: "tmp" | "bak"): string {
  const tail = `.unspin-${process.pid}-${randomBytes(4).toString("hex")}.${suffix}`;
  let name = basename(target);
  while (Buffer.byteLength(name) > 120) name = [...name].slice(0, -1).join("");
  return join(dirname(target), `.${name}${tail}`);
}

/**
 * Writes `data` to a temporary file, copies the original's attributes onto it, re-checks the original and renames.
 * Returns false (nothing changed, temporary file removed) when the attributes cannot all be carried over.
 */
async function replaceFile(target: string, data: Uint8Array, st: import("node:fs").Stats, hash: string): Promise<boolean> {
  const tmp = tempName(target, "tmp");
  pendingTempFiles.add(tmp);
  try {
    let fh;
    try {
      fh = await open(tmp, "wx", 0o600);
    } catch (err) {
      // A folder we may not create files in, holding a file we may write: rewrite the file itself.
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "EACCES" || code === "EPERM" || code === "EROFS") return false;
      throw err;
    }
    // Attributes are copied while the data is written and flushed (cp touches only the attributes of the file).
    const attributes = copyAttributes(target, tmp, st);
    let copied: boolean;
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
      copied = await attributes;
    }
    checkpoint();
    if (!copied) {
      await unlink(tmp).catch(() => undefined);
      return false;
    }
    // Last check right before the rename: the window for a lost update is as short as it can be.
    if (contentHash(await readFile(target)) !== hash) {
      throw new UserError("changed by another program since unspin read it; not written");
    }
    await rename(tmp, target);
    pendingTempFiles.delete(tmp);
    await syncDirectory(dirname(target));
    return true;
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  } finally {
    pendingTempFiles.delete(tmp);
  }
}

/**
 * Gives `tmp` the mode, owner and extended attributes (ACLs included) of `target`. On Linux this is GNU cp's
 * `--attributes-only`, which fails when something cannot be preserved (an owner only root may set, attributes the
 * file system refuses); elsewhere mode and owner are copied by node:fs (extended attributes are not). Returns false
 * when the copy is incomplete.
 */
async function copyAttributes(target: string, tmp: string, st: import("node:fs").Stats): Promise<boolean> {
  const copier = await attributeCopier();
  if (copier) {
    if (!(await copier.copy(target, tmp))) return false;
  } else {
    await chmod(tmp, st.mode & 0o7777);
    try {
      await chown(tmp, st.uid, st.gid);
    } catch {
      return false;
    }
  }
  const after = await stat(tmp);
  return after.uid === st.uid && after.gid === st.gid && (after.mode & 0o7777) === (st.mode & 0o7777);
}

const CP_ARGS = ["--attributes-only", "--preserve=mode,ownership,xattr", "--"];

/**
 * Runs `cp` for each file. Forking the unspin process itself costs ~10 ms per file (it holds the model), so when
 * bash is there, one small bash process is started once and forks each `cp` (paths go over a pipe, NUL-separated,
 * one answer line per request); otherwise each `cp` is spawned directly.
 */
interface Copier {
  copy(source: string, dest: string): Promise<boolean>;
  close(): void;
}

let copier: Promise<Copier | null> | null = null;

function attributeCopier(): Promise<Copier | null> {
  copier ??= (async () => {
    if (process.platform !== "linux") return null;
    const gnu = await new Promise<boolean>((resolve) =>
      execFile("cp", ["--version"], (err, stdout) => resolve(!err && /GNU coreutils/.test(String(stdout)))),
    );
    if (!gnu) return null;
    return bashCopier() ?? spawnCopier();
  })();
  return copier;
}

/** Stops the helper process, if one was started (at the end of a run; it also ends by itself with unspin). */
export async function closeAttributeCopier(): Promise<void> {
  const c = copier;
  copier = null;
  (await c)?.close();
}

function spawnCopier(): Copier {
  return {
    copy: (source, dest) => new Promise((resolve) => execFile("cp", [...CP_ARGS, source, dest], (err) => resolve(!err))),
    close: () => undefined,
  };
}

function bashCopier(): Copier | null {
  const script = `while IFS= read -r -d '' s && IFS= read -r -d '' d; do cp ${CP_ARGS.join(" ")} "$s" "$d" 2>/dev/null && echo 0 || echo 1; done`;
  let child: import("node:child_process").ChildProcess;
  try {
    child = spawn("bash", ["-c", script], { stdio: ["pipe", "pipe", "ignore"] });
  } catch {
    return null;
  }
  const fallback = spawnCopier();
  const waiting: Array<(ok: boolean) => void> = [];
  let broken = false;
  let buffered = "";
  type Handle = { ref?: () => void; unref?: () => void };
  const out = child.stdout as unknown as Handle;
  const fail = () => {
    broken = true;
    // Requests in flight are answered by spawning cp for each: a dead helper must not be taken for "cannot copy".
    for (const w of waiting.splice(0)) w(false);
  };
  child.on("error", fail);
  child.on("exit", fail);
  child.stdin!.on("error", fail);
  child.stdout!.setEncoding("utf8");
  child.stdout!.on("data", (chunk: string) => {
    buffered += chunk;
    let nl;
    while ((nl = buffered.indexOf("\n")) !== -1) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      waiting.shift()?.(line === "0");
      if (waiting.length === 0) out.unref?.();
    }
  });
  // The helper keeps unspin alive only while an answer is awaited.
  child.unref();
  (child.stdin as unknown as Handle).unref?.();
  out.unref?.();
  return {
    copy: (source, dest) => {
      if (broken || source.includes("\0") || dest.includes("\0")) return fallback.copy(source, dest);
      return new Promise<boolean>((resolve) => {
        if (waiting.length === 0) out.ref?.();
        waiting.push((ok) => (ok || !broken ? resolve(ok) : resolve(fallback.copy(source, dest))));
        child.stdin!.write(`${source}\0${dest}\0`);
      });
    },
    close: () => {
      child.stdin!.end();
    },
  };
}

/**
 * Rewrites the file itself (same inode: hard links, owner, attributes stay). The original is first flushed to a
 * backup file next to it; if writing fails, the original is written back. The backup is removed at the end, and kept,
 * named in the error, only when the original could not be written back.
 */
async function rewriteInPlace(target: string, data: Uint8Array, original: Uint8Array, hash: string): Promise<void> {
  const backup = await writeBackup(target, original);
  pendingInPlace.set(target, { original, backup });
  try {
    checkpoint();
    const fh = await open(target, "r+");
    try {
      if (contentHash(await fh.readFile()) !== hash) {
        throw new UserError("changed by another program since unspin read it; not written");
      }
      try {
        await writeAll(fh, data);
      } catch (err) {
        try {
          await writeAll(fh, original);
        } catch {
          // The backup (if the folder took one) is now the only full copy: it stays, and the message names it.
          pendingInPlace.delete(target);
          throw new UserError(`could not write: ${describeFsError(err)}, nor put the original back (it is in ${backup})`);
        }
        throw err;
      }
    } finally {
      await fh.close();
    }
    pendingInPlace.delete(target);
    await unlink(backup);
  } catch (err) {
    if (pendingInPlace.delete(target)) await unlink(backup).catch(() => undefined);
    throw err;
  }
}

/**
 * The original's backup next to `target`, flushed to disk; removed again if it could not be written whole. A folder
 * that takes no new file stops the write: without a backup, a crash in the middle of it would lose the text.
 */
async function writeBackup(target: string, original: Uint8Array): Promise<string> {
  const backup = tempName(target, "bak");
  let bh;
  try {
    bh = await open(backup, "wx", 0o600);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EACCES" || code === "EPERM" || code === "EROFS") {
      throw new UserError(`could not write: the folder takes no new file (${describeFsError(err)}), and rewriting the file in place needs a backup beside it; the original is unchanged`);
    }
    throw err;
  }
  try {
    await bh.writeFile(original);
    await bh.sync();
    await bh.close();
  } catch (err) {
    await bh.close().catch(() => undefined);
    await unlink(backup).catch(() => undefined);
    throw err;
  }
  return backup;
}

/** Writes all of `bytes` over the file from its start, truncates it to their length and flushes it. */
export async function writeAll(fh: Pick<import("node:fs/promises").FileHandle, "write" | "truncate" | "sync">, bytes: Uint8Array): Promise<void> {
  // A write may take fewer bytes than given (a disk filling up): the rest is written after them, and a write that
  // takes none is an error rather than a file padded with zeros by the truncate.
  for (let at = 0; at < bytes.length; ) {
    const { bytesWritten } = await fh.write(bytes, at, bytes.length - at, at);
    if (bytesWritten <= 0) throw Object.assign(new Error("no space left on device"), { code: "ENOSPC" });
    at += bytesWritten;
  }
  await fh.truncate(bytes.length);
  await fh.sync();
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

/**
 * Undoes unfinished work on interruption; synchronous because it runs in signal handlers: temporary files are
 * removed, and a file being rewritten in place gets its original content back (then its backup is removed).
 */
export function cleanupTempFilesSync(unlinkSync: (p: string) => void): void {
  for (const [target, { original, backup }] of pendingInPlace) {
    try {
      const fd = openSync(target, "r+");
      try {
        for (let at = 0; at < original.length; ) {
          const n = writeSync(fd, original, at, original.length - at, at);
          if (n <= 0) throw new Error("short write");
          at += n;
        }
        ftruncateSync(fd, original.length);
      } finally {
        closeSync(fd);
      }
      unlinkSync(backup);
    } catch {
      /* the backup stays, and the next run names it */
    }
  }
  pendingInPlace.clear();
  for (const p of pendingTempFiles) {
    try {
      unlinkSync(p);
    } catch {
      /* already gone */
    }
  }
  pendingTempFiles.clear();
}

const LEFTOVER = /^\.(.*)\.unspin-(\d+)-[0-9a-f]{8}\.(tmp|bak)$/s;
/** A leftover must be at least this old before it is touched (a write in progress takes milliseconds). */
const STALE_AFTER_MS = 60_000;

export interface Leftover {
  path: string;
  /** "removed": a stale temporary file was deleted. "backup": the original of a file whose in-place write was cut short. */
  kind: "removed" | "backup";
  /** The file it belonged to. */
  file: string;
}

/**
 * Temporary files that a process killed with SIGKILL (or a power cut) left in `dir`: `.NAME.unspin-PID-RAND.tmp`
 * whose process is gone and which are over a minute old are removed (they only ever hold a copy of new text that
 * was never renamed into place). A `.bak` file is the original of a file whose in-place write was cut short: it is
 * never removed, only reported.
 */
export async function sweepLeftovers(dir: string, now = Date.now()): Promise<Leftover[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const out: Leftover[] = [];
  for (const name of names) {
    const m = LEFTOVER.exec(name);
    if (!m) continue;
    const pid = Number(m[2]);
    if (pid === process.pid || processAlive(pid)) continue;
    const path = join(dir, name);
    const st = await lstat(path).catch(() => null);
    if (!st?.isFile() || now - st.mtimeMs < STALE_AFTER_MS) continue;
    const file = join(dir, m[1]!);
    if (m[3] === "bak") {
      out.push({ path, kind: "backup", file });
      continue;
    }
    try {
      await unlink(path);
      out.push({ path, kind: "removed", file });
    } catch {
      /* not ours to remove */
    }
  }
  return out;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
