/** Command-line surface: option definitions (commander) and their validation into a plain options object. */
import { existsSync } from "node:fs";
import { Command, InvalidArgumentError, Option, type OutputConfiguration } from "commander";
import type { Boldness } from "../types.js";
import { UserError } from "./errors.js";
import { DEFAULT_EXTENSIONS } from "./input/extensions.js";

export type Format = "report" | "brief" | "files" | "text" | "inline" | "diff" | "json" | "sarif" | "html";
export const FORMATS: readonly Format[] = ["report", "brief", "files", "text", "inline", "diff", "json", "sarif", "html"];

export interface CliOptions {
  paths: string[];
  stdinFilename?: string;
  hidden: boolean;
  ignore: boolean;
  exclude: string[];
  ext: string[];
  /** Follow symbolic links found in folders when they stay inside the folder given. */
  follow: boolean;
  level?: Boldness;
  threshold?: number;
  assumeSpun?: boolean;
  neverTouch: string[];
  dict: string[];
  config?: string;
  printConfig?: string;
  write: boolean;
  check: boolean;
  interactive: boolean;
  format?: Format;
  color?: boolean;
  quiet: boolean;
  jobs?: number;
  /** --max-size in MB (> 0). */
  maxSize?: number;
  /** --jsonl: stream mode, one JSON record per line in and out (src/cli/commands/jsonl.ts). */
  jsonl?: boolean;
}

export interface Handlers {
  run(options: CliOptions): Promise<void>;
  learn(spun: string, original: string, options: { all: boolean }): Promise<void>;
  scan(paths: string[], options: import("./commands/scan.js").ScanOptions): Promise<void>;
}

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

/** An empty path is a mistake (an unset shell variable: `unspin -w "$FILE"`), never the current folder. */
const EMPTY_PATH = 'an empty path was given (an unset variable?); write "." for the current folder';

function checkPaths(paths: readonly string[]): void {
  if (paths.some((p) => p === "")) throw new UserError(EMPTY_PATH);
}

function nonEmptyPath(value: string): string {
  if (value === "") throw new InvalidArgumentError(EMPTY_PATH + ".");
  return value;
}

const collectPath = (value: string, previous: string[] | undefined) => collect(nonEmptyPath(value), previous);

const JSONL_TAKES_NO_PATHS = "--jsonl reads its records from stdin; it takes no paths.";

const collectGlob = (value: string, previous: string[] | undefined) => {
  if (value.trim() === "") throw new InvalidArgumentError("expected a non-empty glob.");
  return collect(value, previous);
};

function parseProbability(value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !(n > 0 && n < 1)) throw new InvalidArgumentError("expected a probability between 0 and 1 (normal 0.45).");
  return n;
}

function parseMaxSize(value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError("expected a number of MB > 0 (decimals allowed).");
  return n;
}

function parseJobs(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("expected a whole number ≥ 1.");
  return n;
}

export function buildProgram(version: string, handlers: Handlers, output: OutputConfiguration): Command {
  const program = new Command("unspin")
    // Set before subcommands are added so that they inherit them: errors are thrown, not process.exit()ed.
    .exitOverride()
    // Options after a sub-command's name are that sub-command's (`unspin scan -f csv`).
    .enablePositionalOptions()
    .configureOutput(output)
    .description(
      "Restore the original wording of synonym-spun text and show exactly what changed.\n\n" +
        "With one input and output to a pipe or file, prints the restored text; on a terminal, shows the changes.",
    )
    .version(version, "-V, --version")
    .argument("[paths...]", 'files, folders or globs; "-" (or no path with piped input) reads stdin')
    .helpOption("-h, --help")
    .showSuggestionAfterError(true)
    .addOption(new Option("-w, --write", "write the restored text back to the files (atomic, keeps encoding and line endings)"))
    .addOption(new Option("--check", "change nothing; exit 1 if any file would change, 0 if none"))
    .addOption(new Option("-i, --interactive", "review each change: accept, reject, edit, all of a kind, quit"))
    .addOption(new Option("--diff", "print a unified diff (same as --format diff)"))
    .addOption(new Option("-f, --format <format>", "output format").choices(FORMATS))
    .addOption(new Option("-l, --list-different", "print only the names of files that would change (same as --format files)"))
    .addOption(new Option("--level <level>", "how bold restoration is").choices(["cautious", "normal", "bold"]))
    .addOption(new Option("--threshold <p>", "probability (between 0 and 1, exclusive) a change must reach, normal 0.45; overrides the level").argParser(parseProbability))
    .addOption(new Option("--assume-spun", "restore even if the text does not look spun as a whole"))
    .addOption(new Option("--never-touch <phrase>", "word or phrase never to change (repeatable)").argParser(collect))
    .addOption(
      new Option(
        "--dict <[kind:]file>",
        "extra dictionary (repeatable): spun<TAB>original or CSV pairs, key|synonym|… tables, {a|b} spintax; kind corrections (default for pairs) or candidates (default for tables)",
      ).argParser(collectPath),
    )
    .addOption(new Option("-c, --config <file>", "use this config file instead of discovering one").argParser(nonEmptyPath))
    .addOption(new Option("--print-config <file>", "print the configuration that applies to a file, and exit").argParser(nonEmptyPath))
    .addOption(new Option("--stdin-filename <name>", "name of the stdin text in output; its extension selects Markdown/HTML handling"))
    .addOption(new Option("--hidden", "also process hidden files and folders"))
    .addOption(new Option("--no-ignore", "do not respect .gitignore, .ignore and .git/info/exclude; walk node_modules"))
    .addOption(new Option("--exclude <glob>", "leave out files found in folders that match (repeatable)").argParser(collectGlob))
    .addOption(new Option("-L, --follow", "follow symbolic links found in folders, when they stay inside the folder given"))
    .addOption(
      new Option("--ext <list>", "comma-separated extensions taken from folders").default(DEFAULT_EXTENSIONS.join(","), "txt,md,html,… (see docs)"),
    )
    .addOption(
      new Option("--max-size <MB>", "refuse inputs larger than this; files found in folders are skipped (default: 32)").argParser(parseMaxSize),
    )
    .addOption(new Option("-j, --jobs <n>", "threads, at most one per core; 1 = no workers (default: automatic, by amount of text and cores)").argParser(parseJobs))
    .addOption(new Option("--color", "force coloured output"))
    .addOption(new Option("--no-color", "disable coloured output (also NO_COLOR=1)"))
    .addOption(new Option("-q, --quiet", "no progress bar, summary or notes; with -w or --check, no report either"))
    .addOption(new Option("--jsonl", 'stream mode: read JSON records {"id", "text", …} one per line on stdin, write one per line'))
    .addHelpText(
      "after",
      `
Exit codes: 0 done (or nothing to change), 1 --check found changes, 2 error (usage, configuration, I/O, input over --max-size).

Examples:
  unspin < spun.txt > restored.txt   restore a text through a pipe
  unspin article.md                  show what would change
  unspin -w docs/                    fix every text file under docs/ in place
  unspin --check .                   fail CI when something looks spun
  unspin --diff . | git apply        review as a patch, then apply it
  unspin -f html docs > review.html  review every change in a browser
  unspin learn spun.txt orig.txt     list the substitutions a spinner made`,
    )
    .action(async (paths: string[], raw: Record<string, unknown>, command: Command) => {
      // `unspin help`, as git and npm take it, unless a file of that name is there to restore.
      const noOptions = Object.keys(raw).every((k) => command.getOptionValueSource(k) !== "cli");
      if (paths[0] === "help" && noOptions && !existsSync("help")) {
        if (paths.length === 1) command.help();
        // `unspin help scan`: that command's help.
        const sub = paths.length === 2 ? command.commands.find((c) => c.name() === paths[1]) : undefined;
        if (sub && !existsSync(paths[1]!)) sub.help();
      }
      await handlers.run(toCliOptions(paths, raw));
    });

  program
    .command("learn")
    .description("align a spun text with its original and print the substitutions found (TSV: spun, original, count, docs)")
    .argument("<spun>", "the spun text")
    .argument("<original>", "the original text")
    .option("--all", "also list proposals that review rules would reject (function words, numbers, …)", false)
    .action(async (spun: string, original: string, opts: { all: boolean }, command: Command) => {
      refuseOptionsBefore(command);
      checkPaths([spun, original]);
      await handlers.learn(spun, original, opts);
    });

  program
    .command("scan")
    .description("screen documents for spinning: spin probability, verdict, fingerprints found (nothing is changed)")
    .argument("[paths...]", 'files, folders or globs; "-" (or no path with piped input) reads stdin')
    .addOption(new Option("-f, --format <format>", "output format").choices(["table", "json", "csv"]).default("table"))
    .addOption(new Option("--fail-on <verdict>", "exit 1 when a document is judged this or worse").choices(["spun", "suspicious", "never"]).default("spun"))
    .addOption(new Option("--jsonl", 'stream mode: read JSON records {"id", "text", …} one per line on stdin, write one per line'))
    .addOption(new Option("--stdin-filename <name>", "name of the stdin text in output"))
    .addOption(new Option("--hidden", "also scan hidden files and folders"))
    .addOption(new Option("--no-ignore", "do not respect .gitignore, .ignore and .git/info/exclude"))
    .addOption(new Option("--exclude <glob>", "leave out files found in folders that match (repeatable)").argParser(collect))
    .addOption(new Option("--ext <list>", "comma-separated extensions taken from folders").default(DEFAULT_EXTENSIONS.join(","), "txt,md,html,… (see docs)"))
    .addOption(new Option("--max-size <MB>", "refuse inputs larger than this (default: 32)").argParser(parseMaxSize))
    .addOption(new Option("-q, --quiet", "no progress bar, summary or notes on stderr"))
    .addHelpText(
      "after",
      `
Verdicts: clean (probability < 0.4), suspicious (< 0.8), spun. Output is sorted by probability, highest first.
Exit codes: 0 no document reached --fail-on, 1 at least one did, 2 error (usage, unreadable input, bad record).

Examples:
  unspin scan papers/                      table of every document
  unspin scan --format csv corpus/ > s.csv
  unspin scan --fail-on suspicious .       CI: fail on anything suspicious
  unspin scan --jsonl < records.jsonl      stream: one JSON record per line`,
    )
    .action(async (paths: string[], raw: Record<string, unknown>, command: Command) => {
      refuseOptionsBefore(command);
      checkPaths(paths);
      if (raw.jsonl === true && paths.length > 0) throw new UserError(JSONL_TAKES_NO_PATHS);
      if (raw.jsonl === true) {
        // The stream's output is its records, and its input stdin: options about files or the table make no sense.
        const clash = ["format", "stdinFilename", "hidden", "exclude"].filter((k) => command.getOptionValueSource(k) === "cli");
        if (clash.length > 0 || command.getOptionValueSource("ignore") === "cli") {
          const flags = [...clash.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`), ...(command.getOptionValueSource("ignore") === "cli" ? ["--no-ignore"] : [])];
          throw new UserError(`--jsonl cannot be combined with ${flags.join(", ")}: records come from stdin and go to stdout one per line`);
        }
      }
      await handlers.scan(paths, {
        format: raw.format as "table" | "json" | "csv",
        failOn: raw.failOn as "spun" | "suspicious" | "never",
        hidden: raw.hidden === true,
        ignore: raw.ignore !== false,
        exclude: (raw.exclude as string[] | undefined) ?? [],
        ext: extList(raw.ext),
        ...(raw.maxSize !== undefined ? { maxSize: raw.maxSize as number } : {}),
        quiet: raw.quiet === true,
        ...(raw.stdinFilename !== undefined ? { stdinFilename: raw.stdinFilename as string } : {}),
        jsonl: raw.jsonl === true,
      });
    });

  return program;
}

/**
 * Options of the restoring command given before a sub-command's name (`unspin -q scan …`) would be silently ignored
 * (each sub-command reads the options after its name): refused, with where to put them.
 */
function refuseOptionsBefore(command: Command): void {
  const parent = command.parent;
  if (!parent) return;
  const given = parent.options.filter((o) => parent.getOptionValueSource(o.attributeName()) === "cli").map((o) => o.long ?? o.short ?? o.flags);
  if (given.length === 0) return;
  const name = command.name();
  throw new UserError(`${given.join(", ")} before "${name}" would be ignored: options of unspin ${name} go after its name (unspin ${name} ${given[0]} …; see unspin ${name} --help)`);
}

/** `--ext md,.TXT` → ["md", "txt"]; none at all is a mistake (a folder would then hold no text file). */
function extList(value: unknown): string[] {
  const list = String(value)
    .split(",")
    .map((e) => e.trim().replace(/^\./, "").toLowerCase())
    .filter(Boolean);
  if (list.length === 0) throw new UserError(`--ext: expected a comma-separated list of extensions (got ${JSON.stringify(String(value))}).`);
  return list;
}

/** Options that make no sense in stream mode (--jsonl reads records on stdin and writes records on stdout). */
const NOT_WITH_JSONL: ReadonlyArray<[string, string]> = [
  ["write", "--write"],
  ["check", "--check"],
  ["interactive", "--interactive"],
  ["format", "--format"],
  ["diff", "--diff"],
  ["listDifferent", "--list-different"],
  ["printConfig", "--print-config"],
  ["stdinFilename", "--stdin-filename"],
];

function toCliOptions(paths: string[], raw: Record<string, unknown>): CliOptions {
  checkPaths(paths);
  if (raw.jsonl === true) {
    if (paths.length > 0) throw new UserError(JSONL_TAKES_NO_PATHS);
    const clash = NOT_WITH_JSONL.filter(([key]) => raw[key] !== undefined && raw[key] !== false).map(([, flag]) => flag);
    if (clash.length) throw new UserError(`--jsonl cannot be combined with ${clash.join(", ")}.`);
  }
  if (raw.printConfig !== undefined && paths.length > 0) throw new UserError(`--print-config shows the configuration for one file; it takes no other paths (got ${paths.join(" ")}).`);
  const format = raw.diff ? "diff" : raw.listDifferent ? "files" : (raw.format as Format | undefined);
  if (raw.diff && raw.format && raw.format !== "diff") throw new UserError(`--diff cannot be combined with --format ${String(raw.format)}.`);
  if (raw.listDifferent && ((raw.format && raw.format !== "files") || raw.diff)) throw new UserError("--list-different cannot be combined with --format/--diff.");
  const opts: CliOptions = {
    paths,
    hidden: raw.hidden === true,
    ignore: raw.ignore !== false,
    exclude: (raw.exclude as string[] | undefined) ?? [],
    ext: extList(raw.ext),
    follow: raw.follow === true,
    neverTouch: (raw.neverTouch as string[] | undefined) ?? [],
    dict: (raw.dict as string[] | undefined) ?? [],
    write: raw.write === true,
    check: raw.check === true,
    interactive: raw.interactive === true,
    quiet: raw.quiet === true,
  };
  if (raw.stdinFilename !== undefined) opts.stdinFilename = raw.stdinFilename as string;
  if (raw.level !== undefined) opts.level = raw.level as Boldness;
  if (raw.threshold !== undefined) opts.threshold = raw.threshold as number;
  if (raw.assumeSpun !== undefined) opts.assumeSpun = true;
  if (raw.config !== undefined) opts.config = raw.config as string;
  if (raw.printConfig !== undefined) opts.printConfig = raw.printConfig as string;
  if (format !== undefined) opts.format = format;
  if (raw.color !== undefined) opts.color = raw.color as boolean;
  if (raw.jobs !== undefined) opts.jobs = raw.jobs as number;
  if (raw.maxSize !== undefined) opts.maxSize = raw.maxSize as number;
  if (raw.jsonl === true) opts.jsonl = true;
  if (opts.interactive && opts.write) throw new UserError("--interactive already writes what you accept; drop --write.");
  if (opts.interactive && opts.check) throw new UserError("--interactive writes what you accept, --check changes nothing: use one of them.");
  if (opts.interactive && opts.format) throw new UserError("--interactive cannot be combined with --format/--diff.");
  return opts;
}
