/**
 * unspin's command line: parses arguments, gathers inputs and configuration, runs the engine on every input in a
 * stable order, and prints or writes the result. Heavy pieces (engine, walker, workers, prompts, progress bar) are
 * imported only when a run needs them, so `echo text | unspin` starts fast.
 */
import { readFileSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Edit, Flag } from "../types.js";
import type { ChalkInstance } from "chalk";
import type { CliOptions, Format } from "./args.js";
import { bareOptions } from "./bare.js";
import { colorLevel, makeChalk } from "./report/colors.js";
import { ConfigResolver, type LoadedConfig } from "./input/config.js";
import { encode } from "./input/encoding.js";
import { describeFsError, EXIT_CHANGES, EXIT_ERROR, EXIT_OK, UserError } from "./errors.js";
import type { InputFile } from "./input/inputs.js";
import { describeConfig, restoreOptionsFor } from "./input/options.js";
import { processBytes, sourceOutcome, tooLarge, type FileJob, type FileOutcome, type Restorers } from "./run/process-file.js";
import { docKindFor } from "./input/prose.js";
import type { Summary } from "./report/report.js";
import {
  DEFAULT_RESTORER_MODULE,
  loadRestorer,
  loadSourceRestorer,
  loadWindowLibrary,
  loadWindowRestorer,
  type Restorer,
  type SourceRestorer,
  type WindowRestorer,
} from "./run/restorer.js";
import type { AsyncWindowRestorer } from "./run/parallel-windows.js";
import { readFdBounded, readLimited, readsFolder, sizeLimitFor, STDIN_FOLDER } from "./input/size-limit.js";
import { applyReplacements } from "./input/spans.js";
import { quotePath, terminalSafe } from "./report/names.js";

import type { Io } from "./io.js";
export type { Io } from "./io.js";

export interface Deps {
  /** Module exporting restore(); the library by default, a stand-in in tests. */
  restorerModule?: string;
  /** The engine itself, already loaded (the bundled pipe entry, src/cli/pipe.ts); wins over restorerModule. */
  restorer?: Restorer;
  /** Its windowed restore, given with `restorer` (restoreWindows). */
  windowRestorer?: WindowRestorer;
  /** Its restore of a long text from a file's slices, given with `restorer` (restoreWindowsFrom). */
  sourceRestorer?: SourceRestorer;
}

const STDIN = "-";

export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

export async function main(argv: string[], io: Io = processIo(), deps: Deps = {}): Promise<number> {
  let exitCode = EXIT_OK;
  const output = watchOutput(io.stdout);
  try {
    if (argv.length === 0) {
      // `… | unspin`: nothing to parse, so commander (and the package.json read for --version) is never loaded.
      exitCode = await runRestore(bareOptions(), io, deps, output);
    } else {
      const { buildProgram } = await import("./args.js");
      const program = buildProgram(
        version(),
        {
          run: async (opts) => {
            exitCode = await runRestore(opts, io, deps, output);
          },
          learn: async (spun, original, opts) => {
            const { runLearn } = await import("./commands/learn.js");
            exitCode = await runLearn(spun, original, opts, io);
          },
          scan: async (paths, opts) => {
            const { runScan } = await import("./commands/scan.js");
            exitCode = await runScan(paths, opts, io);
          },
        },
        {
          writeOut: (s) => io.stdout.write(s),
          writeErr: (s) => io.stderr.write(s),
          // Usage errors read like every other error: "unspin: unknown option '--frmat'".
          outputError: (s, write) => write(s.replace(/^error: /, "unspin: ")),
        },
      );
      await program.parseAsync(argv, { from: "user" });
    }
  } catch (err) {
    if (argv.length > 0 && err instanceof (await import("commander")).CommanderError) {
      // --help and --version end here too: their output must still have arrived (`unspin --help > /dev/full`).
      if (err.exitCode !== 0) return EXIT_ERROR;
      exitCode = EXIT_OK;
    } else if (err instanceof UserError) {
      io.stderr.write(`unspin: ${terminalSafe(err.message)}\n`);
      return EXIT_ERROR;
    } else {
      // Anything else is a bug or a broken installation; it must not exit 1, which --check uses for "would change".
      const e = err as Error;
      io.stderr.write(`unspin: internal error: ${e?.message ?? String(err)}\n${io.env.UNSPIN_DEBUG ? `${e?.stack}\n` : ""}`);
      return EXIT_ERROR;
    }
  } finally {
    await output.flush();
    output.dispose();
  }
  // Output that did not arrive is a failure, whatever else went well (runRestore reports its own, with counts).
  if (output.error && !output.reported) {
    io.stderr.write(`unspin: ${describeOutputError(output.error)}\n`);
    return EXIT_ERROR;
  }
  return exitCode;
}

export function processIo(): Io {
  // Errors writing stdout (a closed pipe, a full disk) are recorded by main() and end the run with exit 2 and a
  // message; these listeners only make sure no such error can crash the process with a stack trace.
  process.stdout.on("error", () => undefined);
  process.stderr.on("error", () => undefined);
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

/** The first error writing stdout, if any; `flush` waits until what was written has been handed on (or failed). */
export interface OutputWatch {
  readonly error: NodeJS.ErrnoException | null;
  /** Set once a message about the error has been printed. */
  reported: boolean;
  /** Records an error thrown synchronously by a write. */
  fail(err: unknown): void;
  flush(): Promise<void>;
  dispose(): void;
}

function watchOutput(stdout: Io["stdout"]): OutputWatch {
  let error: NodeJS.ErrnoException | null = null;
  const onError = (err: NodeJS.ErrnoException) => {
    error ??= err;
  };
  stdout.on("error", onError);
  return {
    get error() {
      return error;
    },
    reported: false,
    fail: (err) => {
      error ??= err as NodeJS.ErrnoException;
    },
    flush: () =>
      new Promise<void>((resolve) => {
        if (error || (stdout as { destroyed?: boolean }).destroyed) return resolve();
        try {
          stdout.write("", (err?: Error | null) => {
            if (err) error ??= err as NodeJS.ErrnoException;
            resolve();
          });
        } catch (err) {
          error ??= err as NodeJS.ErrnoException;
          resolve();
        }
      }),
    dispose: () => void stdout.off("error", onError),
  };
}

function describeOutputError(err: NodeJS.ErrnoException): string {
  if (err.code === "EPIPE" || err.code === "ERR_STREAM_DESTROYED") return "output closed before everything was written (broken pipe)";
  return `cannot write output: ${describeFsError(err)}`;
}

type Mode = Format | "interactive";

interface Run {
  opts: CliOptions;
  io: Io;
  chalk: ChalkInstance;
  errChalk: ChalkInstance;
  mode: Mode;
  /** -q with -w or --check: the report (chosen by default, not asked for) is not printed. */
  silent: boolean;
  summary: Summary;
  /** Files kept for formats printed once at the end (SARIF, HTML). */
  collected: { uri: string; path: string; text: string; edits: Edit[]; flags?: Flag[] }[];
  /** Folders already swept for leftovers of interrupted writes. */
  swept: Set<string>;
  out: (s: string | Uint8Array) => void;
  /** Whether output failed (a closed pipe, a full disk): nothing more can arrive. */
  failed: () => boolean;
}

async function runRestore(opts: CliOptions, io: Io, deps: Deps, output: OutputWatch): Promise<number> {
  if (opts.jsonl) {
    const { runJsonl, jsonlRestoreOptions } = await import("./commands/jsonl.js");
    const maxLineBytes = opts.maxSize !== undefined ? opts.maxSize * 1024 * 1024 : undefined;
    return runJsonl(io, { mode: "restore", quiet: opts.quiet, options: await jsonlRestoreOptions(opts, io), ...(maxLineBytes ? { maxLineBytes } : {}) });
  }
  // Date.now(), not performance.now(): the summary needs milliseconds, and the latter loads perf_hooks at start-up.
  const started = Date.now();
  // A batch (several inputs, or a folder) gets the lean heap settings before anything else is loaded (see
  // run/heap.ts): V8's young generation, once grown while the modules and the model load, stays grown. The 2,000-file
  // batch with --jobs 1: 148–150 MB with them set when the files start, 142–145 MB set here.
  if (isBatch(opts.paths)) (await import("./run/heap.js")).leanHeap();
  const chalk = await makeChalk(colorLevel(opts.color, io.env, io.stdout.isTTY === true));
  const errChalk = await makeChalk(colorLevel(opts.color, io.env, io.stderr.isTTY === true));
  const resolver = new ConfigResolver(io.cwd, opts.config, io.env.HOME || undefined);
  const restorerModule = deps.restorerModule ?? DEFAULT_RESTORER_MODULE;
  let restorer: Promise<Restorer> | null = null;
  const mainRestorer = () => (restorer ??= deps.restorer ? Promise.resolve(deps.restorer) : loadRestorer(restorerModule));

  if (opts.printConfig !== undefined) {
    const path = resolve(io.cwd, opts.printConfig);
    let st: import("node:fs").Stats;
    try {
      st = statSync(path);
    } catch (err) {
      throw new UserError(`${quotePath(opts.printConfig)}: ${describeFsError(err)}`);
    }
    // A folder: the configuration of the files in it (its own config included), as for a file in it.
    const config = await resolver.forDirectory(st.isDirectory() ? path : dirname(path));
    const options = await restoreOptionsFor(config, opts, io.cwd);
    io.stdout.write(JSON.stringify(describeConfig(config, options, opts, io.cwd), null, 2) + "\n");
    return EXIT_OK;
  }

  let paths = opts.paths;
  if (paths.length === 0) {
    if (io.stdin.isTTY) throw new UserError("nothing to do: name files or folders, or pipe text into unspin (see unspin --help)");
    paths = [STDIN];
    // A bare pipe will need the engine: its modules load while the configuration is looked up. (A failure is
    // reported where the engine is awaited.)
    mainRestorer().catch(() => undefined);
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
    const { collectInputs } = await import("./input/inputs.js");
    const r = await collectInputs(group, {
      cwd: io.cwd,
      hidden: opts.hidden,
      ignoreFiles: opts.ignore,
      exclude: opts.exclude,
      extensions: opts.ext,
      follow: opts.follow,
    });
    for (const e of r.errors) {
      io.stderr.write(`unspin: ${quotePath(e.arg)}: ${terminalSafe(e.message)}\n`);
      errors++;
    }
    if (!opts.quiet) for (const n of r.notes) io.stderr.write(`unspin: ${quotePath(n.arg)}: ${terminalSafe(n.message)}\n`);
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
  let jobs: FileJob[] = [];
  let stdinJob: FileJob | null = null;
  // The configs that apply to the inputs, by file: their files and dictionaries are never restored.
  const configs = new Map<string | null, LoadedConfig>();
  for (const input of inputs) {
    if (input === STDIN) {
      const name = opts.stdinFilename ?? "stdin";
      const config = await resolver.forDirectory(dirname(resolve(io.cwd, name)));
      configs.set(config.filepath, config);
      const options = await restoreOptionsFor(config, opts, io.cwd);
      stdinJob = { path: STDIN, display: name, kind: docKindFor(name), options, explicit: true, sizeLimit: sizeLimitFor(opts.maxSize, config) };
      jobs.push(stdinJob);
      continue;
    }
    const config = await resolver.forDirectory(dirname(input.path));
    configs.set(config.filepath, config);
    if (!input.explicit && (await import("./input/inputs.js")).leftOutByConfig(config, input.path)) continue;
    jobs.push({
      path: input.path,
      display: input.display,
      kind: docKindFor(input.path),
      options: await restoreOptionsFor(config, opts, io.cwd),
      explicit: input.explicit,
      sizeLimit: sizeLimitFor(opts.maxSize, config),
      root: input.root,
    });
  }

  const inUse = jobs.some((j) => j !== stdinJob) ? await leaveOutFilesInUse(jobs, configs.values(), opts, io) : null;
  if (inUse) {
    jobs = inUse.jobs;
    errors += inUse.refused;
  }

  if (jobs.length === 0 && errors === 0) {
    if (!opts.quiet) io.stderr.write("unspin: no text files found (see --ext, --hidden and --no-ignore)\n");
    // A SARIF log or HTML page is still written, empty: a CI step that uploads it must find one.
    if (opts.format === "sarif" || opts.format === "html") {
      await writeRunLog(opts.format, [], opts, io, { skipped: 0, errors: 0 }, (s) => io.stdout.write(s));
    }
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
    silent: opts.quiet && (opts.write || opts.check) && mode === "report" && !opts.format,
    summary: { files: 0, changedFiles: 0, changes: 0, skipped: 0, errors, written: 0, ms: 0, mode: opts.write || opts.interactive ? "write" : opts.check ? "check" : "report" },
    collected: [],
    swept: new Set(),
    failed: () => output.error !== null,
    out: (s) => {
      if (output.error) return; // nothing more can arrive; the run stops at the next file
      try {
        io.stdout.write(s);
      } catch (err) {
        output.fail(err);
      }
    },
  };

  const interactive = mode === "interactive" ? await (await import("./commands/interactive.js")).startReview(io, chalk, resolver) : null;
  const progress =
    !opts.quiet && !interactive && io.stderr.isTTY && jobs.length >= 20 ? await (await import("./report/progress.js")).startProgress(jobs.length, io, run) : null;
  const cleanup = opts.write || interactive ? await installInterruptCleanup() : () => undefined;
  const fileJobs = jobs.filter((j) => j !== stdinJob);
  let handled = 0;
  let windowPool: Promise<import("./run/pool.js").WorkerPool> | null = null;
  try {
    if (opts.write || interactive) await sweepFolders(run, fileJobs);
    // Restored text (pipe mode) or JSON records printed as they come, for one input with nothing written back:
    // long texts are restored in windows.
    const streams = (mode === "text" || mode === "json") && !interactive && (!opts.write || fileJobs.length === 0);
    const inTurn = streams ? (deps.restorer ? deps.windowRestorer : await loadWindowRestorer(restorerModule)) : undefined;
    let stream: WindowRestorer | AsyncWindowRestorer | undefined = inTurn;
    // One long input with --jobs N: its windows are restored on N threads (the pool is made for a long text only),
    // printed as they come in pipe mode, joined for the other outputs (report, diff, -w, ...).
    let whole: AsyncWindowRestorer | undefined;
    if ((stdinJob ? 1 : 0) + fileJobs.length === 1 && !interactive && opts.jobs !== undefined && opts.jobs > 1 && !deps.restorer) {
      const runner = await import("./run/runner.js");
      const threads = runner.clampJobs(opts.jobs);
      if (threads !== opts.jobs && !opts.quiet) io.stderr.write(`unspin: --jobs ${opts.jobs} is more than the ${threads} core(s) available; using ${threads}\n`);
      const lib = threads > 1 ? await loadWindowLibrary(restorerModule) : undefined;
      const sequential = inTurn ?? (await loadWindowRestorer(restorerModule));
      if (lib && sequential) {
        const { parallelWindows } = await import("./run/parallel-windows.js");
        const windows = async () => lib;
        const parallel = parallelWindows(lib, () => (windowPool ??= runner.windowPool(threads, restorerModule, mainRestorer, windows)), sequential);
        if (stream) stream = parallel;
        else whole = parallel;
      }
    }
    // One long input file printed as it is restored, in turn on this thread: read a window's slice at a time.
    const fromFile = stream && stream === inTurn ? (deps.restorer ? deps.sourceRestorer : await loadSourceRestorer(restorerModule)) : undefined;
    const one = (): Promise<Restorers> => mainRestorer().then((restore) => ({ restore, stream, whole, fromFile }));
    if (stdinJob) {
      await handleOutcome(run, await readStdin(io.stdin, stdinJob, await one()), interactive);
      handled++;
    }
    if ((stream || whole) && fileJobs.length === 1) {
      const { processFile } = await import("./run/process-file.js");
      await handleOutcome(run, await processFile(fileJobs.pop()!, await one()), interactive);
      handled++;
    }
    // The runner (like the reporters) is loaded when used: a bare pipe needs none of them.
    const runner = fileJobs.length ? await import("./run/runner.js") : null;
    const threads = runner && opts.jobs !== undefined ? runner.clampJobs(opts.jobs) : opts.jobs;
    if (threads !== opts.jobs && !opts.quiet) io.stderr.write(`unspin: --jobs ${opts.jobs} is more than the ${threads} core(s) available; using ${threads}\n`);
    for await (const outcome of runner?.outcomesInOrder(fileJobs, { restorerModule, mainRestores: !interactive, ...(threads ? { jobs: threads } : {}), ...(progress ? { onProgress: progress.update } : {}) }, mainRestorer) ?? []) {
      // A closed or full output stops the run: nothing more should be done that nobody can see reported.
      if (output.error) break;
      await handleOutcome(run, outcome, interactive);
      handled++;
      if (interactive?.state.quit) break;
    }
  } finally {
    progress?.stop();
    cleanup();
    await closePool(windowPool);
  }
  if (interactive) await interactive.finish();

  if (!output.error) await writeRunLog(mode, run.collected, opts, io, run.summary, run.out);
  run.summary.ms = Date.now() - started;
  const reported = run.summary.files + run.summary.skipped > 0;
  await output.flush();
  if (output.error) {
    output.reported = true;
    const progressNote = jobs.length > 1 || opts.write ? `; stopped after ${handled} of ${jobs.length} inputs${opts.write ? ` (${run.summary.written} written)` : ""}` : "";
    io.stderr.write(`unspin: ${describeOutputError(output.error)}${progressNote}\n`);
    return opts.check && !opts.write && run.summary.changedFiles > 0 ? EXIT_CHANGES : EXIT_ERROR;
  }
  if (!opts.quiet && reported && (mode === "report" || mode === "interactive")) io.stderr.write((await import("./report/report.js")).formatSummary(run.summary, errChalk));

  if (run.summary.errors > 0) return EXIT_ERROR;
  if (opts.check && run.summary.changedFiles > 0) return EXIT_CHANGES;
  return EXIT_OK;
}

/**
 * The jobs without the files unspin runs on (dictionaries in use, config files; see input/in-use.ts): one found in a
 * folder is left out silently, as an ignored file is; one named on the command line is refused with a message.
 */
async function leaveOutFilesInUse(jobs: FileJob[], configs: Iterable<LoadedConfig>, opts: CliOptions, io: Io): Promise<{ jobs: FileJob[]; refused: number }> {
  const { filesInUse, inputsInUse } = await import("./input/in-use.js");
  const inUse = filesInUse(configs, opts.dict, io.cwd);
  if (inUse.length === 0) return { jobs, refused: 0 };
  const found = await inputsInUse(jobs.map((j) => ({ path: j.path === STDIN ? "" : j.path })), inUse);
  let refused = 0;
  const kept = jobs.filter((job, i) => {
    const what = found[i];
    if (!what || job.path === STDIN) return true;
    if (job.explicit) {
      io.stderr.write(`unspin: ${job.display}: ${what}, not a text to restore; not read (unspin never restores its own dictionaries or configuration)\n`);
      refused++;
    }
    return false;
  });
  return { jobs: kept, refused };
}

/**
 * Before writing, each folder that holds an input is checked once for leftovers of a process killed while writing
 * (SIGKILL, power loss): stale temporary files are removed, backups of interrupted in-place writes are named.
 */
async function sweepFolders(run: Run, jobs: readonly FileJob[]): Promise<void> {
  const { sweepLeftovers } = await import("./write/write.js");
  const { relative } = await import("node:path");
  for (const job of jobs) {
    const dir = dirname(job.path);
    if (run.swept.has(dir)) continue;
    run.swept.add(dir);
    for (const l of await sweepLeftovers(dir)) {
      const shown = quotePath(relative(run.io.cwd, l.path) || l.path);
      if (l.kind === "backup") {
        run.io.stderr.write(`unspin: ${shown}: the text of ${quotePath(relative(run.io.cwd, l.file) || l.file)} from before an interrupted write; compare the two, then remove it\n`);
      } else if (!run.opts.quiet) {
        run.io.stderr.write(`unspin: ${shown}: removed (temporary file left by an interrupted run)\n`);
      }
    }
  }
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

async function handleOutcome(run: Run, outcome: FileOutcome, interactive: import("./commands/interactive.js").Review | null): Promise<void> {
  const { io, opts, summary } = run;
  // The name as a reader sees it in notes and listings (the formatters quote it themselves).
  const name = quotePath(outcome.display);
  if (outcome.status === "error") {
    io.stderr.write(`unspin: ${name}: ${terminalSafe(outcome.message)}\n`);
    summary.errors++;
    return;
  }
  if (outcome.status === "skipped") {
    if (!opts.quiet) io.stderr.write(`unspin: ${name}: ${terminalSafe(outcome.message)}\n`);
    summary.skipped++;
    return;
  }
  summary.files++;
  if (outcome.pieces) {
    const { jsonRenderer, streamPieces, textRenderer } = await import("./run/stream.js");
    const json = run.mode === "json";
    const render = json ? await jsonRenderer(outcome.display) : textRenderer(outcome.encoding);
    let streamed;
    try {
      streamed = await streamPieces(outcome.pieces, render, run.out, run.failed);
    } catch (err) {
      // What was printed before the failure stays printed; the run ends with an error.
      io.stderr.write(`unspin: ${name}: internal error: ${terminalSafe((err as Error).message)}\n`);
      summary.errors++;
      return;
    }
    if (streamed.changes) {
      summary.changedFiles++;
      summary.changes += streamed.changes;
    }
    summary.flags = (summary.flags ?? 0) + streamed.flags.length;
    if (!json && streamed.flags.length && !opts.quiet) {
      const fl = await import("./report/flags.js");
      for (const f of streamed.flags) io.stderr.write(fl.formatFlagNote(outcome.display, f));
    }
    return;
  }
  // Counted for the summary line, which only the report and interactive review print.
  if (outcome.edits.length === 0 && (run.mode === "report" || run.mode === "interactive")) {
    const { isBorderline } = await import("./report/report.js");
    if (isBorderline(outcome.gate)) {
      summary.borderline = (summary.borderline ?? 0) + 1;
      summary.borderlineProbability = outcome.gate.probability;
    }
  }
  let edits = outcome.edits;
  if (interactive) edits = await interactive.review(outcome);
  if (edits.length) {
    summary.changedFiles++;
    summary.changes += edits.length;
  }
  const restored = edits.length ? applyReplacements(outcome.text, edits) : outcome.text;
  // Flags: suspected tortured phrases, reported in every format but never applied (see report/flags.ts).
  const flags = interactive ? [] : (outcome.flags ?? []);
  summary.flags = (summary.flags ?? 0) + flags.length;
  const fl = flags.length ? await import("./report/flags.js") : null;
  switch (run.mode) {
    case "text":
      run.out(encode(restored, outcome.encoding));
      if (fl && !opts.quiet) for (const f of flags) io.stderr.write(fl.formatFlagNote(outcome.display, f));
      break;
    case "inline":
      run.out((await import("./report/inline.js")).renderInline(outcome.text, edits, run.chalk, flags, (p) => fl!.markFlag(p, run.chalk)));
      // Inline output has no summary line: a text left as written with some signs of spinning gets its note here.
      if (edits.length === 0 && !opts.quiet) {
        const { isBorderline, borderlineNote } = await import("./report/report.js");
        if (isBorderline(outcome.gate)) io.stderr.write(`unspin: ${name}: ${borderlineNote(outcome.gate.probability)}\n`);
      }
      break;
    case "diff": {
      const { diffPath, unifiedDiffBytes } = await import("./report/unified.js");
      const c = run.chalk;
      const style = c.level > 0 ? { header: (l: string) => c.bold(l), hunk: (l: string) => c.cyan(l), removed: (l: string) => c.red(l), added: (l: string) => c.green(l) } : undefined;
      // Over the file's bytes, so a byte-order mark or UTF-16 text patches back as it is on disk.
      // Named from where it is, not as shown: `git apply` and `patch -p1` need a path below the working folder.
      const diffName = diffPath(io.cwd, outcome.path === STDIN ? outcome.display : outcome.path);
      if (edits.length) run.out(unifiedDiffBytes(diffName, encode(outcome.text, outcome.encoding), encode(restored, outcome.encoding), style));
      if (fl && !opts.quiet) for (const f of flags) io.stderr.write(fl.formatFlagNote(outcome.display, f));
      break;
    }
    case "json":
      if (edits.length || flags.length) {
        const { formatJsonLine } = await import("./report/json.js");
        for (const item of byOffset(edits, flags)) run.out("before" in item ? formatJsonLine(outcome.display, item) : fl!.formatFlagJsonLine(outcome.display, item));
      }
      break;
    case "sarif":
    case "html":
      run.collected.push({ uri: outcome.display, path: outcome.path, text: outcome.text, edits, flags });
      break;
    case "brief":
      if (edits.length) {
        const { formatChangeLine } = await import("./report/report.js");
        for (const e of edits) run.out(formatChangeLine(outcome.display, e, run.chalk));
      }
      if (fl) for (const f of flags) run.out(fl.formatFlagNote(outcome.display, f).replace(/^unspin: /, ""));
      break;
    case "files":
      if (edits.length) run.out(`${name}\n`);
      break;
    case "report":
      if ((edits.length || flags.length) && !run.silent) {
        const { formatChange } = await import("./report/report.js");
        for (const item of byOffset(edits, flags)) {
          run.out("before" in item ? formatChange(outcome.display, outcome.text, item, run.chalk) : fl!.formatFlag(outcome.display, outcome.text, item, run.chalk));
        }
      }
      break;
    case "interactive":
      break;
  }
  const writes = (opts.write || run.mode === "interactive") && outcome.path !== STDIN;
  if (writes && edits.length) {
    const { writeAtomic } = await import("./write/write.js");
    try {
      await writeAtomic(outcome.path, encode(restored, outcome.encoding), outcome.stamp, outcome.root);
      summary.written++;
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      io.stderr.write(`unspin: ${name}: ${terminalSafe(err.message)}\n`);
      summary.errors++;
    }
  }
}

/** Changes and flags in text order. */
function byOffset(edits: readonly Edit[], flags: readonly Flag[]): Array<Edit | Flag> {
  return [...edits, ...flags].sort((a, b) => a.start - b.start);
}

/** Several inputs, or a folder: what the runner will restore as a batch. */
function isBatch(paths: readonly string[]): boolean {
  if (paths.length > 1) return true;
  if (paths.length === 0 || paths[0] === STDIN) return false;
  try {
    return statSync(paths[0]!).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Reads and restores stdin within the size limit: redirected from a regular file (`unspin < big.txt`), its size is
 * checked before reading; from a pipe, reading stops once more than the limit has arrived. Either way an input over
 * the limit is an error and nothing of it is printed.
 */
async function readStdin(stdin: Io["stdin"], job: FileJob, restorers: Restorers): Promise<FileOutcome> {
  if (readsFolder(stdin)) throw new UserError(STDIN_FOLDER);
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
    if (st?.isFile() && restorers.fromFile) {
      // `unspin < big.txt`, printed: restored from the file's slices, never held whole (see ./input/file-source.ts).
      const outcome = await sourceOutcome(job, restorers.fromFile, { fd, size: st.size });
      if (outcome) return outcome;
    }
    if (st?.isFile()) {
      // `unspin < file`: read in one piece, not through the stream's chunks (see readFdBounded).
      const bytes = readFdBounded(fd, st.size, job.sizeLimit.bytes);
      if (bytes === null) return tooLarge(job, null);
      return processBytes(job, bytes, null, restorers);
    }
  }
  const bytes = await readLimited(stdin, job.sizeLimit.bytes);
  if (bytes === null) return tooLarge(job, null);
  return processBytes(job, bytes, null, restorers);
}

/** The one log a SARIF or HTML run writes at its end, over every file's results. */
async function writeRunLog(
  mode: Mode,
  collected: Run["collected"],
  opts: CliOptions,
  io: Io,
  summary: { skipped: number; errors: number },
  out: (s: string) => void,
): Promise<void> {
  // In parts: a log of many changes is more than one string can hold.
  if (mode === "sarif") {
    const { sarifParts } = await import("./report/sarif.js");
    // SARIF locations are relative to the working folder (%SRCROOT%), where code scanning finds the files.
    const { relative, sep } = await import("node:path");
    const located = collected.map((f) => (f.path === STDIN ? f : { ...f, uri: relative(io.cwd, f.path).split(sep).join("/") }));
    for (const part of sarifParts(located, version(), pathToFileURL(io.cwd).href.replace(/\/?$/, "/"))) out(part);
  }
  if (mode === "html") {
    const { renderHtmlParts } = await import("./report/html.js");
    // A page people read: names quoted as in the report (a control character would show as nothing, or a box).
    const shown = collected.map((f) => ({ ...f, uri: quotePath(f.uri) }));
    const parts = renderHtmlParts(shown, { version: version(), title: opts.paths.join(" ") || "stdin", skipped: summary.skipped, errors: summary.errors, written: opts.write === true });
    for (const part of parts) out(part);
  }
}

/** Closes the pool of a long text's windows, if one was made. */
async function closePool(pool: Promise<import("./run/pool.js").WorkerPool> | null): Promise<void> {
  if (pool) await (await pool).close();
}

/** Signals that end a run, and the exit code a shell reports for each (128 + number). */
const INTERRUPTS: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129, SIGQUIT: 131 };

/**
 * On Ctrl-C, kill, a closed terminal (SIGHUP) or Ctrl-\ (SIGQUIT) during writes: remove temporary files and put back
 * the original of a file being rewritten in place. SIGKILL cannot be caught; its leftovers are swept by the next run.
 */
async function installInterruptCleanup(): Promise<() => void> {
  const { cleanupTempFilesSync, closeAttributeCopier, requestStop } = await import("./write/write.js");
  const { unlinkSync } = await import("node:fs");
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    const finish = () => {
      cleanupTempFilesSync(unlinkSync);
      process.exit(INTERRUPTS[signal] ?? 1);
    };
    // A second signal, or a write that does not come to a stop within two seconds, ends the run at once.
    if (stopping || !requestStop(signal, finish)) return finish();
    stopping = true;
    setTimeout(finish, 2000);
  };
  const signals = (Object.keys(INTERRUPTS) as NodeJS.Signals[]).filter((s) => process.platform !== "win32" || s === "SIGINT" || s === "SIGTERM");
  for (const s of signals) process.on(s, handler);
  return () => {
    for (const s of signals) process.off(s, handler);
    void closeAttributeCopier();
  };
}
