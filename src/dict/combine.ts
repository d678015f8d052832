/** Merge several phrase dictionaries into one lookup. Pure. */
import type { Candidate, PhraseDictionary, Tier } from "./types.js";

/** Tier precedence, best first: an explicit user entry beats everything, a general thesaurus nothing. */
export const TIER_RANK: Readonly<Record<Tier, number>> = {
  user: 0,
  fingerprint: 1,
  artefact: 2,
  signature: 3,
  closed: 4,
  mined: 5,
  table: 6,
  rule: 7,
  thesaurus: 8,
};

function better(a: Candidate, b: Candidate): boolean {
  const ta = TIER_RANK[a.tier];
  const tb = TIER_RANK[b.tier];
  return ta < tb || (ta === tb && a.prior > b.prior);
}

const NONE: readonly Candidate[] = Object.freeze([]);

/**
 * Combine dictionaries: a key's candidates are the union over all dictionaries; when several
 * propose the same original, the one with the best tier (then highest prior) is kept.
 * Candidates come back sorted by tier, then prior (desc). maxPhraseWords is the max.
 */
export function combineDictionaries(dicts: readonly PhraseDictionary[]): PhraseDictionary {
  const list = [...dicts];
  const cache = new Map<string, readonly Candidate[]>();
  const maxPhraseWords = list.reduce((m, d) => Math.max(m, d.maxPhraseWords), 0);
  const starters = list.map((d) => d.mayStartPhrase?.bind(d));
  return {
    maxPhraseWords,
    mayStartPhrase: (word: string) => starters.some((f) => !f || f(word)),
    lookup(key: string): readonly Candidate[] | undefined {
      // One hash per lookup: "no candidates" is cached as an empty list.
      const hit = cache.get(key);
      if (hit !== undefined) return hit.length ? hit : undefined;
      const byOriginal = new Map<string, Candidate>();
      for (const d of list) {
        for (const c of d.lookup(key) ?? []) {
          const cur = byOriginal.get(c.original);
          if (!cur || better(c, cur)) byOriginal.set(c.original, c);
        }
      }
      const out =
        byOriginal.size === 0
          ? undefined
          : [...byOriginal.values()].sort((a, b) => TIER_RANK[a.tier] - TIER_RANK[b.tier] || b.prior - a.prior);
      cache.set(key, out ?? NONE);
      return out;
    },
  };
}
