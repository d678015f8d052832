/**
 * Spintax in a document the gate leaves shut. A spinner's template lists alternatives of the same meaning
 * (`{big|large}`); a brace group of unrelated words is usually notation that a clean text holds on purpose
 * (`service nginx {start|stop|restart}`, `set it to {true|false}`). With the gate shut, a group is resolved only when
 * the dictionaries relate two of its alternatives. Pure.
 */
import { normalizePhrase } from "../dict/curated.js";
import type { PhraseDictionary } from "../dict/types.js";

/**
 * Whether some alternative is a candidate original of another (or the other way round) in `dictionary`, by a pair
 * that means the same: a spinner's own pair (curated, mined, a user's), or one at least two thesauri list. Moby alone
 * also relates words of one field that do not mean the same, which is what notation lists: `{String|Array}` and
 * `{Object|Function}` in API docs, `{low|medium|high}`, `{Yes|No}`, `{Red|Green|Blue}` (each related by Moby alone,
 * where `{big|large}` and `{quick|fast}` have two or three thesauri or a mined pair).
 */
export function alternativesRelated(alternatives: readonly string[], dictionary: PhraseDictionary): boolean {
  const keys = [...new Set(alternatives.map(normalizePhrase).filter((a) => a.length > 0))];
  for (const a of keys) {
    const found = dictionary.lookup(a);
    if (!found) continue;
    for (const c of found) {
      if (c.original === a || !keys.includes(normalizePhrase(c.original))) continue;
      if (c.tier === "thesaurus" && c.source.split("+").length < 2) continue;
      return true;
    }
  }
  return false;
}

/** The decisions without those that resolve a brace group of unrelated alternatives (for a document the gate left shut). */
export function withoutNotation<D extends { site: number }>(
  decisions: D[],
  sites: { forced: ArrayLike<number>; list: readonly { n: number; text: readonly string[] }[] },
  dictionary: PhraseDictionary,
): D[] {
  return decisions.filter((d) => {
    const list = sites.list[d.site]!;
    return !sites.forced[d.site] || list.n < 2 || alternativesRelated(list.text, dictionary);
  });
}
