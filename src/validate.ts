/**
 * Argument checks at the library's door: a wrong call (a number for the text, a misspelt level, a NaN threshold)
 * gets a TypeError or RangeError that says what was expected, instead of failing deep inside ("text.indexOf is not
 * a function") or, worse, silently restoring nothing. Unknown option keys are left alone.
 */
import type { RestoreOptions } from "./types.js";

const LEVELS = ["cautious", "normal", "bold"];

/** A value as an argument error shows it: strings quoted (cut at 40 characters), objects by their kind. */
export function shown(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}...` : v);
  if (typeof v === "number" || typeof v === "boolean" || v === null || v === undefined) return String(v);
  return Array.isArray(v) ? "an array" : typeof v === "object" ? "an object" : typeof v;
}

export function checkRestoreArguments(fn: string, text: unknown, options: unknown): asserts options is RestoreOptions | undefined {
  if (typeof text !== "string") throw new TypeError(`unspin: ${fn}() expects the text as a string (got ${shown(text)})`);
  if (options === undefined) return;
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new TypeError(`unspin: ${fn}() expects options as an object (got ${shown(options)})`);
  }
  const o = options as Record<string, unknown>;
  const bad = (what: string, expected: string, Err: typeof TypeError = TypeError, isGood?: (x: unknown) => boolean): never => {
    const value = o[what];
    // In an array, the first element that is wrong says more than "an array".
    const at = Array.isArray(value) && isGood ? value.findIndex((x) => !isGood(x)) : -1;
    const got = at >= 0 ? `${shown((value as unknown[])[at])} at index ${at}` : shown(value);
    throw new Err(`unspin: ${fn}(): options.${what} must be ${expected} (got ${got})`);
  };
  if (o.level !== undefined && !LEVELS.includes(o.level as string)) bad("level", '"cautious", "normal" or "bold"', RangeError);
  if (o.threshold !== undefined && (typeof o.threshold !== "number" || !(o.threshold > 0 && o.threshold < 1))) {
    bad("threshold", "a probability between 0 and 1, exclusive", RangeError);
  }
  if (o.assumeSpun !== undefined && typeof o.assumeSpun !== "boolean") bad("assumeSpun", "true or false");
  if (o.neverTouch !== undefined && (!Array.isArray(o.neverTouch) || o.neverTouch.some((x) => typeof x !== "string"))) {
    bad("neverTouch", "an array of strings", TypeError, (x) => typeof x === "string");
  }
  // A dictionary object's kind and name are checked too: a misspelt kind ("correction") would quietly make a list of
  // corrections into candidates, and a name that is not a string failed deep inside.
  const isExtra = (x: unknown) => {
    if (typeof x === "string") return true;
    if (typeof x !== "object" || x === null) return false;
    const d = x as { text?: unknown; kind?: unknown; name?: unknown };
    return typeof d.text === "string" && (d.kind === undefined || d.kind === "corrections" || d.kind === "candidates") && (d.name === undefined || typeof d.name === "string");
  };
  if (o.extraDictionaries !== undefined && (!Array.isArray(o.extraDictionaries) || !o.extraDictionaries.every(isExtra))) {
    bad("extraDictionaries", 'an array of dictionary texts (strings or { text, kind?: "corrections" | "candidates", name?: string })', TypeError, isExtra);
  }
  if (o.skip !== undefined) {
    const isSpan = (s: unknown) => {
      const span = s as { start?: unknown; end?: unknown } | null;
      return typeof span?.start === "number" && typeof span.end === "number" && Number.isFinite(span.start) && Number.isFinite(span.end) && span.start <= span.end;
    };
    if (!Array.isArray(o.skip) || !o.skip.every(isSpan)) bad("skip", "an array of { start, end } offsets with start ≤ end", TypeError, isSpan);
  }
}

/** Resources given to restoreWith() and its kin: a language model and a dictionary at least (see loadBundledResources). */
export function checkResources(fn: string, resources: unknown): void {
  const r = resources as { lm?: unknown; dictionary?: { lookup?: unknown } } | null;
  if (typeof r !== "object" || r === null || typeof r.lm !== "object" || r.lm === null || typeof r.dictionary?.lookup !== "function") {
    throw new TypeError(`unspin: ${fn}() expects resources { lm, dictionary } as loadBundledResources() gives them (got ${shown(resources)})`);
  }
}
