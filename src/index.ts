/**
 * unspin: restore the original wording of synonym-spun text.
 *
 *   import { restore } from "unspin";
 *   const { text, edits } = restore(spunText);
 */
import { combineDictionaries } from "./dict/combine.js";
import { compileUserDictionary, type ExtraDictionary } from "./dict/user.js";
import { loadBundledResources } from "./resources.js";
import { restoreWith as restoreWithUnchecked, type Resources, type Tuning } from "./restore/restore.js";
import type { RestoreOptions, RestoreResult } from "./types.js";
import { checkResources, checkRestoreArguments, shown } from "./validate.js";

export type { Boldness, Edit, Flag, GateReport, RestoreOptions, RestoreResult } from "./types.js";
export type { Candidate, PhraseDictionary, Tier } from "./dict/types.js";
export { applyEdits, configFor, type Resources, type Tuning } from "./restore/restore.js";
export type { DecideConfig } from "./restore/decide.js";
export { loadBundledResources } from "./resources.js";
export {
  compileUserDictionary,
  detectFormat,
  parseUserDictionary,
  UserDictionaryError,
  type CompiledUserDictionary,
  type DictionaryFormat,
  type DictionaryKind,
  type ExtraDictionary,
} from "./dict/user.js";

// Extra dictionaries arrive as file contents, the same for every file of a run: compile each set once (per set of
// resources they are added to).
const extrasCache = new WeakMap<Resources, Map<string, Resources>>();

function resourcesFor(extra: readonly (string | ExtraDictionary)[] | undefined, bundled: Resources = loadBundledResources()): Resources {
  if (!extra || extra.length === 0) return bundled;
  let withExtras = extrasCache.get(bundled);
  if (!withExtras) extrasCache.set(bundled, (withExtras = new Map()));
  const dicts = extra.map((d, i) => {
    const x: ExtraDictionary = typeof d === "string" ? { text: d } : d;
    return { ...x, name: x.name ?? (extra.length > 1 ? `user${i + 1}` : "user") };
  });
  const key = JSON.stringify(dicts.map((d) => [d.name, d.kind ?? "", d.text]));
  let resources = withExtras.get(key);
  if (!resources) {
    const compiled = dicts.map((d) => compileUserDictionary(d.text, d.name, d.kind));
    // Both kinds take part in the gate's sites: a user's corrections apply whatever the gate says (and never open
    // it; where one repeats a pair of the bundled dictionaries, the pair still counts as the evidence it was before,
    // see Candidate.shadows, so that adding correct pairs never shuts the gate); a candidate list's sites where a
    // candidate wins clearly are evidence that the document is spun (measured with a spinner-like table: spun articles score 49.5+ strong places per 1000 words, clean ones at most 26.0
    // against the gate's 30, see scripts/eval-table.mjs), but it changes nothing while the gate is closed.
    const user = compiled.map((c) => c.dictionary);
    resources = {
      lm: bundled.lm,
      dictionary: combineDictionaries([...user, bundled.dictionary]),
      ...(bundled.gateDictionary ? { gateDictionary: combineDictionaries([...user, bundled.gateDictionary]) } : {}),
      ...(bundled.flagger ? { flagger: bundled.flagger } : {}),
    };
    if (withExtras.size > 16) withExtras.clear();
    withExtras.set(key, resources);
  }
  return resources;
}

/** Restore spun text with the bundled model and dictionaries (loaded once, on first use). */
export function restore(text: string, options: RestoreOptions = {}): RestoreResult {
  checkRestoreArguments("restore", text, options);
  return restoreWithUnchecked(resourcesFor(options.extraDictionaries), text, options);
}

/**
 * The same engine with resources you provide (see docs/library.md); arguments are checked as for restore(), and
 * `options.extraDictionaries` are added to the resources' dictionaries as restore() adds them to the bundled ones.
 */
export function restoreWith(resources: Resources, text: string, options: RestoreOptions = {}, tuning?: Tuning): RestoreResult {
  checkResources("restoreWith", resources);
  checkRestoreArguments("restoreWith", text, options);
  return restoreWithUnchecked(resourcesFor(options.extraDictionaries, resources), text, options, tuning);
}

export type { RestoredWindow, PortableWindowPlan, WindowPart, WindowCounts, WindowSpan, TextSource } from "./restore/windows.js";
export type { FormContexts } from "./restore/engine.js";
import type { FormContexts } from "./restore/engine.js";
export { WindowJoiner, windowSpans, mergeFormSites, planFromCounts } from "./restore/windows.js";
import {
  countWindowFormsPart as countWindowFormsPartWith,
  countWindowPart as countWindowPartWith,
  planWindowsWith,
  portablePlan,
  restoreWindowPart as restoreWindowPartWith,
  restoreSourceWindowsWith,
  restoreWindowsWith as restoreWindowsUnchecked,
  type PortableWindowPlan,
  type RestoredWindow,
  type TextSource,
  type WindowCounts,
  type WindowPart,
  type WindowSpan,
} from "./restore/windows.js";

/**
 * Restore a text piece by piece (see docs/library.md): a text over about 1.5 million characters is restored in
 * windows of about 256 K characters with its document-level evidence gathered first, so memory stays bounded; a
 * shorter one comes as one piece, identical to restore(). The pieces' texts joined are the restored text.
 */
export function restoreWindows(text: string, options: RestoreOptions = {}): Generator<RestoredWindow, void, undefined> {
  checkRestoreArguments("restoreWindows", text, options);
  return restoreWindowsUnchecked(resourcesFor(options.extraDictionaries), text, options);
}

/**
 * Restore a long text that is not held whole (see docs/library.md): `source` gives its length in UTF-16 units and any
 * slice of it (the caller reads them from a file, a database, …). The pieces are those restoreWindows(text) gives
 * for the same text; only one window's slice (about 260 K characters) is asked for and held at a time. A source up to
 * about 1.5 million characters is read whole, as one slice.
 */
export function restoreWindowsFrom(source: TextSource, options: RestoreOptions = {}): Generator<RestoredWindow, void, undefined> {
  if (source === null || typeof source !== "object" || typeof source.slice !== "function" || !Number.isSafeInteger(source.length) || source.length < 0) {
    throw new TypeError(`unspin: restoreWindowsFrom() expects a source with a length and a slice(from, to) method (got ${shown(source)})`);
  }
  checkRestoreArguments("restoreWindowsFrom", "", options);
  return restoreSourceWindowsWith(resourcesFor(options.extraDictionaries), source, options);
}

/**
 * For restoring a long text's windows on several threads (see docs/library.md): the document-level evidence of a
 * text over about 1.5 million characters as plain data a worker thread can be sent, or null for a shorter text
 * (restore() it whole). Then restoreWindowPart() for each window, anywhere, and a WindowJoiner in the end: the
 * same pieces as restoreWindows() gives.
 */
export function planWindows(text: string, options: RestoreOptions = {}): PortableWindowPlan | null {
  checkRestoreArguments("planWindows", text, options);
  const plan = planWindowsWith(resourcesFor(options.extraDictionaries), text, options);
  return plan && portablePlan(plan);
}

/**
 * Pass 1 for window w = windowSpans(text)[k] alone, from its context slice `part` = text.slice(w.ctxFrom, w.ctxTo):
 * counts that planFromCounts merges (the windows can be counted on several threads, in any order).
 */
export function countWindowPart(part: string, w: WindowSpan, k: number, options: RestoreOptions = {}): WindowCounts {
  checkRestoreArguments("countWindowPart", part, options);
  return countWindowPartWith(resourcesFor(options.extraDictionaries), part, w, k, options);
}

/** Pass 1b for a document whose plan (without it) found it spun: the contexts of each spun form's sites in one window (see mergeFormSites). */
export function countWindowFormsPart(part: string, w: WindowSpan, options: RestoreOptions = {}): FormContexts {
  checkRestoreArguments("countWindowFormsPart", part, options);
  return countWindowFormsPartWith(resourcesFor(options.extraDictionaries), part, w, options);
}

/**
 * Window k of a planned text, restored on its own from its context: `part` is text.slice(w.ctxFrom, w.ctxTo) for
 * w = plan.windows[k]. Null when the window needs no restoring. Give the answers to a WindowJoiner in window order.
 */
export function restoreWindowPart(part: string, plan: PortableWindowPlan, k: number, options: RestoreOptions = {}): WindowPart | null {
  checkRestoreArguments("restoreWindowPart", part, options);
  return restoreWindowPartWith(resourcesFor(options.extraDictionaries), part, plan, k, options);
}

export { screenWith, spinProbability, verdictOf, type ScreenResult, type ScreenEvidence, type ScreenOptions, type Fingerprint, type Verdict } from "./screen/screen.js";
import { screenWith, type ScreenOptions, type ScreenResult } from "./screen/screen.js";

/**
 * Screen a document: spin probability, verdict (clean / suspicious / spun) and the fingerprints found, from the
 * document gate's evidence and the tortured-phrase list, without restoring anything (several times faster).
 */
export function screen(text: string, options: ScreenOptions = {}): ScreenResult {
  if (typeof text !== "string") throw new TypeError(`unspin: screen() expects the text as a string (got ${shown(text)})`);
  return screenWith(loadBundledResources(), text, options);
}
