/**
 * unspin: restore the original wording of synonym-spun text.
 *
 *   import { restore } from "unspin";
 *   const { text, edits } = restore(spunText);
 */
import { combineDictionaries } from "./dict/combine.js";
import { parseUserDictionary } from "./dict/user.js";
import { loadBundledResources } from "./resources.js";
import { restoreWith, type Resources } from "./restore/restore.js";
import type { RestoreOptions, RestoreResult } from "./types.js";

export type { Boldness, Edit, Flag, GateReport, RestoreOptions, RestoreResult } from "./types.js";
export type { Candidate, PhraseDictionary, Tier } from "./dict/types.js";
export { restoreWith, applyEdits, configFor, type Resources, type Tuning } from "./restore/restore.js";
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
      ...(bundled.flagger ? { flagger: bundled.flagger } : {}),
    };
    if (withExtras.size > 16) withExtras.clear();
    withExtras.set(key, resources);
  }
  return resources;
}

/** Restore spun text with the bundled model and dictionaries (loaded once, on first use). */
export function restore(text: string, options: RestoreOptions = {}): RestoreResult {
  return restoreWith(resourcesFor(options.extraDictionaries), text, options);
}

export { screenWith, spinProbability, verdictOf, type ScreenResult, type ScreenEvidence, type ScreenOptions, type Fingerprint, type Verdict } from "./screen/screen.js";
import { screenWith, type ScreenOptions, type ScreenResult } from "./screen/screen.js";

/**
 * Screen a document: spin probability, verdict (clean / suspicious / spun) and the fingerprints found, from the
 * document gate's evidence and the tortured-phrase list, without restoring anything (several times faster).
 */
export function screen(text: string, options: ScreenOptions = {}): ScreenResult {
  return screenWith(loadBundledResources(), text, options);
}
