/**
 * Unlisted tortured phrases: in scientific text, runs of words that read like a known term with words swapped for
 * thesaurus synonyms ("profound neural organization" ← deep neural network), whether or not a list has them.
 *
 * Evidence, per run of 2–4 words:
 *  - a would-be term, made by swapping words back: through the word swaps seen in the tortured-phrase list
 *    (counterfeit → artificial, acknowledgment → recognition) and through the reverse thesaurus;
 *  - the would-be term is a known term (the terms of the list) or a word chain the language model knows well, while
 *    the text as written is an odd chain (word pairs the model never saw);
 *  - the language model, judging the context only, does not prefer the text as written.
 * A small logistic model (weights in dictionaries/tortured/flagger.json, fitted by scripts/train-flagger.mjs) turns
 * the evidence into a score. Pure: resources come in, no I/O.
 */
import type { PhraseDictionary } from "../dict/types.js";
import type { TorturedRow } from "../dict/tortured.js";
import type { LmView } from "../restore/lm-view.js";
import type { Sentence, WordToken } from "../text/tokenize.js";

/** What the flagger knows: word swaps and known terms, from a tortured-phrase list (and a thesaurus, read lazily). */
export interface FlagModel {
  /** spun word → original words, with how often the list shows the swap. */
  swaps: Map<string, Map<string, number>>;
  /** Known terms, lower case, hyphens as spaces → the term as written in the list. */
  terms: Map<string, string>;
  /** Every prefix (1..n-1 words) of a known term. */
  termPrefixes: Set<string>;
  /** Tortured phrases of the list (lower case, hyphens as spaces): never flagged as unlisted. */
  listed: Set<string>;
  /** Those of them that are also ordinary English (prior < 0): a run holding one is not flagged on its account. */
  literal: Set<string>;
  /** How often each word appears in the list's terms (correct English of the field) and as a swapped word. */
  inTerms: Map<string, number>;
  asSpun: Map<string, number>;
  /** Adjacent word pairs of the list's terms ("feature vector" of "feature vector machine"), and how many terms hold each. */
  termBigrams: Map<string, number>;
  /** How many of the list's terms end in each word ("acid", "filter", "recognition"): the heads of the field's terms. */
  termHeads: Map<string, number>;
  thesaurus?: PhraseDictionary;
}

export interface FlagWeights {
  /** Feature names, in the order of `w`. */
  features: readonly string[];
  w: readonly number[];
  bias: number;
  /** Score (0..1) from which a run is flagged. */
  flagAt: number;
  /** Score from which the would-be term is restored (the evidence is overwhelming). */
  restoreAt: number;
  /**
   * A second model for the restore decision (src/flag/apply.ts), over RESTORE_FEATURES: a run that passes the
   * restore gate but not the rule (a known term or strongly bound chain, scored from restoreAt) is restored from `at`.
   */
  restore?: { features: readonly string[]; w: readonly number[]; bias: number; at: number };
}

/**
 * Features of the restore model: the flag features that bear on the would-be term, the flag score (`score`), whether
 * the rule's term evidence holds (`knownOrChain`), and the evidence of restoreEvidence. `termBigrams` and `termHead`
 * read the would-be term by the list's terms where the language model (trained on general US English) knows few of
 * the field's word pairs: "feature vector", "error term", "oxalic acid" are pairs it never saw.
 */
export const RESTORE_FEATURES = [
  "score",
  "knownOrChain",
  "known",
  "chain",
  "kept",
  "odd",
  "length",
  "listSwaps",
  "swapShare",
  "spunShare",
  "context",
  "commonSwapped",
  "keptSpun",
  "keptInTerms",
  "keptOddPairs",
  "keptRare",
  "termInTerms",
  "termPairs",
  "termBigrams",
  "termHead",
] as const;

export interface UnlistedCandidate {
  /** Token range [from, to) and text offsets. */
  from: number;
  to: number;
  start: number;
  end: number;
  /** The would-be term (lower case, the list's spelling when known). */
  term: string;
  /** The would-be term's words, one per token of the run, lower case. */
  termWords: string[];
  features: Record<string, number>;
  score: number;
}

const STOP = new Set(
  "a an the of to in on at by for and or but with from as is are was were be been this that these those it its their our we they which".split(" "),
);

const norm = (s: string) => s.toLowerCase().replace(/-/g, " ").replace(/\s+/g, " ").trim();

/** A word or term without a final plural s ("feature vectors" is "feature vector" again). */
const singular = (w: string) => w.replace(/s$/, "");
/** Key of a word pair of a term in FlagModel.termBigrams. */
const pairKey = (a: string, b: string) => `${a} ${singular(b)}`;

/** The flagger's knowledge from the list's rows, leaving out whole entries (cross-validation) when asked. */
export function buildFlagModel(rows: readonly TorturedRow[], thesaurus?: PhraseDictionary, exclude?: ReadonlySet<string>): FlagModel {
  const swaps = new Map<string, Map<string, number>>();
  const terms = new Map<string, string>();
  const termPrefixes = new Set<string>();
  const listed = new Set<string>();
  const literal = new Set<string>();
  const inTerms = new Map<string, number>();
  const asSpun = new Map<string, number>();
  const termBigrams = new Map<string, number>();
  const termHeads = new Map<string, number>();
  const seenTerms = new Set<string>();
  for (const r of rows) {
    if (exclude?.has(r.entry)) continue;
    listed.add(norm(r.key));
    if (r.prior < 0) literal.add(norm(r.key));
    for (const term of r.terms) {
      const t = norm(term);
      if (!terms.has(t)) terms.set(t, term);
      const tw = t.split(" ");
      for (let k = 1; k < tw.length; k++) termPrefixes.add(tw.slice(0, k).join(" "));
      // Each term once, however many entries give it (plurals aside: "feature vectors" is "feature vector" again).
      const base = singular(t);
      if (!seenTerms.has(base)) {
        seenTerms.add(base);
        for (let k = 1; k < tw.length; k++) {
          const pair = pairKey(tw[k - 1]!, tw[k]!);
          termBigrams.set(pair, (termBigrams.get(pair) ?? 0) + 1);
        }
        if (tw.length > 1) {
          const head = singular(tw[tw.length - 1]!);
          termHeads.set(head, (termHeads.get(head) ?? 0) + 1);
        }
      }
      if (r.key !== r.entry) continue; // plurals repeat their entry's swaps
      for (const w of tw) inTerms.set(w, (inTerms.get(w) ?? 0) + 1);
      const kw = norm(r.key).split(" ");
      if (kw.length !== tw.length) continue;
      kw.forEach((w, i) => {
        const o = tw[i]!;
        if (w === o || STOP.has(w) || STOP.has(o)) return;
        let m = swaps.get(w);
        if (!m) swaps.set(w, (m = new Map()));
        m.set(o, (m.get(o) ?? 0) + 1);
        asSpun.set(w, (asSpun.get(w) ?? 0) + 1);
      });
    }
  }
  return { swaps, terms, termPrefixes, listed, literal, inTerms, asSpun, termBigrams, termHeads, ...(thesaurus ? { thesaurus } : {}) };
}

/** Per token, 1 where a listed phrase of two or more words that is also ordinary English is written; null if none. */
function literalTokens(tokens: readonly WordToken[], literal: ReadonlySet<string>, maxWords: number): Uint8Array | null {
  if (literal.size === 0) return null;
  let marks: Uint8Array | null = null;
  for (let a = 0; a < tokens.length; a++) {
    let phrase = tokens[a]!.key;
    for (let b = a + 1; b < tokens.length && b - a < maxWords; b++) {
      phrase += ` ${tokens[b]!.key}`;
      if (!literal.has(phrase)) continue;
      marks ??= new Uint8Array(tokens.length);
      marks.fill(1, a, b + 1);
    }
  }
  return marks;
}

export const FEATURES = [
  "known", // the would-be term is a known term
  "chain", // mean association of the would-be term's word pairs, when the model knows them all (else -1)
  "odd", // share of the written run's word pairs the model never saw
  "listSwaps", // log2(1 + times the list shows each swap), summed
  "thesaurusSwaps", // swaps only the thesaurus proposes
  "kept", // share of words left as written
  "context", // language model, context only: would-be term against the run as written
  "length",
  "rivals", // other known terms the run could be
  "commonSwapped", // log10 unigram probability of the most common swapped word
  "spunShare", // the least: times the list shows a swapped word swapped / (that + times it is in a correct term + 1)
  "swapShare", // the least: share of the chosen original among the list's swaps of a swapped word (0: thesaurus)
] as const;

interface Option {
  word: string;
  listCount: number;
  /** Share of this original among the list's swaps of the word (0 for thesaurus swaps). */
  share: number;
  thesaurus: boolean;
}

/** Swaps back for one word: the list's first (by count), then the thesaurus's (by prior). */
function optionsFor(word: string, model: FlagModel, max: number): Option[] {
  const out: Option[] = [{ word, listCount: 0, share: 1, thesaurus: false }];
  const fromList = model.swaps.get(word);
  if (fromList) {
    const total = [...fromList.values()].reduce((a, b) => a + b, 0);
    for (const [o, n] of [...fromList].sort((a, b) => b[1] - a[1]).slice(0, max)) out.push({ word: o, listCount: n, share: n / total, thesaurus: false });
  }
  if (model.thesaurus && !STOP.has(word)) {
    const found = model.thesaurus.lookup(word);
    if (found) {
      for (const c of found) {
        if (out.length > max * 2) break;
        if (c.original.includes(" ") || out.some((o) => o.word === c.original)) continue;
        out.push({ word: c.original, listCount: 0, share: 0, thesaurus: true });
      }
    }
  }
  return out;
}

export interface FindOptions {
  /** Token ranges never flagged (listed fingerprints already restored, skipped spans). */
  blocked?: (from: number, to: number) => boolean;
  maxWords?: number;
  /** Swaps per word tried (list and thesaurus each). */
  perWord?: number;
}

/** Runs of 2..maxWords words that may be unlisted tortured phrases, each with its best would-be term, scored. */
export function findUnlisted(
  tokens: readonly WordToken[],
  sentences: readonly Sentence[],
  lm: LmView,
  model: FlagModel,
  weights: FlagWeights,
  options: FindOptions = {},
): UnlistedCandidate[] {
  const maxWords = options.maxWords ?? 4;
  const perWord = options.perWord ?? 6;
  const m = lm.scorer.model;
  const idsOf = (w: string) => lm.phraseIds(w);
  const single = (w: string): number => {
    const ids = idsOf(w);
    return ids.length === 1 ? ids[0]! : -1;
  };
  const pairSeen = (a: string, b: string) => {
    const x = single(a);
    const y = single(b);
    return x >= 0 && y >= 0 && m.ngramOrder(y, x, -1) >= 2;
  };
  const assoc = (a: string, b: string) => {
    const x = single(a);
    const y = single(b);
    return m.logProb(y, x, -1) - m.unigramLogProb(y);
  };
  /** Mean association of a chain whose pairs are all seen, else undefined. */
  const chain = (ws: readonly string[]): number | undefined => {
    let sum = 0;
    for (let i = 1; i < ws.length; i++) {
      if (!pairSeen(ws[i - 1]!, ws[i]!)) return undefined;
      sum += assoc(ws[i - 1]!, ws[i]!);
    }
    return sum / (ws.length - 1);
  };
  const optionCache = new Map<string, Option[]>();
  const opts = (w: string) => {
    let o = optionCache.get(w);
    if (!o) optionCache.set(w, (o = optionsFor(w, model, perWord)));
    return o;
  };

  const out: UnlistedCandidate[] = [];
  const literalAt = literalTokens(tokens, model.literal, 6);
  for (const s of sentences) {
    for (let i = s.from; i < s.to; i++) {
      let len = 0;
      for (let to = i + 1; to <= s.to && to - i <= maxWords; to++) {
        // A run goes over words joined by spaces (or one hyphen), as written.
        if (to > i + 1) {
          const prev = tokens[to - 2]!;
          if (!prev.joinsNext && !prev.hyphenNext) break;
        }
        len = to - i;
        if (len < 2) continue;
        const words = tokens.slice(i, to).map((t) => t.key);
        if (STOP.has(words[0]!) || STOP.has(words[len - 1]!)) continue;
        if (words.some((w) => !/\p{L}/u.test(w))) continue;
        const written = words.join(" ");
        if (model.terms.has(written) || model.listed.has(written)) continue;
        // A listed phrase that is also ordinary English ("shared data"), left as written where nothing confirms it
        // (restore/engine.ts fingerprintFilter), does not make the words around it a tortured phrase either.
        if (literalAt !== null && literalAt.subarray(i, to).some((x) => x === 1)) continue;
        if (options.blocked?.(i, to)) continue;
        // A run whose every word pair the model knows is ordinary English, whatever swaps could explain it.
        let oddPairs = 0;
        for (let k = 1; k < len; k++) if (!pairSeen(words[k - 1]!, words[k]!)) oddPairs++;
        if (oddPairs === 0) continue;
        const best = bestTerm(words, model, opts, pairSeen, chain);
        if (!best) continue;
        // The odd pair must involve a swapped word: "two reviews related work" is odd only where nothing was swapped.
        let oddSwapped = false;
        for (let k = 1; k < len && !oddSwapped; k++) {
          const swapped = best.words[k - 1] !== words[k - 1] || best.words[k] !== words[k];
          if (swapped && !pairSeen(words[k - 1]!, words[k]!)) oddSwapped = true;
        }
        if (!oddSwapped) continue;
        // A swapped word inside a term the list gives as correct ("choice trees", "crop disease expectation") is
        // left alone, however far the run reaches.
        if (swapsInsideKnownTerm(tokens, s, i, words, best.words, model)) continue;
        // Without a known term or word chain behind it, a run does not reach over a function word ("counterfeit
        // consciousness and profound" is two phrases).
        if (!best.known && !best.chain && words.some((w) => STOP.has(w))) continue;
        // How common the swapped words are: "related work" read as "associated function" rests on two of the most
        // common words of English; "bosom peril" on two rare ones.
        let commonSwapped = -8;
        // How surely each swapped word is a spinner's word: times the list shows it swapped, against times it is
        // part of a correct term ("framework", "evaluation" are both; "bosom", "blunder" only the first).
        const spunShare = spunShareOf(words, best.words, model);
        for (let k = 0; k < len; k++) {
          if (best.words[k] === words[k]) continue;
          const id = single(words[k]!);
          commonSwapped = Math.max(commonSwapped, id >= 0 ? m.unigramLogProb(id) : -8);
        }
        const termWords = best.words;
        const tc = chain(termWords);
        const features: Record<string, number> = {
          ...restoreEvidence(words, termWords, model, pairSeen, single, m),
          known: best.known ? 1 : 0,
          chain: tc === undefined || !best.chain ? -1 : Math.max(-2, Math.min(4, tc)),
          odd: oddPairs / (len - 1),
          listSwaps: best.listSwaps,
          thesaurusSwaps: best.thesaurusSwaps,
          kept: best.kept / len,
          context: Math.max(-5, Math.min(5, contextDelta(tokens, s, i, to, termWords.join(" "), lm))),
          length: len,
          rivals: Math.min(3, best.rivals),
          commonSwapped,
          spunShare,
          swapShare: best.minShare,
        };
        const score = scoreOf(features, weights);
        // The would-be term, joined as the run is (spaces or hyphens), with the capitals of the list's spelling.
        const spelled = best.known ? model.terms.get(termWords.join(" "))!.split(/[ -]/) : termWords;
        const cased = spelled.length === len ? spelled : termWords;
        let termText = cased[0]!;
        for (let k = 1; k < len; k++) termText += (tokens[i + k - 1]!.hyphenNext ? "-" : " ") + cased[k];
        out.push({ from: i, to, start: tokens[i]!.start, end: tokens[to - 1]!.end, term: termText, termWords, features, score });
      }
    }
  }
  return out;
}

/**
 * Evidence for restoring beyond flagging (features of the restore model, not of the flag score): whether the words
 * left as written look like a spinner's words themselves ("bosom malignant" → "breast malignant" keeps a swapped
 * word), and whether the would-be term is made of the words of correct terms.
 */
function restoreEvidence(
  words: readonly string[],
  term: readonly string[],
  model: FlagModel,
  pairSeen: (a: string, b: string) => boolean,
  single: (w: string) => number,
  m: LmView["scorer"]["model"],
): Record<string, number> {
  let keptSpun = 0;
  let keptContent = 0;
  let keptInTerms = 0;
  let keptOddPairs = 0;
  let keptRare = 0;
  let content = 0;
  let inTerms = 0;
  let termPairs = 0;
  let termBigrams = 0;
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!;
    const t = term[k]!;
    if (k > 0 && pairSeen(term[k - 1]!, t)) termPairs++;
    if (k > 0 && model.termBigrams.has(pairKey(term[k - 1]!, t))) termBigrams++;
    if (STOP.has(t)) continue;
    content++;
    if ((model.inTerms.get(t) ?? 0) > 0) inTerms++;
    if (t !== w) continue;
    keptContent++;
    if ((model.inTerms.get(w) ?? 0) > 0) keptInTerms++;
    const spun = model.asSpun.get(w) ?? 0;
    keptSpun = Math.max(keptSpun, spun / (spun + (model.inTerms.get(w) ?? 0) + 1));
    const id = single(w);
    keptRare = Math.min(keptRare, id >= 0 ? m.unigramLogProb(id) + 4 : -4);
    const left = k > 0 && term[k - 1] !== words[k - 1] && !pairSeen(term[k - 1]!, w);
    const right = k < words.length - 1 && term[k + 1] !== words[k + 1] && !pairSeen(w, term[k + 1]!);
    if (left || right) keptOddPairs++;
  }
  return {
    keptSpun,
    keptInTerms: keptContent ? keptInTerms / keptContent : 1,
    keptOddPairs,
    keptRare: Math.max(-4, keptRare),
    termInTerms: content ? inTerms / content : 0,
    termPairs: words.length > 1 ? termPairs / (words.length - 1) : 0,
    termBigrams: words.length > 1 ? termBigrams / (words.length - 1) : 0,
    termHead: Math.log2(1 + (model.termHeads.get(singular(term[term.length - 1]!)) ?? 0)),
  };
}

/** The least, over swapped words, of times the list shows the word swapped / (that + times it is in a term + 1). */
function spunShareOf(words: readonly string[], term: readonly string[], model: FlagModel): number {
  let share = 1;
  words.forEach((w, k) => {
    if (term[k] === w) return;
    const spun = model.asSpun.get(w) ?? 0;
    share = Math.min(share, spun / (spun + (model.inTerms.get(w) ?? 0) + 1));
  });
  return share;
}

/** Whether a swapped word of the run at token i lies inside a run of the sentence that is a known correct term. */
function swapsInsideKnownTerm(tokens: readonly WordToken[], s: Sentence, i: number, words: readonly string[], term: readonly string[], model: FlagModel): boolean {
  for (let k = 0; k < words.length; k++) {
    if (term[k] === words[k]) continue;
    const at = i + k;
    for (let a = Math.max(s.from, at - 5); a <= at; a++) {
      let key = "";
      for (let b = a; b < Math.min(s.to, a + 6); b++) {
        key = b === a ? tokens[b]!.key : `${key} ${tokens[b]!.key}`;
        if (b >= at && b > a && model.terms.has(key.replace(/-/g, " "))) return true;
      }
    }
  }
  return false;
}

export function scoreOf(features: Record<string, number>, weights: FlagWeights): number {
  let z = weights.bias;
  weights.features.forEach((f, k) => {
    z += (features[f] ?? 0) * weights.w[k]!;
  });
  return 1 / (1 + Math.exp(-z));
}

/** Keeps the best-scoring candidates that do not overlap, at or above `min`, in text order. */
export function resolveOverlaps<T extends { from: number; to: number; score: number }>(cands: readonly T[], min: number): T[] {
  const kept: T[] = [];
  for (const c of [...cands].filter((x) => x.score >= min).sort((a, b) => b.score - a.score)) {
    if (kept.some((k) => k.from < c.to && c.from < k.to)) continue;
    kept.push(c);
  }
  return kept.sort((a, b) => a.from - b.from);
}

interface Best {
  words: string[];
  minShare: number;
  chain: boolean;
  /** Other known terms the run could be (spelling variants aside). */
  rivals: number;
  known: boolean;
  listSwaps: number;
  thesaurusSwaps: number;
  kept: number;
}

/**
 * The best would-be term for a run: a known term reachable by swapping words back (most list evidence first), else
 * a chain of word pairs the model knows. Searched left to right, keeping prefixes that can still become either.
 */
function bestTerm(
  words: readonly string[],
  model: FlagModel,
  opts: (w: string) => Option[],
  pairSeen: (a: string, b: string) => boolean,
  chainOf: (ws: readonly string[]) => number | undefined,
): Best | undefined {
  interface Partial {
    words: string[];
    /** The words joined by spaces. */
    key: string;
    listSwaps: number;
    thesaurusSwaps: number;
    kept: number;
    termPrefix: boolean;
    chain: boolean;
    /** Every swap so far is one the list shows. */
    listOnly: boolean;
    /** The weakest swap: least share of its original among the word's swaps in the list. */
    minShare: number;
  }
  let beam: Partial[] = [{ words: [], key: "", listSwaps: 0, thesaurusSwaps: 0, kept: 0, termPrefix: true, chain: true, listOnly: true, minShare: 1 }];
  const BEAM = 48;
  words.forEach((w, j) => {
    const next: Partial[] = [];
    const last = j === words.length - 1;
    const options = opts(w);
    for (const p of beam) {
      for (const o of options) {
        // The words so far and this one (arrays made only for the paths kept).
        const key = j === 0 ? o.word : `${p.key} ${o.word}`;
        const termPrefix = p.termPrefix && (last ? model.terms.has(key) : model.termPrefixes.has(key));
        const chain = p.chain && (j === 0 || pairSeen(p.words[j - 1]!, o.word));
        const changed = o.word !== w;
        const listOnly = p.listOnly && (!changed || o.listCount > 0);
        if (!termPrefix && !chain && !listOnly) continue;
        next.push({
          words: [...p.words, o.word],
          key,
          listSwaps: p.listSwaps + (changed && o.listCount > 0 ? Math.log2(1 + o.listCount) : 0),
          thesaurusSwaps: p.thesaurusSwaps + (changed && o.listCount === 0 ? 1 : 0),
          kept: p.kept + (changed ? 0 : 1),
          termPrefix,
          chain,
          listOnly,
          minShare: changed ? Math.min(p.minShare, o.share) : p.minShare,
        });
      }
    }
    next.sort((a, b) => Number(b.termPrefix) - Number(a.termPrefix) || b.listSwaps - a.listSwaps || a.thesaurusSwaps - b.thesaurusSwaps);
    // One path per wording: the same words reached through the list and through the thesaurus are one candidate.
    const seen = new Set<string>();
    beam = next.filter((p) => (seen.has(p.key) ? false : (seen.add(p.key), true))).slice(0, BEAM);
  });
  const done = beam.filter((p) => p.kept < words.length && (p.termPrefix || p.chain || p.listOnly));
  if (done.length === 0) return undefined;
  // A known term first; then the most list evidence, fewest thesaurus-only swaps, best-known chain.
  // A word left as written is one assumption fewer ("voice flag" → "voice signal" rather than "speech signal").
  // A word of correct terms of the field is one more sign of the right term ("noisy features" over "boisterous features").
  const termWords = (p: Partial) => p.words.reduce((n, w) => n + (!STOP.has(w) && (model.inTerms.get(w) ?? 0) > 0 ? 1 : 0), 0);
  const rank = (p: Partial) =>
    (p.termPrefix ? 100 : 0) + 2 * p.listSwaps - p.thesaurusSwaps + 3 * p.kept + (p.chain ? Math.min(4, chainOf(p.words) ?? -1) : -1) + termWords(p);
  let pick = done[0]!;
  let pickRank = rank(pick);
  for (const p of done.slice(1, 24)) {
    const r = rank(p);
    if (r > pickRank) [pick, pickRank] = [p, r];
  }
  const base = (p: Partial) => singular(p.words.join(" "));
  // Rivals: other known terms reached with no more thesaurus-only swaps than the pick (a term only the thesaurus
  // reaches casts no doubt on one the list's swaps reach).
  const rivals = new Set(done.filter((p) => p.termPrefix && p.thesaurusSwaps <= pick.thesaurusSwaps && base(p) !== base(pick)).map(base)).size;
  return { words: pick.words, known: pick.termPrefix, listSwaps: pick.listSwaps, thesaurusSwaps: pick.thesaurusSwaps, kept: pick.kept, chain: pick.chain, rivals, minShare: pick.minShare };
}

/**
 * Language-model evidence from the context only: the would-be term against the run as written, in their sentence,
 * minus the same comparison out of context (the model's taste for common words is not evidence here).
 */
function contextDelta(tokens: readonly WordToken[], s: Sentence, from: number, to: number, term: string, lm: LmView): number {
  const left: number[] = [];
  for (let t = from - 1; t >= s.from && left.length < 2; t--) left.unshift(...lm.tokenIds(tokens[t]!.text));
  if (left.length < 2) left.unshift(lm.bos);
  const right: number[] = [];
  for (let t = to; t < s.to && right.length < 2; t++) right.push(...lm.tokenIds(tokens[t]!.text));
  if (right.length < 2) right.push(lm.eos);
  const l = left.slice(-2);
  const r = right.slice(0, 2);
  const written: number[] = [];
  for (let t = from; t < to; t++) written.push(...lm.tokenIds(tokens[t]!.text));
  const cand = lm.phraseIds(term);
  const inContext = (mid: readonly number[]) => {
    const ids = [...l, ...mid, ...r];
    return lm.logProbRange(ids, l.length, ids.length);
  };
  const alone = (mid: readonly number[]) => lm.logProbRange(mid, 0, mid.length);
  return inContext(cand) - inContext(written) - (alone(cand) - alone(written));
}
