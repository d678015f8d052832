/**
 * The CLI talks to the library through one function. It is loaded lazily (dynamic import) so `--help`, `--version`
 * and usage errors never pay for loading the model, and so tests can run the CLI over a stand-in restorer.
 */
import type { ExtraDictionary } from "../../dict/user.js";
import type { RestoreOptions, RestoreResult } from "../../types.js";
import type { PortableWindowPlan, RestoredWindow, TextSource, WindowCounts, WindowJoiner, WindowPart, WindowSpan } from "../../restore/windows.js";
import type { FormContexts } from "../../restore/engine.js";

/** RestoreOptions plus the settings the CLI adds (kept here until the library's type carries them). */
export interface CliRestoreOptions extends RestoreOptions {
  /** Extra user dictionaries: contents, kind and name (see src/dict/user.ts). */
  extraDictionaries?: ExtraDictionary[];
}

export type Restorer = (text: string, options: CliRestoreOptions) => RestoreResult;

/** Module that exports `restore`; resolved relative to this file (dist/cli/run → dist/index.js). */
export const DEFAULT_RESTORER_MODULE = new URL("../../index.js", import.meta.url).href;

export async function loadRestorer(moduleUrl: string = DEFAULT_RESTORER_MODULE): Promise<Restorer> {
  const mod = (await import(moduleUrl)) as { restore?: Restorer };
  if (typeof mod.restore !== "function") throw new Error(`${moduleUrl} does not export a restore() function`);
  return mod.restore;
}

/** The library's windowed restore (restoreWindows): a long text in pieces, so the CLI can print as it goes. */
export type WindowRestorer = (text: string, options: CliRestoreOptions) => Iterable<RestoredWindow>;

/** The module's restoreWindows, if it has one (a stand-in restorer in tests may not). */
export async function loadWindowRestorer(moduleUrl: string = DEFAULT_RESTORER_MODULE): Promise<WindowRestorer | undefined> {
  const mod = (await import(moduleUrl)) as { restoreWindows?: WindowRestorer };
  return typeof mod.restoreWindows === "function" ? mod.restoreWindows : undefined;
}

/** The library's restore of a long text from its slices (restoreWindowsFrom): an input file never held whole. */
export type SourceRestorer = (source: TextSource, options: CliRestoreOptions) => Iterable<RestoredWindow>;

/** The module's restoreWindowsFrom, if it has one (a stand-in restorer in tests may not). */
export async function loadSourceRestorer(moduleUrl: string = DEFAULT_RESTORER_MODULE): Promise<SourceRestorer | undefined> {
  const mod = (await import(moduleUrl)) as { restoreWindowsFrom?: SourceRestorer };
  return typeof mod.restoreWindowsFrom === "function" ? mod.restoreWindowsFrom : undefined;
}

/**
 * The library's functions for restoring one long text's windows on several threads (see ../../restore/windows.ts):
 * the document's evidence first (planWindows), then each window on its own (restoreWindowPart), joined in order.
 */
export interface WindowLibrary {
  windowSpans(text: string): WindowSpan[] | null;
  countWindowPart(part: string, w: WindowSpan, k: number, options: CliRestoreOptions): WindowCounts;
  countWindowFormsPart(part: string, w: WindowSpan, options: CliRestoreOptions): FormContexts;
  mergeFormSites(parts: Iterable<FormContexts>): Map<string, number>;
  planFromCounts(windows: WindowSpan[], parts: readonly WindowCounts[], formSites: Map<string, number> | null, options: CliRestoreOptions): PortableWindowPlan;
  restoreWindowPart(part: string, plan: PortableWindowPlan, k: number, options: CliRestoreOptions): WindowPart | null;
  WindowJoiner: typeof WindowJoiner;
}

/** The module's window functions, if it has them (a stand-in restorer in tests may not). */
export async function loadWindowLibrary(moduleUrl: string = DEFAULT_RESTORER_MODULE): Promise<WindowLibrary | undefined> {
  const mod = (await import(moduleUrl)) as Partial<WindowLibrary>;
  const functions = ["windowSpans", "countWindowPart", "countWindowFormsPart", "mergeFormSites", "planFromCounts", "restoreWindowPart", "WindowJoiner"] as const;
  return functions.every((f) => typeof mod[f] === "function")
    ? (mod as WindowLibrary)
    : undefined;
}
