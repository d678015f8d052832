/**
 * unspin: restore the original wording of synonym-spun text.
 *
 *   import { restore } from "unspin";
 *   const { text, edits } = restore(spunText);
 */
import { loadBundledResources } from "./resources.js";
import { restoreWith, type Resources } from "./restore/restore.js";
import type { RestoreOptions, RestoreResult } from "./types.js";

export type { Boldness, Edit, GateReport, RestoreOptions, RestoreResult } from "./types.js";
export type { Candidate, PhraseDictionary, Tier } from "./dict/types.js";
export { restoreWith, applyEdits, type Resources } from "./restore/restore.js";
export { loadBundledResources } from "./resources.js";

/** Restore spun text with the bundled model and dictionaries (loaded once, on first use). */
export function restore(text: string, options: RestoreOptions = {}): RestoreResult {
  const resources: Resources = loadBundledResources();
  return restoreWith(resources, text, options);
}
