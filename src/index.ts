/**
 * unspin: restore the original wording of synonym-spun text.
 *
 *   import { restore } from "unspin";
 *   const { text, edits } = restore(spunText);
 */
import { combineDictionaries } from "./dict/combine.js";
import { parseUserDictionary } from "./dict/user.js";
import { loadBundledResources } from "./resources.js";
import { restoreWith as restoreWithUnchecked, type Resources, type Tuning } from "./restore/restore.js";
import type { RestoreOptions, RestoreResult } from "./types.js";
import { checkRestoreArguments } from "./validate.js";

export type { Boldness, Edit, GateReport, RestoreOptions, RestoreResult } from "./types.js";
export type { Candidate, PhraseDictionary, Tier } from "./dict/types.js";
export { applyEdits, configFor, type Resources, type Tuning } from "./restore/restore.js";
export type { DecideConfig } from "./restore/decide.js";
export { loadBundledResources } from "./resources.js";
export { parseUserDictionary, UserDictionaryError } from "./dict/user.js";

// Extra dictionaries arrive as file contents, the same strings for every file of a run: compile each once.
const withExtras = new Map<string, Resources>();

function resourcesFor(extra: readonly string[] | undefined): Resources {
  const bundled = loadBundledResources();
  if (!extra || extra.length === 0) return bundled;
  const key = extra.join("\u0000");
  let resources = withExtras.get(key);
  if (!resources) {
    const user = extra.map((text, i) => parseUserDictionary(text, extra.length > 1 ? `user${i + 1}` : "user"));
    resources = {
      lm: bundled.lm,
      dictionary: combineDictionaries([...user, bundled.dictionary]),
      ...(bundled.gateDictionary ? { gateDictionary: combineDictionaries([...user, bundled.gateDictionary]) } : {}),
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

/** The same engine with resources you provide (see the README); arguments are checked as for restore(). */
export function restoreWith(resources: Resources, text: string, options: RestoreOptions = {}, tuning?: Tuning): RestoreResult {
  checkRestoreArguments("restoreWith", text, options);
  return restoreWithUnchecked(resources, text, options, tuning);
}
