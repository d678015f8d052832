/**
 * Project configuration, discovered upward from each file (like cspell, prettier): `.unspinrc.json`,
 * `unspin.config.json`, `unspin.config.js`, or the `unspin` key of package.json — the nearest one wins, there is no
 * cascading. unspin searches itself (lilconfig did before) so that every file is read with the 1 MB bound. `--config FILE` replaces discovery. Every problem names the file and what is wrong, and is fatal (exit 2)
 * before anything is written. JavaScript configs are code: they are looked for only inside the project (up to the
 * repository root, or the home folder outside a repository) and never run from a file or folder others can write.
 */
import { closeSync, constants, existsSync, fstatSync, openSync, statSync } from "node:fs";
import { realpath, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, isAbsolute, join, parse, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { DICTIONARY_KINDS, type DictionaryKind } from "../../dict/user.js";
import type { Boldness } from "../../types.js";
import { describeFsError, UserError } from "../errors.js";
import { decode, describeUndecodable } from "./encoding.js";
import { isInside } from "./paths.js";
import { invalidJson } from "./json-errors.js";
import { readFdBounded } from "./size-limit.js";
import { parseDictArgument, type DictionarySpec } from "./user-dictionaries.js";

export const CONFIG_SEARCH_PLACES = [".unspinrc.json", "unspin.config.json", "unspin.config.js", "package.json"];

/** Settings as written in a config file. */
export interface Settings {
  level?: Boldness;
  threshold?: number;
  assumeSpun?: boolean;
  /**
   * Extra dictionaries, paths relative to the config file: `"terms.tsv"` (kind from the format), `"candidates:t.txt"`,
   * or `{ "path": "t.txt", "kind": "corrections" | "candidates" }`.
   */
  dictionaries?: (string | { path: string; kind?: DictionaryKind })[];
  /** Words and phrases never touched (case-insensitive). */
  neverTouch?: string[];
  /** Globs (relative to the config file) limiting which files found in directories are processed. */
  include?: string[];
  /** Globs (relative to the config file) of files found in directories to leave out. */
  exclude?: string[];
  /** Inputs larger than this many MB are refused (default 32). */
  maxSize?: number;
}

export interface LoadedConfig {
  /** Absolute path of the file, or null when none was found. */
  filepath: string | null;
  /** Folder that relative paths and globs in the config are relative to. */
  dir: string;
  settings: Settings;
}

const LEVELS: readonly Boldness[] = ["cautious", "normal", "bold"];
const KNOWN_KEYS = ["level", "threshold", "assumeSpun", "dictionaries", "neverTouch", "include", "exclude", "maxSize", "$schema"];

export function validateSettings(raw: unknown, filepath: string): Settings {
  const fail = (problem: string): never => {
    throw new UserError(`invalid configuration in ${filepath}: ${problem}`);
  };
  if (raw === undefined) return {};
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) fail(`expected an object of settings (got ${raw === null ? "null" : Array.isArray(raw) ? "an array" : typeof raw})`);
  const obj = raw as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!KNOWN_KEYS.includes(key)) fail(`unknown setting "${key}" (known: ${KNOWN_KEYS.filter((k) => k !== "$schema").join(", ")})`);
  }
  const out: Settings = {};
  if (obj.level !== undefined) {
    if (!LEVELS.includes(obj.level as Boldness)) fail(`"level" must be one of ${LEVELS.join(", ")} (got ${JSON.stringify(obj.level)})`);
    out.level = obj.level as Boldness;
  }
  if (obj.threshold !== undefined) {
    if (typeof obj.threshold !== "number" || !(obj.threshold > 0 && obj.threshold < 1)) {
      fail(`"threshold" must be a probability between 0 and 1 (got ${shown(obj.threshold)})`);
    }
    out.threshold = obj.threshold as number;
  }
  if (obj.assumeSpun !== undefined) {
    if (typeof obj.assumeSpun !== "boolean") fail(`"assumeSpun" must be true or false`);
    out.assumeSpun = obj.assumeSpun as boolean;
  }
  if (obj.maxSize !== undefined) {
    if (typeof obj.maxSize !== "number" || !Number.isFinite(obj.maxSize) || obj.maxSize <= 0) {
      fail(`"maxSize" must be a number of MB > 0 (got ${shown(obj.maxSize)})`);
    }
    out.maxSize = obj.maxSize as number;
  }
  if (obj.dictionaries !== undefined) out.dictionaries = validateDictionaries(obj.dictionaries, fail);
  for (const key of ["neverTouch", "include", "exclude"] as const) {
    const v = obj[key];
    if (v === undefined) continue;
    if (!Array.isArray(v) || v.some((x) => typeof x !== "string" || x.trim() === "")) {
      fail(`"${key}" must be a list of non-empty strings`);
    }
    out[key] = v as string[];
  }
  return out;
}

/** A value as written in a message: numbers as numbers (1e999 parses to Infinity, which JSON would show as null). */
function shown(v: unknown): string {
  return typeof v === "number" ? String(v) : JSON.stringify(v);
}

function validateDictionaries(v: unknown, fail: (problem: string) => never): NonNullable<Settings["dictionaries"]> {
  const shape = `"dictionaries" must be a list of paths or { "path": …, "kind": ${DICTIONARY_KINDS.map((k) => `"${k}"`).join(" | ")} } objects`;
  if (!Array.isArray(v)) fail(shape);
  return (v as unknown[]).map((d, i) => {
    if (typeof d === "string") {
      if (d.trim() === "") fail(`${shape} (entry ${i + 1} is empty)`);
      return d;
    }
    if (typeof d !== "object" || d === null || Array.isArray(d)) fail(`${shape} (got ${JSON.stringify(d)})`);
    const o = d as Record<string, unknown>;
    const extra = Object.keys(o).filter((k) => k !== "path" && k !== "kind");
    if (extra.length) fail(`${shape} (unknown key "${extra[0]}" in entry ${i + 1})`);
    if (typeof o.path !== "string" || o.path.trim() === "") fail(`${shape} (entry ${i + 1} has no "path")`);
    if (o.kind !== undefined && !DICTIONARY_KINDS.includes(o.kind as DictionaryKind)) {
      fail(`"kind" of dictionary ${JSON.stringify(o.path)} must be one of ${DICTIONARY_KINDS.join(", ")} (got ${JSON.stringify(o.kind)})`);
    }
    return o.kind === undefined ? { path: o.path as string } : { path: o.path as string, kind: o.kind as DictionaryKind };
  });
}

/** JSON.parse with the file name and line:column in the message. */
function parseConfigJson(filepath: string, content: string): unknown {
  const json = content.replace(/^\uFEFF/, "");
  try {
    return JSON.parse(json);
  } catch (err) {
    throw new UserError(`cannot read configuration ${filepath}: ${invalidJson(json, err)}`);
  }
}

/** A JavaScript config's default export (checked by checkJsConfigSafe first). */
async function loadJsConfig(filepath: string): Promise<unknown> {
  try {
    const mod = (await withoutTypelessPackageWarning(() => import(pathToFileURL(filepath).href))) as { default?: unknown };
    return mod.default ?? mod;
  } catch (err) {
    throw new UserError(`cannot load configuration ${filepath}: ${(err as Error).message}`);
  }
}

/** Imports of configs in progress, and Node's emitWarning while they last (see withoutTypelessPackageWarning). */
let importsInProgress = 0;
let nodeEmitWarning: typeof process.emitWarning | null = null;

/**
 * Runs `load` with Node's MODULE_TYPELESS_PACKAGE_JSON warning held back: an `export default` config in a project
 * whose package.json has no "type" is what the docs ask for, yet Node printed a four-line warning about it on stderr,
 * even with -q. Only that warning, and only while a config is imported; every other warning goes through.
 */
async function withoutTypelessPackageWarning<T>(load: () => Promise<T>): Promise<T> {
  if (importsInProgress++ === 0) {
    const emit = (nodeEmitWarning = process.emitWarning);
    process.emitWarning = function (this: unknown, warning: string | Error, ...rest: unknown[]) {
      const options = rest[0];
      const code = typeof options === "object" && options !== null ? (options as { code?: unknown }).code : rest[1];
      if (code === "MODULE_TYPELESS_PACKAGE_JSON") return;
      return (emit as (...args: unknown[]) => void).call(this, warning, ...rest);
    } as typeof process.emitWarning;
  }
  try {
    return await load();
  } finally {
    if (--importsInProgress === 0 && nodeEmitWarning) {
      process.emitWarning = nodeEmitWarning;
      nodeEmitWarning = null;
    }
  }
}

/**
 * A JavaScript config runs as code with the rights of whoever runs unspin, so it is loaded only if nobody else could
 * have written it: the file and its folder are not writable by everyone, and the file belongs to the user running
 * unspin (or to root). The reason is stated; the run stops before anything is read or written.
 */
async function checkJsConfigSafe(filepath: string): Promise<void> {
  const refuse = (why: string): never => {
    throw new UserError(`refusing to run the JavaScript config ${filepath}: ${why} (use a JSON config such as .unspinrc.json, or fix the permissions)`);
  };
  // The folders of the link and of the file it leads to: either may let someone else swap the code.
  const real = await realpath(filepath);
  const [file, ...folders] = await Promise.all([stat(real), stat(dirname(filepath)), stat(dirname(real))]);
  if (folders[0]!.mode & 0o002) refuse(`its folder ${dirname(filepath)} is writable by everyone`);
  if (folders[1]!.mode & 0o002) refuse(`it leads to ${real}, in a folder writable by everyone`);
  if (file.mode & 0o002) refuse("it is writable by everyone");
  const uid = process.getuid?.();
  if (uid !== undefined && file.uid !== uid && file.uid !== 0) refuse(`it belongs to another user (uid ${file.uid})`);
}

/** Config files are small; a bigger one is refused rather than read. */
const MAX_CONFIG_BYTES = 1024 * 1024;

const JSON_PLACES = CONFIG_SEARCH_PLACES.filter((p) => !p.endsWith(".js"));

/**
 * Where JavaScript configs may come from, for files in `dir`: from `dir` up to the root of the git repository that
 * holds it, or, outside any repository, up to the home folder when `dir` is inside it. Null: nowhere (for example
 * /tmp/x outside a repository), so `echo x | unspin` in a shared folder never runs a file someone else put above it.
 */
export function jsConfigBoundary(dir: string, home: string | undefined): string | null {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, ".git"))) return d;
    if (dirname(d) === d) break;
  }
  if (home && isInside(dir, resolve(home))) return resolve(home);
  return null;
}

/** A config file found by the search: its settings as written (undefined for an empty file). */
interface Found {
  filepath: string;
  config: unknown;
  isEmpty?: boolean;
}

/**
 * The text of the config file at `path`, or null when there is none. Only a regular file of at most 1 MB is read,
 * and never more than that: a device, a FIFO or a link to one (/dev/zero, a named pipe) would be read without end or
 * block the run, so it is an error naming the file, as a folder of that name is.
 */
export function readConfigText(path: string): string | null {
  const refuse = (why: string): never => {
    throw new UserError(`cannot read configuration ${path}: ${why}`);
  };
  let fd: number;
  try {
    const st = statSync(path, { throwIfNoEntry: false });
    if (!st) return null;
    if (st.isDirectory()) refuse("is a directory, expected a file");
    if (!st.isFile()) refuse("not a regular file (a device, FIFO or socket), expected a file");
    if (st.size > MAX_CONFIG_BYTES) refuse("larger than 1 MB");
    // Non-blocking: should the file have been swapped for a FIFO since stat(), opening it must not wait for a writer.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    if (err instanceof UserError) throw err;
    // No such file: a path through a file, or one longer than the system allows (a deep folder's probe).
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOTDIR" || code === "ENAMETOOLONG") return null;
    return refuse(describeFsError(err));
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) refuse("not a regular file (a device, FIFO or socket), expected a file");
    // A file that grew since stat() is held to the same bound.
    const bytes = readFdBounded(fd, st.size, MAX_CONFIG_BYTES);
    if (bytes === null) return refuse("larger than 1 MB");
    // UTF-8 or UTF-16 with a byte-order mark, as dictionaries and inputs (Windows editors save UTF-16 as "Unicode").
    const decoded = decode(bytes);
    if (!decoded.ok) return refuse(decoded.reason === "binary" ? "binary file, expected text" : describeUndecodable(decoded.reason));
    return decoded.text;
  } catch (err) {
    if (err instanceof UserError) throw err;
    return refuse(describeFsError(err));
  } finally {
    closeSync(fd);
  }
}

/** The "unspin" key of a package.json, or null when it has none (a package.json without one is no config). */
function packageSettings(filepath: string, content: string): unknown {
  const pkg = parseConfigJson(filepath, content) as unknown;
  if (typeof pkg !== "object" || pkg === null || Array.isArray(pkg)) return null;
  return (pkg as Record<string, unknown>).unspin || null;
}

export class ConfigResolver {
  /** Searches already made, by places, stop folder and folder: each folder is looked at once per run. */
  private readonly searches = new Map<string, Promise<Found | null>>();
  private explicit: Promise<LoadedConfig> | null = null;

  /**
   * `explicitPath`: the --config file, used for every input instead of discovery (read on first use, so that a
   * broken one is reported like any other configuration error). `home`: the home folder (JavaScript configs are
   * looked for up to it outside a repository); by default $HOME.
   */
  constructor(
    private readonly cwd: string,
    private readonly explicitPath?: string,
    // node:os only when $HOME is not set (a bare pipe's start-up does without loading it).
    private readonly home: string | undefined = process.env.HOME || (createRequire(import.meta.url)("node:os") as typeof import("node:os")).homedir(),
  ) {}

  /** The configuration that applies to files in `dir`. */
  async forDirectory(dir: string): Promise<LoadedConfig> {
    if (this.explicitPath) return (this.explicit ??= this.loadExplicit(resolve(this.cwd, this.explicitPath)));
    dir = resolve(dir);
    let found: Found | null = null;
    const boundary = jsConfigBoundary(dir, this.home);
    if (boundary) found = await this.search(CONFIG_SEARCH_PLACES, boundary, dir);
    // Above the boundary (or without one), only JSON configs count; the search ends at the home folder when the
    // folder is inside it (never above it: a config there would be someone else's), or else at the file-system root.
    const from = boundary ? dirname(boundary) : dir;
    const home = this.home ? resolve(this.home) : undefined;
    const insideHome = home !== undefined && isInside(dir, home);
    if (!found && (!boundary || from !== boundary) && (!insideHome || isInside(from, home))) {
      found = await this.search(JSON_PLACES, insideHome ? home : parse(from).root, from);
    }
    if (!found) return { filepath: null, dir: this.cwd, settings: {} };
    if (found.isEmpty) throw new UserError(`invalid configuration in ${found.filepath}: the file is empty (expected an object of settings)`);
    const label = found.filepath.endsWith("package.json") ? `${found.filepath} ("unspin" key)` : found.filepath;
    return { filepath: found.filepath, dir: dirname(found.filepath), settings: validateSettings(found.config, label) };
  }

  /**
   * The nearest config among `places` from `dir` up to `stopDir` (or the root): each folder's places in order, then
   * its parent's. The first file found wins, an empty or broken one included (reported, not skipped for a parent's).
   */
  private search(places: readonly string[], stopDir: string, dir: string): Promise<Found | null> {
    const key = `${places.length}\u0000${stopDir}\u0000${dir}`;
    let result = this.searches.get(key);
    if (!result) {
      result = (async () => {
        const here = await this.lookIn(places, dir);
        if (here || dir === resolve(stopDir) || dirname(dir) === dir) return here;
        return this.search(places, stopDir, dirname(dir));
      })();
      this.searches.set(key, result);
    }
    return result;
  }

  /** The config file among `places` in one folder, if any. */
  private async lookIn(places: readonly string[], dir: string): Promise<Found | null> {
    for (const place of places) {
      const filepath = join(dir, place);
      const content = readConfigText(filepath);
      if (content === null) continue;
      if (place === "package.json") {
        const config = packageSettings(filepath, content);
        if (config !== null) return { filepath, config };
        continue;
      }
      if (content.trim() === "") return { filepath, config: undefined, isEmpty: true };
      if (place.endsWith(".js")) {
        await checkJsConfigSafe(filepath).catch((err: unknown) => {
          throw err instanceof UserError ? err : new UserError(`cannot read configuration ${filepath}: ${describeFsError(err)}`);
        });
        return { filepath, config: await loadJsConfig(filepath) };
      }
      return { filepath, config: parseConfigJson(filepath, content) };
    }
    return null;
  }

  private async loadExplicit(path: string): Promise<LoadedConfig> {
    const content = readConfigText(path);
    if (content === null) throw new UserError(`cannot read configuration ${path}: no such file or directory`);
    let raw: unknown;
    if (path.endsWith(".js") || path.endsWith(".mjs")) {
      await checkJsConfigSafe(path);
      raw = await loadJsConfig(path);
    } else {
      raw = parseConfigJson(path, content);
      if (path.endsWith("package.json")) raw = (raw as Record<string, unknown> | null)?.unspin;
    }
    return { filepath: path, dir: dirname(path), settings: validateSettings(raw, path) };
  }
}

/** A config's dictionaries, with absolute paths (a string may carry a `kind:` prefix, as on the command line). */
export function dictionaryPaths(config: LoadedConfig): DictionarySpec[] {
  return (config.settings.dictionaries ?? []).map((d) => {
    const spec = typeof d === "string" ? parseDictArgument(d) : d;
    return { ...spec, path: isAbsolute(spec.path) ? spec.path : resolve(config.dir, spec.path) };
  });
}
