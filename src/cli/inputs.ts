/**
 * Turns command-line paths into the list of files to process, in a stable order: arguments in the order given,
 * directory contents sorted by name. Directories are walked by a small recursive readdir; ignore rules are matched
 * by `ignore` (the gitignore implementation used by eslint and prettier), globs expanded by fast-glob and matched by
 * picomatch. Rules: .gitignore, .ignore and .git/info/exclude (from the repository root down, when inside a git
 * repository), hidden files and folders skipped, `.git` always skipped, default text extensions.
 * Files named explicitly are always processed: ignore rules, --exclude and extensions only filter what is found.
 */
import { existsSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, dirname, extname, join, relative, resolve, sep } from "node:path";
import ignore, { type Ignore } from "ignore";
import picomatch from "picomatch";
import { describeFsError } from "./errors.js";


export interface WalkOptions {
  cwd: string;
  /** Include hidden files and folders (names starting with "."). */
  hidden: boolean;
  /** Respect .gitignore, .ignore and .git/info/exclude. */
  ignoreFiles: boolean;
  /** Globs of paths to leave out (relative to cwd; a glob without "/" matches the base name at any depth). */
  exclude: string[];
  /** Extensions (without dot, lower case) of files taken from directories. */
  extensions: string[];
}

export interface InputFile {
  path: string;
  /** Path relative to cwd, "/"-separated, for output. */
  display: string;
  /** Named on the command line rather than found in a directory or by a glob. */
  explicit: boolean;
}

export interface InputError {
  arg: string;
  message: string;
}

export async function collectInputs(args: readonly string[], opts: WalkOptions): Promise<{ files: InputFile[]; errors: InputError[] }> {
  const files: InputFile[] = [];
  const errors: InputError[] = [];
  const seen = new Set<string>();
  const rules = new IgnoreRules(opts.ignoreFiles);
  const excluded = excludeMatcher(opts.exclude);
  const exts = new Set(opts.extensions.map((e) => e.toLowerCase().replace(/^\./, "")));
  const add = (path: string, explicit: boolean) => {
    if (seen.has(path)) return;
    seen.add(path);
    files.push({ path, display: displayPath(opts.cwd, path), explicit });
  };
  const wanted = (abs: string, isDir: boolean) => {
    const rel = relative(opts.cwd, abs).split(sep).join("/");
    if (!opts.hidden && basename(abs).startsWith(".")) return false;
    if (basename(abs) === ".git") return false;
    if (excluded(rel)) return false;
    return isDir || exts.has(extname(abs).slice(1).toLowerCase());
  };

  for (const arg of args) {
    const abs = resolve(opts.cwd, arg);
    let st;
    try {
      st = await stat(abs);
    } catch (err) {
      if (!existsSync(abs) && picomatch.scan(arg).isGlob) {
        const matched = await expandGlob(arg, opts, rules, excluded);
        if (matched.length === 0) errors.push({ arg, message: "no files match this pattern" });
        for (const m of matched) add(m, false);
        continue;
      }
      errors.push({ arg, message: describeFsError(err) });
      continue;
    }
    if (!st.isDirectory()) {
      add(abs, true);
      continue;
    }
    try {
      await walk(abs, async (path, isDir) => wanted(path, isDir) && !(await rules.ignored(path, isDir, abs)), (p) => add(p, false));
    } catch (err) {
      errors.push({ arg, message: describeFsError(err) });
    }
  }
  return { files, errors };
}

function displayPath(cwd: string, abs: string): string {
  const rel = relative(cwd, abs);
  return (rel === "" ? basename(abs) : rel).split(sep).join("/");
}

function excludeMatcher(globs: readonly string[]): (rel: string) => boolean {
  if (globs.length === 0) return () => false;
  const matchers = globs.map((g) => picomatch(g.replace(/\/$/, ""), { dot: true, basename: !g.replace(/\/$/, "").includes("/") }));
  // A path is excluded when it or any of its parent folders matches.
  return (rel) => {
    const parts = rel.split("/");
    for (let i = parts.length; i > 0; i--) {
      const p = parts.slice(0, i).join("/");
      if (matchers.some((m) => m(p))) return true;
    }
    return false;
  };
}

/** Depth-first walk, entries sorted by name; symbolic links to folders are not followed (no cycles). */
async function walk(dir: string, keep: (path: string, isDir: boolean) => Promise<boolean>, onFile: (path: string) => void): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const path = join(dir, e.name);
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      const st = await stat(path).catch(() => null);
      isFile = st?.isFile() ?? false;
      isDir = false;
    }
    if (!isDir && !isFile) continue;
    if (!(await keep(path, isDir))) continue;
    if (isDir) await walk(path, keep, onFile);
    else onFile(path);
  }
}

async function expandGlob(
  pattern: string,
  opts: WalkOptions,
  rules: IgnoreRules,
  excluded: (rel: string) => boolean,
): Promise<string[]> {
  const { default: fg } = await import("fast-glob");
  const found = await fg(pattern.split(sep).join("/"), {
    cwd: opts.cwd,
    dot: opts.hidden,
    onlyFiles: true,
    absolute: true,
    followSymbolicLinks: false,
    ignore: ["**/.git/**"],
  });
  found.sort();
  const out: string[] = [];
  for (const f of found) {
    const abs = resolve(f);
    if (excluded(relative(opts.cwd, abs).split(sep).join("/"))) continue;
    if (await rules.ignored(abs, false, opts.cwd)) continue;
    out.push(abs);
  }
  return out;
}

/**
 * gitignore-style rules per folder, loaded lazily and cached. Deeper files override shallower ones, and a later
 * negation ("!keep.md") can re-include a file, as in git.
 */
class IgnoreRules {
  private readonly perDir = new Map<string, Promise<Ignore | null>>();
  private readonly gitRoots = new Map<string, string | null>();

  constructor(private readonly enabled: boolean) {}

  /** `top`: where the walk started; rules above it apply only inside a git repository (as in ripgrep). */
  async ignored(path: string, isDir: boolean, top: string): Promise<boolean> {
    if (!this.enabled) return false;
    const root = (await this.gitRoot(top)) ?? top;
    const dirs: string[] = [];
    for (let d = dirname(path); ; d = dirname(d)) {
      dirs.unshift(d);
      if (d === root || dirname(d) === d || !isInside(d, root)) break;
    }
    let ignoredNow = false;
    for (const d of dirs) {
      const ig = await this.rulesFor(d, d === root);
      if (!ig) continue;
      const rel = relative(d, path).split(sep).join("/") + (isDir ? "/" : "");
      const r = ig.test(rel);
      if (r.ignored) ignoredNow = true;
      else if (r.unignored) ignoredNow = false;
    }
    return ignoredNow;
  }

  private rulesFor(dir: string, isRoot: boolean): Promise<Ignore | null> {
    let p = this.perDir.get(dir);
    if (!p) {
      p = (async () => {
        const names = [".gitignore", ".ignore", ...(isRoot ? [join(".git", "info", "exclude")] : [])];
        const texts = await Promise.all(names.map((n) => readFile(join(dir, n), "utf8").catch(() => "")));
        const text = texts.join("\n");
        return text.trim() ? ignore({ allowRelativePaths: true }).add(text) : null;
      })();
      this.perDir.set(dir, p);
    }
    return p;
  }

  private async gitRoot(from: string): Promise<string | null> {
    if (this.gitRoots.has(from)) return this.gitRoots.get(from)!;
    let found: string | null = null;
    for (let d = from; ; d = dirname(d)) {
      if (existsSync(join(d, ".git"))) {
        found = d;
        break;
      }
      if (dirname(d) === d) break;
    }
    this.gitRoots.set(from, found);
    return found;
  }
}

function isInside(dir: string, root: string): boolean {
  const rel = relative(root, dir);
  return rel === "" || (!rel.startsWith("..") && !rel.startsWith(sep));
}
