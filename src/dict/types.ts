/**
 * Runtime shape of the reverse-synonym dictionary: spun form → candidate originals.
 * Keys are lower case, tokens joined by one space, apostrophes folded to ASCII "'".
 * Restoring case and choosing among candidates is the decider's job, not the dictionary's.
 */

/** Where a candidate comes from; sets how high a bar it must clear. */
export type Tier =
  /** Spintax left in the text: `{dollars}` → `dollars`. */
  | "artefact"
  /** The spinner family's own odd phrasings, curated: "time period" → "term". */
  | "signature"
  /**
   * Closed-class swaps a spinner makes (modal verbs, auxiliaries, contractions, prepositions), curated: both sides
   * are ordinary English, so they are proposed only with the language model's support.
   */
  | "closed"
  /** Seen in aligned spun/original pairs by the mining tool. */
  | "mined"
  /** A general thesaurus (Moby, MyThes, WordNet) read in reverse. */
  | "thesaurus"
  /**
   * A user's own corrections (`--dict FILE`, kind "corrections"): near-certain wherever they match, applied
   * like codespell applies its list, whether or not the document as a whole looks spun.
   */
  | "user"
  /** A fingerprint list (tortured phrases of paper mills): near-certain wherever it matches, like "user". */
  | "fingerprint"
  /**
   * A table that only proposes (a spinner's own `key|synonym|…` table, a user list declared as candidates):
   * evidence for the decider, never enough on its own.
   */
  | "table"
  /** A rule about the spinner's habits rather than a word pair: number words it writes as digits (two → 2). */
  | "rule";

/**
 * Tiers whose entries are near-certain wherever they match: applied even when the document gate is closed,
 * unless the text contradicts them (the model finds the replacement far worse than the text as written).
 */
export const CERTAIN_TIERS: ReadonlySet<Tier> = new Set<Tier>(["user", "fingerprint"]);

export interface Candidate {
  /** The original wording, lower case (same normalisation as keys). */
  original: string;
  tier: Tier;
  /** log10 prior of this original given the spun form, ≤ 0; 0 = certain. */
  prior: number;
  /** Source name, e.g. "moby", "mythes", "wordnet", "curated", "mined". */
  source: string;
  /** Stable id of the entry, shown to users, e.g. "signature:time period→term". */
  entry: string;
  /**
   * Set by combineDictionaries where this near-certain entry (a user's correction) proposes what another dictionary
   * also proposes under a lower tier: that tier. The pair then applies as the user's, and still counts as the
   * evidence of spinning the other tier is for the document gate.
   */
  shadows?: Tier;
  /**
   * The spun form is unmistakably the spinner's (no ordinary English has it: `recordsdata`): the pair applies even
   * where the document gate stays shut, as a near-certain entry does; the model can still veto it. Curated only.
   */
  unmistakable?: boolean;
  /**
   * Set by combineDictionaries where a loaded candidate table (tier "table") proposes this original too and this
   * candidate's better tier won: the table lists the spun form all the same (decide.ts TableModel reads that).
   */
  alsoTable?: boolean;
}

/**
 * A candidate whose entry id is `${tier}:${key}→${original}`, built only when read: a general thesaurus gives up to
 * hundreds of candidates per key and few are ever shown, so their ids are not kept as strings.
 */
export class KeyedCandidate implements Candidate {
  constructor(
    readonly original: string,
    readonly tier: Tier,
    readonly prior: number,
    readonly source: string,
    /** The spun key the candidate was looked up by. */
    readonly key: string,
  ) {}

  get entry(): string {
    return `${this.tier}:${this.key}→${this.original}`;
  }
}

export interface PhraseDictionary {
  /** Longest spun key, in tokens. */
  readonly maxPhraseWords: number;
  /** Candidates for a spun key (lower case, single-spaced), or undefined. */
  lookup(spunKey: string): readonly Candidate[] | undefined;
  /**
   * False when no key of two or more words starts with this word, so a matcher can stop extending a
   * phrase early. Optional: a dictionary without it is asked for every phrase.
   */
  mayStartPhrase?(firstWord: string): boolean;
}

/** Builds mayStartPhrase for a dictionary whose keys are all at hand. */
export function phraseStarts(keys: Iterable<string>): (firstWord: string) => boolean {
  const starts = new Set<string>();
  for (const k of keys) {
    const space = k.indexOf(" ");
    if (space > 0) starts.add(k.slice(0, space));
  }
  return (w) => starts.has(w);
}
