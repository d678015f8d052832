/** Merge several phrase dictionaries into one lookup. Pure. */
import { CERTAIN_TIERS, type Candidate, type PhraseDictionary, type Tier } from "./types.js";

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

/**
 * `winner` as kept for an original that `loser` (from another dictionary) proposes too: a near-certain winner over a
 * tier that is evidence of spinning records that tier (Candidate.shadows), else `winner` itself.
 */
function keeping(winner: Candidate, loser: Candidate): Candidate {
  if (!CERTAIN_TIERS.has(winner.tier)) return winner;
  const lost = loser.shadows ?? (CERTAIN_TIERS.has(loser.tier) ? undefined : loser.tier);
  if (lost === undefined || (winner.shadows !== undefined && TIER_RANK[winner.shadows] <= TIER_RANK[lost])) return winner;
  return { original: winner.original, tier: winner.tier, prior: winner.prior, source: winner.source, entry: winner.entry, shadows: lost };
}

/**
 * `kept` (what `keeping` made of the winner) marked as listed by a loaded candidate table too when the loser is, or
 * was, a table's candidate (Candidate.alsoTable); else `kept` itself. Nothing changes without a table.
 */
function markTable(kept: Candidate, loser: Candidate): Candidate {
  if (kept.tier === "table" || kept.alsoTable || (loser.tier !== "table" && !loser.alsoTable)) return kept;
  const out: Candidate = { original: kept.original, tier: kept.tier, prior: kept.prior, source: kept.source, entry: kept.entry, alsoTable: true };
  if (kept.shadows !== undefined) out.shadows = kept.shadows;
  if (kept.unmistakable) out.unmistakable = true;
  return out;
}

function better(a: Candidate, b: Candidate): boolean {
  const ta = TIER_RANK[a.tier];
  const tb = TIER_RANK[b.tier];
  return ta < tb || (ta === tb && a.prior > b.prior);
}

const NONE: readonly Candidate[] = Object.freeze([]);

/**
 * A user's correction for a key replaces what the other dictionaries propose for it, as a project's own list does in
 * codespell: "recordsdata → archives" of a user wins over the bundled "recordsdata → files" in a spun document too.
 * The tiers it replaces still count as evidence of spinning where they would have (Candidate.shadows).
 */
function overriddenByUser(candidates: Candidate[]): Candidate[] {
  if (!candidates.some((c) => c.tier === "user")) return candidates;
  const others = candidates.filter((c) => c.tier !== "user");
  return candidates.filter((c) => c.tier === "user").map((u) => others.reduce((kept, o) => keeping(kept, o), u));
}

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
  const combined: PhraseDictionary = {
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
          if (!cur) byOriginal.set(c.original, c);
          else if (better(c, cur)) byOriginal.set(c.original, markTable(keeping(c, cur), cur));
          else {
            const kept = markTable(keeping(cur, c), c);
            if (kept !== cur) byOriginal.set(c.original, kept);
          }
        }
      }
      const out = byOriginal.size === 0 ? undefined : overriddenByUser([...byOriginal.values()]).sort((a, b) => TIER_RANK[a.tier] - TIER_RANK[b.tier] || b.prior - a.prior);
      // Bounded: a long run over varied text would otherwise keep every key it ever met.
      if (cache.size >= CACHE_KEYS) cache.clear();
      cache.set(key, out ?? NONE);
      return out;
    },
  };
  parts.set(combined, list);
  return combined;
}

/**
 * Keys whose merged candidates a combined dictionary keeps before it starts afresh. Few: the engine keeps its own
 * lists per key (restore/candidates.ts), so this only spares the merge for keys asked again soon; 20,000 keys of a
 * general thesaurus (up to a few hundred candidates each) held about 11 MB for nothing (2 MB of spun text in windows:
 * 74 MB of live heap instead of 86, the same CPU time).
 */
const CACHE_KEYS = 1_000;

// ---- Phrase prefixes ----------------------------------------------------------------------------------------------
// A dictionary whose keys are all known can say which phrases lead to a longer key: the site finder then stops
// extending a phrase as soon as no key continues it, instead of asking for every run of words.

const prefixSets = new WeakMap<PhraseDictionary, ReadonlySet<string> | null>();
const parts = new WeakMap<PhraseDictionary, readonly PhraseDictionary[]>();

/**
 * Declares a dictionary's keys (all of them): its phrase prefixes are every key of several words cut before one of
 * its later words ("well-liked person" → "well", "well-liked").
 */
export function declareKeys(dict: PhraseDictionary, keys: Iterable<string>): PhraseDictionary {
  prefixSets.set(dict, keyPrefixes(keys));
  return dict;
}

/** Every key of several words cut before one of its later words (see declareKeys). */
export function keyPrefixes(keys: Iterable<string>): Set<string> {
  const set = new Set<string>();
  for (const k of keys) {
    for (let i = 0; i < k.length; i++) {
      const c = k.charCodeAt(i);
      if (c === 0x20 || c === 0x2d) set.add(k.slice(0, i));
    }
  }
  return set;
}

const prefixSources = new WeakMap<PhraseDictionary, () => ReadonlySet<string>>();

/**
 * As declareKeys, for a dictionary read lazily: `prefixes` (keyPrefixes of all its keys) is called when they are
 * first asked for (when a document's sites are first looked up).
 */
export function declarePrefixesLazily(dict: PhraseDictionary, prefixes: () => ReadonlySet<string>): PhraseDictionary {
  prefixSources.set(dict, prefixes);
  return dict;
}

/**
 * Every proper prefix (cut before a space or hyphen) of the dictionary's keys, or null when the dictionary does not
 * know its keys (a combination knows them when all its parts do).
 */
export function phrasePrefixes(dict: PhraseDictionary): ReadonlySet<string> | null {
  let set = prefixSets.get(dict);
  if (set !== undefined) return set;
  const source = prefixSources.get(dict);
  if (source) {
    set = source();
    prefixSets.set(dict, set);
    return set;
  }
  const of = parts.get(dict);
  set = null;
  if (of) {
    const all = of.map(phrasePrefixes);
    if (all.every((p) => p !== null)) {
      // The largest set copied whole (one native copy), the others added to it.
      const sets = all as ReadonlySet<string>[];
      const largest = sets.reduce((a, b) => (b.size > a.size ? b : a), new Set<string>());
      const union = new Set<string>(largest);
      for (const p of sets) if (p !== largest) for (const x of p) union.add(x);
      set = union;
    }
  }
  prefixSets.set(dict, set);
  return set;
}
