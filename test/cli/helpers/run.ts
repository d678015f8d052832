/** Helpers for end-to-end tests: run the built CLI in a child process, make temporary folder trees. */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
/** The real CLI, as installed users run it. */
export const REAL_CLI = join(ROOT, "bin", "unspin.js");
/** The same built CLI with a deterministic stand-in engine (see fake-restorer.mjs). */
export const FAKE_CLI = join(ROOT, "test", "cli", "helpers", "fake-cli.mjs");

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: string;
  /** stdout decoded as UTF-8. */
  out: string;
}

export interface RunOptions {
  cwd?: string;
  input?: string | Buffer;
  /** stdin redirected from this open file descriptor (`unspin < file`) instead of a pipe of `input`. */
  inputFd?: number;
  env?: Record<string, string | undefined>;
  cli?: string;
  /** Run as this user and group (tests that need a non-root user when the suite runs as root). */
  uid?: number;
  gid?: number;
  /** Close the reading end of stdout once this many bytes have arrived (like `| head -c N`). */
  closeStdoutAfter?: number;
  /** Kill the CLI after this long (default 25 s, below the test timeout). */
  timeoutMs?: number;
}

/** A user without privileges to run the CLI as, when the tests run as root (null when they do not). */
export const UNPRIVILEGED = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : null;

export function runCli(args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...opts.env };
    for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
    const child = spawn(process.execPath, [opts.cli ?? FAKE_CLI, ...args], {
      cwd: opts.cwd ?? ROOT,
      ...(opts.inputFd !== undefined ? { stdio: [opts.inputFd, "pipe", "pipe"] as const } : {}),
      env: env as NodeJS.ProcessEnv,
      ...(opts.uid !== undefined ? { uid: opts.uid } : {}),
      ...(opts.gid !== undefined ? { gid: opts.gid } : {}),
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let received = 0;
    child.stdout!.on("data", (c: Buffer) => {
      out.push(c);
      received += c.length;
      if (opts.closeStdoutAfter !== undefined && received >= opts.closeStdoutAfter) child.stdout!.destroy();
    });
    child.stderr!.on("data", (c: Buffer) => err.push(c));
    // Never leave a runaway CLI behind (a regression reading /dev/zero would grow without bound): it is killed
    // before the test's own timeout, and the test then fails on its exit code.
    const killer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 25_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(killer);
      const stdout = Buffer.concat(out);
      resolve({ code, signal, stdout, out: stdout.toString("utf8"), stderr: Buffer.concat(err).toString("utf8") });
    });
    if (child.stdin) {
      child.stdin.on("error", () => undefined); // the CLI may exit before reading all input
      child.stdin.end(opts.input ?? "");
    }
  });
}

/** A temporary folder holding the given files (string or bytes), created with parent folders. */
export function tempTree(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), "unspin-e2e-"));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), content);
  }
  return root;
}
