/**
 * unspin's command line: parses arguments, gathers inputs and configuration, runs the engine on every input in a
 * stable order, and prints or writes the result. Heavy pieces (engine, walker, workers, prompts, progress bar) are
 * imported only when a run needs them, so `echo text | unspin` starts fast.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Edit } from "../types.js";
import type { ChalkInstance } from "chalk";
import type { CliOptions, Format } from "./args.js";
import { bareOptions } from "./bare.js";
import { colorLevel, makeChalk } from "./colors.js";
import { ConfigResolver, type LoadedConfig } from "./config.js";
import { encode } from "./encoding.js";
import { EXIT_CHANGES, EXIT_ERROR, EXIT_OK, UserError } from "./errors.js";
import type { InputFile } from "./inputs.js";
import { describeConfig, restoreOptionsFor } from "./options.js";
import { processBytes, tooLarge, type FileJob, type FileOutcome } from "./process-file.js";
import { docKindFor } from "./prose.js";
import type { Summary } from "./reporters/report.js";
import { DEFAULT_RESTORER_MODULE, loadRestorer, type Restorer } from "./restorer.js";
import { readLimited, sizeLimitFor } from "./size-limit.js";
import { applyReplacements } from "./spans.js";

export interface Io {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export interface Deps {
  /** Module exporting restore(); the library by default, a stand-in in tests. */
  restorerModule?: string;
}

const STDIN = "-";

export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

export async function main(argv: string[], io: Io = processIo(), deps: Deps = {}): Promise<number> {
  let exitCode = EXIT_OK;
  try {
    if (argv.length === 0) {
      // `… | unspin`: nothing to parse, so commander (and the package.json read for --version) is never loaded.
      exitCode = await runRestore(bareOptions(), io, deps);
    } else {
      const { buildProgram } = await import("./args.js");
      const program = buildProgram(
        version(),
        {
          run: async (opts) => {
            exitCode = await runRestore(opts, io, deps);
          },
          learn: async (spun, original, opts) => {
            const { runLearn } = await import("./learn.js");
            exitCode = await runLearn(spun, original, opts, io);
          },
        },
        { writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) },
      );
      await program.parseAsync(argv, { from: "user" });
    }
  } catch (err) {
    if (argv.length > 0 && err instanceof (await import("commander")).CommanderError) return err.exitCode === 0 ? EXIT_OK : EXIT_ERROR;
    if (err instanceof UserError) {
      io.stderr.write(`unspin: ${err.message}\n`);
      return EXIT_ERROR;
    }
    // Anything else is a bug or a broken installation; it must not exit 1, which --check uses for "would change".
    const e = err as Error;
    io.stderr.write(`unspin: internal error: ${e?.message ?? String(err)}\n${io.env.UNSPIN_DEBUG ? `${e?.stack}\n` : ""}`);
    return EXIT_ERROR;
  }
  return exitCode;
}

export function processIo(): Io {
  // `unspin big.txt | head` closes the pipe early: stop quietly instead of crashing with EPIPE.
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(0);
    throw err;
  });
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

type Mode = Format | "interactive";

interface Run {
  opts: CliOptions;
  io: Io;
  chalk: ChalkInstance;
  errChalk: ChalkInstance;
  mode: Mode;
  summary: Summary;
  sarifFiles: { uri: string; text: string; edits: Edit[] }[];
  out: (s: string | Uint8Array) => void;
}

async function runRestore(opts: CliOptions, io: Io, deps: Deps): Promise<number> {
  // Date.now(), not performance.now(): the summary needs milliseconds, and the latter loads perf_hooks at start-up.
  const started = Date.now();
  const chalk = await makeChalk(colorLevel(opts.color, io.env, io.stdout.isTTY === true));
  const errChalk = await makeChalk(colorLevel(opts.color, io.env, io.stderr.isTTY === true));
  const resolver = new ConfigResolver(io.cwd, opts.config);
  const restorerModule = deps.restorerModule ?? DEFAULT_RESTORER_MODULE;

  if (opts.printConfig !== undefined) {
    const file = resolve(io.cwd, opts.printConfig);
    const config = await resolver.forDirectory(dirname(file));
    const options = await restoreOptionsFor(config, opts, io.cwd);
    io.stdout.write(JSON.stringify(describeConfig(config, options, opts, io.cwd), null, 2) + "\n");
    return EXIT_OK;
  }

  let paths = opts.paths;
  if (paths.length === 0) {
    if (io.stdin.isTTY) throw new UserError("nothing to do: name files or folders, or pipe text into unspin (see unspin --help)");
    paths = [STDIN];
  }
  const stdinCount = paths.filter((p) => p === STDIN).length;
  if (stdinCount > 1) throw new UserError('"-" (stdin) can be given only once');
  if (stdinCount && opts.interactive) throw new UserError("--interactive reads your answers from stdin, so the text must come from files");

  // Inputs, in argument order; "-" keeps its place among them.
  let errors = 0;
  const inputs: Array<InputFile | typeof STDIN> = [];
  let group: string[] = [];
  const flush = async () => {
    if (!group.length) return;
    const { collectInputs } = await import("./inputs.js");
    const r = await collectInputs(group, { cwd: io.cwd, hidden: opts.hidden, ignoreFiles: opts.ignore, exclude: opts.exclude, extensions: opts.ext });
    for (const e of r.errors) {
      io.stderr.write(`unspin: ${e.arg}: ${e.message}\n`);
      errors++;
    }
    inputs.push(...r.files);
    group = [];
  };
  for (const p of paths) {
    if (p !== STDIN) group.push(p);
    else {
      await flush();
      inputs.push(STDIN);
    }
  }
  await flush();

  // Configuration is resolved for every input before anything runs: a broken config stops the run untouched.
  const jobs: FileJob[] = [];
  let stdinJob: FileJob | null = null;
  for (const input of inputs) {
    if (input === STDIN) {
      const name = opts.stdinFilename ?? "stdin";
      const config = await resolver.forDirectory(dirname(resolve(io.cwd, name)));
      const options = await restoreOptionsFor(config, opts, io.cwd);
      stdinJob = { path: STDIN, display: name, kind: docKindFor(name), options, explicit: true, sizeLimit: sizeLimitFor(opts.maxSize, config) };
      jobs.push(stdinJob);
      continue;
    }
    const config = await resolver.forDirectory(dirname(input.path));
    if (!input.explicit && (await leftOutByConfig(config, input.path))) continue;
    jobs.push({
      path: input.path,
      display: input.display,
      kind: docKindFor(input.path),
      options: await restoreOptionsFor(config, opts, io.cwd),
      explicit: input.explicit,
      sizeLimit: sizeLimitFor(opts.maxSize, config),
    });
  }

  if (jobs.length === 0 && errors === 0) {
    if (!opts.quiet) io.stderr.write("unspin: no text files found (see --ext, --hidden and --no-ignore)\n");
    return EXIT_OK;
  }
  const mode = chooseMode(opts, jobs, io);
  if ((mode === "text" || mode === "inline") && jobs.length > 1) {
    throw new UserError(`--format ${mode} needs a single input (got ${jobs.length}); use --format report, diff or json for several`);
  }
  const run: Run = {
    opts,
    io,
    chalk,
    errChalk,
    mode,
    summary: { files: 0, changedFiles: 0, changes: 0, skipped: 0, errors, written: 0, ms: 0, mode: opts.write || opts.interactive ? "write" : opts.check ? "check" : "report" },
    sarifFiles: [],
    out: (s) => void io.stdout.write(s),
  };

  let restorer: Promise<Restorer> | null = null;
  const mainRestorer = () => (restorer ??= loadRestorer(restorerModule));

  const interactive = mode === "interactive" ? await (await import("./interactive.js")).startReview(io, chalk, resolver) : null;
  const progress =
    !opts.quiet && !interactive && io.stderr.isTTY && jobs.length >= 20 ? await (await import("./progress.js")).startProgress(jobs.length, io, run) : null;
  const cleanup = opts.write || interactive ? await installInterruptCleanup() : () => undefined;
  try {
    if (stdinJob) {
      await handleOutcome(run, await readStdin(io.stdin, stdinJob, await mainRestorer()), interactive);
    }
    const fileJobs = jobs.filter((j) => j !== stdinJob);
    // The runner (like the reporters) is loaded when used: a bare pipe needs none of them.
    const runner = fileJobs.length ? await import("./runner.js") : null;
    const threads = runner && opts.jobs !== undefined ? runner.clampJobs(opts.jobs) : opts.jobs;
    if (threads !== opts.jobs && !opts.quiet) io.stderr.write(`unspin: --jobs ${opts.jobs} is more than the ${threads} core(s) available; using ${threads}\n`);
    for await (const outcome of runner?.outcomesInOrder(fileJobs, { restorerModule, ...(threads ? { jobs: threads } : {}), ...(progress ? { onProgress: progress.update } : {}) }, mainRestorer) ?? []) {
      await handleOutcome(run, outcome, interactive);
      if (interactive?.state.quit) break;
    }
  } finally {
    progress?.stop();
    cleanup();
  }
  if (interactive) await interactive.finish();

  if (mode === "sarif") {
    const { sarifLog } = await import("./reporters/sarif.js");
    run.out(JSON.stringify(sarifLog(run.sarifFiles, version(), pathToFileURL(io.cwd).href.replace(/\/?$/, "/")), null, 2) + "\n");
  }
  run.summary.ms = Date.now() - started;
  const reported = run.summary.files + run.summary.skipped > 0;
  if (!opts.quiet && reported && (mode === "report" || mode === "interactive")) io.stderr.write((await import("./reporters/report.js")).formatSummary(run.summary, errChalk));

  if (run.summary.errors > 0) return EXIT_ERROR;
  if (opts.check && run.summary.changedFiles > 0) return EXIT_CHANGES;
  return EXIT_OK;
}

/** Output mode when none is asked for: restored text through pipes, a marked-up text on a terminal, else a report. */
export function chooseMode(opts: CliOptions, jobs: readonly FileJob[], io: Io): Mode {
  if (opts.interactive) return "interactive";
  if (opts.format) return opts.format;
  // Only an input named on the command line (or stdin) counts: a folder that happens to hold one file still reports.
  const single = jobs.length === 1 && jobs[0]!.explicit ? jobs[0]! : null;
  if (single && !opts.check) {
    const isStdin = single.path === STDIN;
    if (isStdin && opts.write) return "text"; // stdin cannot be written in place: -w prints the restored text
    if (!io.stdout.isTTY && !opts.write) return "text";
    if (io.stdout.isTTY && isStdin) return "inline";
  }
  return "report";
}

async function handleOutcome(run: Run, outcome: FileOutcome, interactive: import("./interactive.js").Review | null): Promise<void> {
  const { io, opts, summary } = run;
  if (outcome.status === "error") {
    io.stderr.write(`unspin: ${outcome.display}: ${outcome.message}\n`);
    summary.errors++;
    return;
  }
  if (outcome.status === "skipped") {
    if (!opts.quiet) io.stderr.write(`unspin: ${outcome.display}: ${outcome.message}\n`);
    summary.skipped++;
    return;
  }
  summary.files++;
  let edits = outcome.edits;
  if (interactive) edits = await interactive.review(outcome);
  if (edits.length) {
    summary.changedFiles++;
    summary.changes += edits.length;
  }
  const restored = edits.length ? applyReplacements(outcome.text, edits) : outcome.text;
  switch (run.mode) {
    case "text":
      run.out(encode(restored, outcome.encoding));
      break;
    case "inline":
      run.out((await import("./reporters/inline.js")).renderInline(outcome.text, restored, run.chalk));
      break;
    case "diff":
      run.out((await import("./unified.js")).unifiedDiff(outcome.display, outcome.text, restored));
      break;
    case "json":
      if (edits.length) {
        const { formatJsonLine } = await import("./reporters/json.js");
        for (const e of edits) run.out(formatJsonLine(outcome.display, e));
      }
      break;
    case "sarif":
      run.sarifFiles.push({ uri: outcome.display, text: outcome.text, edits });
      break;
    case "report":
      if (edits.length) {
        const { formatChange } = await import("./reporters/report.js");
        for (const e of edits) run.out(formatChange(outcome.display, outcome.text, e, run.chalk));
      }
      break;
    case "interactive":
      break;
  }
  const writes = (opts.write || run.mode === "interactive") && outcome.path !== STDIN;
  if (writes && edits.length) {
    const { writeAtomic } = await import("./write.js");
    try {
      await writeAtomic(outcome.path, encode(restored, outcome.encoding), outcome.stamp);
      summary.written++;
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      io.stderr.write(`unspin: ${outcome.display}: ${err.message}\n`);
      summary.errors++;
    }
  }
}

async function leftOutByConfig(config: LoadedConfig, path: string): Promise<boolean> {
  const { include, exclude } = config.settings;
  if (!include?.length && !exclude?.length) return false;
  const { default: picomatch } = await import("picomatch");
  const { relative, sep } = await import("node:path");
  const rel = relative(config.dir, path).split(sep).join("/");
  const matches = (globs: string[]) => globs.some((g) => picomatch(g, { dot: true, basename: !g.includes("/") })(rel));
  if (include?.length && !matches(include)) return true;
  return exclude?.length ? matches(exclude) : false;
}

/**
 * Reads and restores stdin within the size limit: redirected from a regular file (`unspin < big.txt`), its size is
 * checked before reading; from a pipe, reading stops once more than the limit has arrived. Either way an input over
 * the limit is an error and nothing of it is printed.
 */
async function readStdin(stdin: Io["stdin"], job: FileJob, restore: Restorer): Promise<FileOutcome> {
  const fd = (stdin as { fd?: unknown }).fd;
  if (typeof fd === "number") {
    const { fstatSync } = await import("node:fs");
    let st: import("node:fs").Stats | null = null;
    try {
      st = fstatSync(fd);
    } catch {
      // Not stat-able: fall back to the streaming limit.
    }
    if (st?.isFile() && st.size > job.sizeLimit.bytes) {
      (stdin as { destroy?: () => void }).destroy?.();
      return tooLarge(job, st.size);
    }
  }
  const bytes = await readLimited(stdin, job.sizeLimit.bytes);
  if (bytes === null) return tooLarge(job, null);
  return processBytes(job, bytes, null, restore);
}

/** On Ctrl-C or kill during writes, remove temporary files; originals are untouched by construction. */
async function installInterruptCleanup(): Promise<() => void> {
  const { cleanupTempFilesSync } = await import("./write.js");
  const { unlinkSync } = await import("node:fs");
  const handler = (signal: NodeJS.Signals) => {
    cleanupTempFilesSync(unlinkSync);
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  return () => {
    process.off("SIGINT", handler);
    process.off("SIGTERM", handler);
  };
}
