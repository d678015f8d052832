/**
 * Turns command-line paths into the list of files to process, in a stable order: arguments in the order given,
 * directory contents sorted by name. Directories are walked by a small recursive readdir; ignore rules are matched
 * by `ignore` (the gitignore implementation used by eslint and prettier), globs expanded by fast-glob and matched by
 * picomatch. Rules, the same for folders and globs: .gitignore, .ignore and .git/info/exclude (from the repository
 * root down, when inside a git repository; the info/exclude of each repository a file is in, nested ones and those a
 * glob reaches from outside included), hidden files and folders skipped, `.git` always skipped, `node_modules`
 * skipped unless ignore rules are off, default text extensions. Files named explicitly are always processed: ignore
 * rules, --exclude and extensions only filter what is found.
 *
 * Symbolic links found in folders are not followed (as in ripgrep and typos); with `follow`, a link is followed only
 * when its real target lies inside the tree given (the real path of the folder argument), so that nothing outside
 * that tree is ever read or written through a link. Every file carries the real path of its tree (`root`), which
 * the writer checks again right before writing.
 */
import { existsSync } from "node:fs";
import { lstat, readdir, readFile, realpath, stat } from "node:fs/promises";
import { basename, dirname, extname, join, normalize, relative, resolve, sep } from "node:path";
import ignore, { type Ignore } from "ignore";
import picomatch from "picomatch";
import { describeFsError } from "../errors.js";
import type { LoadedConfig } from "./config.js";
import { isInside } from "./paths.js";


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
  /** Follow symbolic links found in folders, when their target stays inside the tree given (default: not at all). */
  follow?: boolean;
}

export interface InputFile {
  path: string;
  /**
   * The path for output, "/"-separated: as given on the command line (an absolute path stays absolute), or, for a
   * file found in a folder or by a glob, the folder as given joined with the path below it.
   */
  display: string;
  /** Named on the command line rather than found in a directory or by a glob. */
  explicit: boolean;
  /**
   * Real path of the tree the file belongs to: the folder argument it was found in, the base folder of a glob, or,
   * for a file named on the command line, its own folder. The file is written only if its real path is inside.
   */
  root: string;
}

export interface InputError {
  arg: string;
  message: string;
}

export interface Inputs {
  files: InputFile[];
  /** Paths that could not be read (a missing argument, an unreadable or too deep subfolder, …). */
  errors: InputError[];
  /** Things left out that the user may not expect (a link leading outside the tree). */
  notes: InputError[];
}

export async function collectInputs(args: readonly string[], opts: WalkOptions): Promise<Inputs> {
  const files: InputFile[] = [];
  const errors: InputError[] = [];
  const notes: InputError[] = [];
  const seen = new Set<string>();
  const rules = new IgnoreRules(opts.ignoreFiles);
  const excluded = excludeMatcher(opts.exclude);
  const exts = new Set(opts.extensions.map((e) => e.toLowerCase().replace(/^\./, "")));
  const add = (path: string, display: string, explicit: boolean, root: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    files.push({ path, display, explicit, root });
  };
  const wanted = (abs: string, isDir: boolean) => {
    const rel = relative(opts.cwd, abs).split(sep).join("/");
    if (!opts.hidden && basename(abs).startsWith(".")) return false;
    if (basename(abs) === ".git") return false;
    if (isDir && opts.ignoreFiles && basename(abs) === "node_modules") return false;
    if (excluded(rel)) return false;
    return isDir || exts.has(extname(abs).slice(1).toLowerCase());
  };

  for (const arg of args) {
    const abs = resolve(opts.cwd, arg);
    let st;
    try {
      st = await stat(abs);
    } catch (err) {
      const scan = picomatch.scan(arg);
      if (!existsSync(abs) && scan.isGlob) {
        const base = resolve(opts.cwd, scan.base || ".");
        const root = await realpath(base).catch(() => base);
        const show = (p: string) => displayPath(scan.base || ".", base, p);
        const matched = await expandGlob(arg, opts, rules, excluded, base, root, notes, show);
        if (matched.length === 0) errors.push({ arg, message: "no files match this pattern" });
        for (const m of matched) add(m, show(m), false, root);
        continue;
      }
      errors.push({ arg, message: describeFsError(err) });
      continue;
    }
    if (!st.isDirectory() && /[\\/]$/.test(arg)) {
      // `file.txt/`: the shell and the file system would both refuse it as a folder.
      errors.push({ arg, message: "not a folder (a file, named with a trailing /)" });
      continue;
    }
    if (!st.isDirectory()) {
      // A file named on the command line: its tree is its own folder (a link in it may point only within that folder).
      const dir = dirname(abs);
      add(abs, displayPath(arg, abs, abs), true, await realpath(dir).catch(() => dir));
      continue;
    }
    let root: string;
    try {
      root = await realpath(abs);
    } catch (err) {
      errors.push({ arg, message: describeFsError(err) });
      continue;
    }
    const show = (p: string) => displayPath(arg, abs, p);
    await walk(abs, {
      root,
      follow: opts.follow === true,
      keep: async (path, isDir) => wanted(path, isDir) && !(await rules.ignored(path, isDir, abs)),
      onFile: (p) => add(p, show(p), false, root),
      onError: (path, err) => errors.push({ arg: show(path), message: `${describeFsError(err)} (folder skipped)` }),
      onNote: (path, message) => notes.push({ arg: show(path), message }),
    });
  }
  return { files: await onePathPerFile(files, notes), errors, notes };
}

/**
 * Whether the configuration that applies to a file found in a folder leaves it out: its `include` globs do not match,
 * or its `exclude` globs do (both relative to the config's folder). Files named on the command line are not asked.
 */
export function leftOutByConfig(config: LoadedConfig, path: string): boolean {
  const { include, exclude } = config.settings;
  if (!include?.length && !exclude?.length) return false;
  const rel = relative(config.dir, path).split(sep).join("/");
  const matches = (globs: string[]) => globs.some((g) => picomatch(g, { dot: true, basename: !g.includes("/") })(rel));
  if (include?.length && !matches(include)) return true;
  return exclude?.length ? matches(exclude) : false;
}

/** Files stat'ed at a time (fileIds): thousands of stat() calls in flight at once cost a batch's peak memory some 7 MB. */
const STAT_BATCH = 32;

/**
 * Each path's file identity ("device:inode", exact as bigints; null when it cannot be stat'ed), a few paths at a time:
 * two paths to one file (hard links, symbolic links) get the same identity.
 */
export async function fileIds(paths: readonly string[]): Promise<(string | null)[]> {
  const ids: (string | null)[] = new Array<string | null>(paths.length);
  for (let from = 0; from < paths.length; from += STAT_BATCH) {
    const batch = paths.slice(from, from + STAT_BATCH);
    const got = await Promise.all(batch.map((p) => stat(p, { bigint: true }).then((st) => `${st.dev}:${st.ino}`, () => null)));
    got.forEach((id, k) => (ids[from + k] = id));
  }
  return ids;
}

/**
 * One path per file: a file reached by two paths (hard links, or a link followed with -L beside its target) is
 * restored once, under its own path rather than a symbolic link's (else the first), so that its two runs never race
 * each other on separate threads (the second then finding the file "changed by another program"). The others are
 * noted.
 */
async function onePathPerFile(files: InputFile[], notes: InputError[]): Promise<InputFile[]> {
  if (files.length < 2) return files;
  const ids = await fileIds(files.map((f) => f.path));
  const paths = new Map<string, number[]>();
  ids.forEach((id, i) => {
    if (id === null) return;
    const same = paths.get(id);
    if (same) same.push(i);
    else paths.set(id, [i]);
  });
  const keep = new Set<number>(files.keys());
  for (const same of paths.values()) {
    if (same.length < 2) continue;
    // Its own path before a symbolic link's, else the first listed.
    const links = await Promise.all(same.map((i) => lstat(files[i]!.path).then((st) => st.isSymbolicLink(), () => true)));
    const kept = same[Math.max(0, links.indexOf(false))]!;
    for (const i of same) {
      if (i === kept) continue;
      keep.delete(i);
      notes.push({ arg: files[i]!.display, message: `the same file as ${files[kept]!.display} (a link), restored once` });
    }
  }
  return files.filter((_, i) => keep.has(i));
}

/**
 * A path as the user named it: the argument `given` (whose absolute path is `givenAbs`), tidied ("./a.txt" is
 * "a.txt"), joined with the part of `path` below it. Not made relative to the working folder: `/dev/null` or
 * `/srv/a.txt` is shown so, not as "../../dev/null".
 */
function displayPath(given: string, givenAbs: string, path: string): string {
  const below = relative(givenAbs, path);
  return (below ? join(given, below) : normalize(given)).split(sep).join("/");
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

interface WalkHandlers {
  /** Real path of the folder argument: links are followed only to targets inside it. */
  root: string;
  follow: boolean;
  keep: (path: string, isDir: boolean) => Promise<boolean>;
  onFile: (path: string) => void;
  /** A subfolder that cannot be read: reported, and the walk goes on with everything else. */
  onError: (path: string, err: unknown) => void;
  onNote: (path: string, message: string) => void;
}

/**
 * Depth-first walk, entries sorted by name. Symbolic links are skipped unless `follow`; then a link is followed only
 * if its real target is inside `root`, and each real folder is entered once (no cycles).
 */
async function walk(top: string, h: WalkHandlers): Promise<void> {
  const visited = new Set<string>([h.root]);
  const visit = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      h.onError(dir, err);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const path = join(dir, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        if (!h.follow) continue;
        const real = await realpath(path).catch(() => null);
        const st = real ? await stat(real).catch(() => null) : null;
        if (!real || !st) continue; // a dangling link
        isFile = st.isFile();
        isDir = st.isDirectory();
        if (!isFile && !isDir) continue;
        if (!isInside(real, h.root)) {
          if (await h.keep(path, isDir)) h.onNote(path, "symbolic link to a path outside the folder given, skipped");
          continue;
        }
        if (isDir) {
          if (visited.has(real)) continue;
          visited.add(real);
        }
      } else if (isDir && h.follow) {
        // Only followed links can lead back into a folder already walked.
        const real = await realpath(path).catch(() => path);
        if (visited.has(real)) continue;
        visited.add(real);
      }
      if (!isDir && !isFile) continue;
      if (!(await h.keep(path, isDir))) continue;
      if (isDir) await visit(path);
      else h.onFile(path);
    }
  };
  await visit(top);
}

async function expandGlob(
  pattern: string,
  opts: WalkOptions,
  rules: IgnoreRules,
  excluded: (rel: string) => boolean,
  base: string,
  root: string,
  notes: InputError[],
  show: (path: string) => string,
): Promise<string[]> {
  // Rules apply from the current folder (or its repository's root) down to each match; a glob reaching outside the
  // current folder (`../x/*.md`, an absolute path) is treated like a folder argument naming its base folder.
  const top = isInside(base, opts.cwd) ? opts.cwd : base;
  const { default: fg } = await import("fast-glob");
  const found = await fg(pattern.split(sep).join("/"), {
    cwd: opts.cwd,
    dot: opts.hidden,
    // Not following links, fast-glob counts a link to a file as no file: with -L, links are listed too and sorted
    // out below, as a folder walk does.
    onlyFiles: !opts.follow,
    absolute: true,
    followSymbolicLinks: false,
    ignore: ["**/.git/**"],
  });
  found.sort();
  const out: string[] = [];
  for (const f of found) {
    const abs = resolve(f);
    if (excluded(relative(opts.cwd, abs).split(sep).join("/"))) continue;
    if (await rules.ignored(abs, false, top)) continue;
    if (opts.ignoreFiles && abs.split(sep).includes("node_modules") && !pattern.includes("node_modules")) continue;
    const st = await lstat(abs).catch(() => null);
    if (!st) continue;
    if (st.isSymbolicLink()) {
      if (!opts.follow) continue;
      const real = await realpath(abs).catch(() => null);
      if (!real || !(await stat(real).catch(() => null))?.isFile()) continue;
      if (!isInside(real, root)) {
        notes.push({ arg: show(abs), message: "symbolic link to a path outside the folder given, skipped" });
        continue;
      }
    } else if (!st.isFile()) continue;
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
      const ig = await this.rulesFor(d);
      if (!ig) continue;
      const rel = relative(d, path).split(sep).join("/") + (isDir ? "/" : "");
      const r = ig.test(rel);
      if (r.ignored) ignoredNow = true;
      else if (r.unignored) ignoredNow = false;
    }
    return ignoredNow;
  }

  /**
   * The rules of one folder. A folder holding `.git` is the root of a repository (the one walked, or one nested in
   * it, or the one a glob's matches are in), and its `info/exclude` applies from there down. In order of rising
   * precedence, as in git and ripgrep: info/exclude, .gitignore, .ignore (the last matching rule wins).
   */
  private rulesFor(dir: string): Promise<Ignore | null> {
    let p = this.perDir.get(dir);
    if (!p) {
      p = (async () => {
        const read = (path: string) => readFile(path, "utf8").catch(() => "");
        const gitDir = await gitDirOf(dir);
        const texts = await Promise.all([
          gitDir ? read(join(gitDir, "info", "exclude")) : "",
          read(join(dir, ".gitignore")),
          read(join(dir, ".ignore")),
        ]);
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

/**
 * The git directory of a repository whose working tree root is `dir`, or null when `dir` holds no `.git`. A `.git`
 * file (a linked worktree, a submodule) names the git directory ("gitdir: …"); a worktree's git directory keeps
 * shared files such as info/exclude in the common directory named by its `commondir` file.
 */
async function gitDirOf(dir: string): Promise<string | null> {
  const dotGit = join(dir, ".git");
  const st = await stat(dotGit).catch(() => null);
  if (!st) return null;
  if (st.isDirectory()) return dotGit;
  if (!st.isFile()) return null;
  const m = /^gitdir:\s*(.+?)\s*$/m.exec(await readFile(dotGit, "utf8").catch(() => ""));
  if (!m) return null;
  const gitDir = resolve(dir, m[1]!);
  const common = (await readFile(join(gitDir, "commondir"), "utf8").catch(() => "")).trim();
  return common ? resolve(gitDir, common) : gitDir;
}
