/**
 * Candidate lists as the engine holds them: one compact list per dictionary key (shared by every site of the key and
 * cached across documents), with the language-model ids and unigram means of its candidates worked out once.
 * Pure: no I/O.
 */
import { phrasePrefixes } from "../dict/combine.js";
import { CERTAIN_TIERS, KeyedCandidate, type Candidate, type PhraseDictionary, type Tier } from "../dict/types.js";
import { keyId, wordTable } from "../text/tokenize.js";
import type { LmView } from "./lm-view.js";
import type { SiteCandidate } from "./sites.js";

/**
 * A list's numbers live in one buffer (priors and unigram means, then sources and id offsets): tens of thousands of
 * lists are cached, and a typed array with a buffer of its own costs a few hundred bytes besides its numbers.
 */
export interface CandList {
  n: number;
  text: readonly string[];
  /** Shared, frozen when every candidate has the same tier (see sameTier). */
  tier: readonly Tier[];
  prior: Float64Array;
  /** How many independent sources list the pair (general thesauri); 1 otherwise. */
  sources: Int32Array;
  /** The key the candidates are for: the entry id of a candidate without one in `entries` (see entryOf). */
  key: string;
  /** Entry ids as given, null where it is `${tier}:${key}→${text}` (made when asked); null when all are. */
  entries: readonly (string | null)[] | null;
  /** Thesaurus candidates in the list. */
  thesaurus: number;
  /** log10 of the summed prior probability of the list's thesaurus candidates (-Infinity when it has none). */
  thesaurusPriorMass: number;
  /** Some candidate is of a near-certain tier. */
  certain: boolean;
  /** Fingerprint candidates in the list (tortured phrases). */
  fingerprint: number;
  /** The list's fingerprint candidates only (see fingerprintOnly), null when it has none; undefined until asked. */
  fingerprintOnly: CandList | null | undefined;
  /** The model the ids below are for (see {@link withModel}). */
  lm: LmView | null;
  /** Model ids of candidate c: ids[idFrom[c], idFrom[c + 1]). */
  ids: Int32Array;
  idFrom: Int32Array;
  /** Mean log10 unigram probability of each candidate's ids (-8 when it has none). */
  unigram: Float64Array;
  /** Key id of each candidate's text (for "the original is already in the document"), for a word-table generation. */
  textKey: Int32Array | null;
  textKeyGeneration: number;
  /** The candidates as objects (sites handed to callers), made on first use. */
  objects: SiteCandidate[] | null;
  /** Per candidate, the tier the document gate counts (Candidate.shadows where set, else its tier); null: `tier`. */
  evidenceTier: readonly Tier[] | null;
  /** Per candidate, 1 where it applies with the document gate shut (Candidate.unmistakable); null when none does. */
  unmistakable: Uint8Array | null;
  /** A loaded candidate table lists the spun form (one of its candidates, or one another tier won: Candidate.alsoTable). */
  tableListed: boolean;
}

/** The entry id of candidate c ("thesaurus:aid→help"), built when a report needs it. */
export function entryOf(list: CandList, c: number): string {
  return entryId(list.entries?.[c] ?? null, list.tier[c]!, list.key, list.text[c]!);
}

/** An entry id as given, or made from the tier, the key and the candidate's text (what entryOf reads of a list). */
export function entryId(given: string | null, tier: Tier, key: string, text: string): string {
  return given ?? `${tier}:${key}→${text}`;
}

const sameTierLists = new Map<Tier, (readonly Tier[])[]>();

/** A frozen list of n times one tier, shared by every list of that length and tier. */
function sameTier(tier: Tier, n: number): readonly Tier[] {
  let byLength = sameTierLists.get(tier);
  if (!byLength) sameTierLists.set(tier, (byLength = []));
  return (byLength[n] ??= Object.freeze(new Array<Tier>(n).fill(tier)));
}

function makeList(text: string[], tier: Tier[], prior: ArrayLike<number>, sources: ArrayLike<number>, key: string, entries: (string | null)[] | null): CandList {
  const n = text.length;
  let thesaurus = 0;
  let certain = false;
  let fingerprint = 0;
  let uniform = true;
  let mass = 0;
  for (let c = 0; c < n; c++) {
    const t = tier[c]!;
    if (t === "thesaurus") {
      thesaurus++;
      mass += 10 ** prior[c]!;
    } else if (t === "fingerprint") fingerprint++;
    if (CERTAIN_TIERS.has(t)) certain = true;
    if (t !== tier[0]) uniform = false;
  }
  // [prior × n, unigram × n] as doubles, then [sources × n, idFrom × (n + 1)] as 32-bit integers.
  const buffer = new ArrayBuffer(16 * n + 4 * (2 * n + 1));
  const prior64 = new Float64Array(buffer, 0, n);
  prior64.set(prior);
  const sources32 = new Int32Array(buffer, 16 * n, n);
  sources32.set(sources);
  return {
    n,
    text,
    tier: uniform && n > 0 ? sameTier(tier[0]!, n) : tier,
    prior: prior64,
    sources: sources32,
    key,
    entries: entries !== null && entries.some((e) => e !== null) ? entries : null,
    thesaurus,
    thesaurusPriorMass: Math.log10(mass),
    certain,
    fingerprint,
    fingerprintOnly: undefined,
    lm: null,
    ids: NO_IDS,
    idFrom: new Int32Array(buffer, 20 * n, n + 1),
    unigram: new Float64Array(buffer, 8 * n, n),
    textKey: null,
    textKeyGeneration: -1,
    objects: null,
    evidenceTier: null,
    unmistakable: null,
    tableListed: false,
  };
}

const NO_IDS = new Int32Array(0);

/** A list from candidate objects (spintax alternatives, number words). */
/** The first candidate of a tier in a list (the best, as lists are ordered), or undefined. */
export function textOfTier(list: CandList, tier: string): string | undefined {
  for (let c = 0; c < list.n; c++) if (list.tier[c] === tier) return list.text[c]!;
  return undefined;
}

export function listOf(cands: readonly SiteCandidate[]): CandList {
  const list = makeList(
    cands.map((c) => c.text),
    cands.map((c) => c.tier),
    cands.map((c) => c.prior),
    cands.map((c) => c.sources),
    "",
    cands.map((c) => c.entry),
  );
  list.objects = cands.slice();
  return list;
}

/** The candidates at index `keep` of a list, in that order (a form's list after ranking). */
export function subList(list: CandList, keep: readonly number[]): CandList {
  const entries = list.entries;
  const sub = makeList(
    keep.map((c) => list.text[c]!),
    keep.map((c) => list.tier[c]!),
    keep.map((c) => list.prior[c]!),
    keep.map((c) => list.sources[c]!),
    list.key,
    entries === null ? null : keep.map((c) => entries[c]!),
  );
  if (list.objects) sub.objects = keep.map((c) => list.objects![c]!);
  if (list.evidenceTier) sub.evidenceTier = keep.map((c) => list.evidenceTier![c]!);
  sub.tableListed = list.tableListed;
  if (list.unmistakable) {
    const flags = Uint8Array.from(keep, (c) => list.unmistakable![c]!);
    if (flags.includes(1)) sub.unmistakable = flags;
  }
  if (list.lm !== null) {
    // The same candidates for the same model: their ids and unigram means are the parent's (what withModel gives).
    let n = 0;
    for (const c of keep) n += list.idFrom[c + 1]! - list.idFrom[c]!;
    const ids = new Int32Array(n);
    let at = 0;
    keep.forEach((c, k) => {
      sub.idFrom[k] = at;
      for (let x = list.idFrom[c]!; x < list.idFrom[c + 1]!; x++) ids[at++] = list.ids[x]!;
      sub.unigram[k] = list.unigram[c]!;
    });
    sub.idFrom[keep.length] = at;
    sub.ids = ids;
    sub.lm = list.lm;
  }
  return sub;
}

/**
 * The list's fingerprint candidates only, in their order (what a site gets where only fingerprint entries apply: mixed
 * case, or a lower-case span touching a hyphen); null when it has none. Cached on the list.
 */
export function fingerprintOnly(list: CandList): CandList | null {
  if (list.fingerprintOnly === undefined) {
    const keep: number[] = [];
    for (let c = 0; c < list.n; c++) if (list.tier[c] === "fingerprint") keep.push(c);
    list.fingerprintOnly = keep.length === 0 ? null : keep.length === list.n ? list : subList(list, keep);
  }
  return list.fingerprintOnly;
}

/** The list's model ids and unigram means, for this model (computed once per list and model). */
export function withModel(list: CandList, lm: LmView): CandList {
  if (list.lm === lm) return list;
  const ids: number[] = [];
  for (let c = 0; c < list.n; c++) {
    list.idFrom[c] = ids.length;
    const p = lm.phraseIds(list.text[c]!);
    let sum = 0;
    for (const id of p) {
      ids.push(id);
      sum += lm.unigram(id);
    }
    // As meanUnigram: -8 for a candidate the model has no word for.
    list.unigram[c] = p.length === 0 ? -8 : sum / p.length;
  }
  list.idFrom[list.n] = ids.length;
  list.ids = Int32Array.from(ids);
  list.lm = lm;
  return list;
}

/** Key id of each candidate's text (the word table may have been reset since the last document). */
export function textKeys(list: CandList): Int32Array {
  if (list.textKey === null || list.textKeyGeneration !== wordTable.generation) {
    list.textKey = Int32Array.from(list.text, (t) => keyId(t));
    list.textKeyGeneration = wordTable.generation;
  }
  return list.textKey;
}

/** The list's candidates as objects (shared, do not modify). */
export function candidateObjects(list: CandList): SiteCandidate[] {
  if (!list.objects) {
    list.objects = list.text.map((text, c) => ({ text, tier: list.tier[c]!, prior: list.prior[c]!, entry: entryOf(list, c), sources: list.sources[c]! }));
  }
  return list.objects;
}

/** Sources named in "moby+mythes+wordnet" (as many as its parts). */
function sourceCount(source: string): number {
  let n = 1;
  for (let i = source.indexOf("+"); i >= 0; i = source.indexOf("+", i + 1)) n++;
  return n;
}

/** The candidates a site of `key` gets from a dictionary's candidates: the key itself and never-touch words left out. */
function siteList(key: string, found: readonly Candidate[], neverTouch: ReadonlySet<string>): CandList | null {
  const text: string[] = [];
  const tier: Tier[] = [];
  const prior: number[] = [];
  const sources: number[] = [];
  const entries: (string | null)[] = [];
  // Made only for a list with a shadowing candidate (a user's correction of a bundled pair): lists are built on every
  // new key.
  let evidenceTier: Tier[] | null = null;
  let unmistakable: number[] | null = null;
  let tableListed = false;
  for (const c of found) {
    if (c.tier === "table" || c.alsoTable) tableListed = true;
    if (c.original === key || (neverTouch.size > 0 && neverTouch.has(c.original.toLowerCase()))) continue;
    if (c.unmistakable) (unmistakable ??= new Array<number>(text.length).fill(0))[text.length] = 1;
    else if (unmistakable !== null) unmistakable[text.length] = 0;
    if (c.shadows !== undefined && evidenceTier === null) evidenceTier = tier.slice();
    text.push(c.original);
    tier.push(c.tier);
    evidenceTier?.push(c.shadows ?? c.tier);
    prior.push(c.prior);
    sources.push(sourceCount(c.source));
    // A keyed candidate's entry id is made from the list's key when asked (see entryOf), not kept per candidate.
    entries.push(c instanceof KeyedCandidate && c.key === key ? null : c.entry);
  }
  if (text.length === 0) return null;
  const list = makeList(text, tier, prior, sources, key, entries);
  list.evidenceTier = evidenceTier;
  if (unmistakable !== null) list.unmistakable = Uint8Array.from(unmistakable);
  list.tableListed = tableListed;
  return list;
}

/** Candidates cached above this many (all keys of a dictionary together) start afresh. */
const CACHE_CANDIDATES = 400_000;

interface DictCache {
  generation: number;
  /** Per key id: the list, null for none, undefined when not looked up yet. */
  single: (CandList | null | undefined)[];
  phrase: Map<string, CandList | null>;
  /** Keys of several words by their prefix's entry and last word (see DictionaryReader.extend). */
  entries: EntryTable;
  nextId: number;
  /** Per key id: 1 when a phrase of the dictionary may start with it, 2 when none does, 0 not asked yet. */
  starts: Int8Array;
  /** Per key id, with known phrase prefixes: 1 when some key continues it, 2 when none does, 0 not asked yet. */
  continues: Int8Array;
  candidates: number;
}

const caches = new WeakMap<PhraseDictionary, DictCache>();

function cacheOf(dict: PhraseDictionary): DictCache {
  let c = caches.get(dict);
  if (!c || c.generation !== wordTable.generation || c.candidates > CACHE_CANDIDATES) {
    c = { generation: wordTable.generation, single: [], phrase: new Map(), entries: new EntryTable(), nextId: 0, starts: new Int8Array(1024), continues: new Int8Array(1024), candidates: 0 };
    caches.set(dict, c);
  }
  return c;
}

/** Keys of several words whose candidates (or none) are remembered before that memo starts afresh. */
const PHRASE_KEYS = 200_000;

/** Keys of several words remembered (DictionaryReader.extend) before the memo starts afresh. */
const PHRASE_CACHE = 100_000;
const ID_LIMIT = 2 ** 25;

/**
 * PhraseEntry by number (DictionaryReader.extend's numbers: integers from 0 below 2^53 - 1, stored plus one so that 0
 * marks an empty slot): open addressing over typed arrays,
 * so a look-up boxes no number and hashes no heap object. Grows by doubling while at most half full.
 */
export class EntryTable {
  private keys = new Float64Array(1024);
  private slots = new Int32Array(1024);
  private values: PhraseEntry[] = [];

  get size(): number {
    return this.values.length;
  }

  private slotOf(key: number): number {
    // The number's two 32-bit halves (below 2^52: hi is the part above 2^32), mixed.
    const hi = Math.floor(key / 4294967296);
    const lo = key >>> 0;
    const mask = this.keys.length - 1;
    let slot = Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1) >>> 0;
    slot = (slot ^ (slot >>> 16)) & mask;
    while (this.keys[slot] !== 0 && this.keys[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  }

  get(key: number): PhraseEntry | undefined {
    const k = key + 1;
    const slot = this.slotOf(k);
    return this.keys[slot] === k ? this.values[this.slots[slot]!] : undefined;
  }

  /** Adds a key not in the table. */
  set(key: number, value: PhraseEntry): void {
    const k = key + 1;
    if (2 * (this.values.length + 1) > this.keys.length) {
      const old = this.keys;
      const oldSlots = this.slots;
      this.keys = new Float64Array(2 * old.length);
      this.slots = new Int32Array(2 * old.length);
      for (let i = 0; i < old.length; i++) {
        if (old[i] === 0) continue;
        const slot = this.slotOf(old[i]!);
        this.keys[slot] = old[i]!;
        this.slots[slot] = oldSlots[i]!;
      }
    }
    const slot = this.slotOf(k);
    this.keys[slot] = k;
    this.slots[slot] = this.values.length;
    this.values.push(value);
  }

  clear(): void {
    this.keys = new Float64Array(1024);
    this.slots = new Int32Array(1024);
    this.values = [];
  }
}

/** A key of two or more words, its candidates, and whether some longer key continues it. */
export interface PhraseEntry {
  /** Its number for the keys that continue it (-1: not remembered). */
  id: number;
  key: string;
  list: CandList | null;
  more: boolean;
}

/** A per-key-id cache (0: not yet known) able to hold key id `kid`: the same array, or a copy grown to twice its size. */
function holding(cache: Int8Array, kid: number): Int8Array {
  if (kid < cache.length) return cache;
  const grown = new Int8Array(Math.max(kid + 1, cache.length * 2));
  grown.set(cache);
  return grown;
}

/**
 * A dictionary as the site finder reads it: candidate lists by key id (one word) or key (phrases), and whether a
 * phrase may start with a word. With never-touch words, lists are filtered for this document and not cached.
 */
export class DictionaryReader {
  private cache: DictCache;
  private readonly local: Map<string, CandList | null> | null;
  readonly maxPhraseWords: number;
  readonly hasStarts: boolean;
  /** Every proper prefix of the dictionary's phrases, when it knows its keys (combine.ts): null otherwise. */
  readonly prefixes: ReadonlySet<string> | null;

  constructor(
    readonly dict: PhraseDictionary,
    private readonly neverTouch: ReadonlySet<string>,
  ) {
    this.cache = cacheOf(dict);
    this.local = neverTouch.size > 0 ? new Map() : null;
    this.maxPhraseWords = dict.maxPhraseWords;
    this.hasStarts = typeof dict.mayStartPhrase === "function";
    this.prefixes = phrasePrefixes(dict);
  }

  /** Whether some key continues the one-word key (true when the dictionary does not know its keys). */
  continues(kid: number): boolean {
    if (this.prefixes === null) return true;
    const c = (this.cache.continues = holding(this.cache.continues, kid));
    let v = c[kid]!;
    if (v === 0) {
      v = this.prefixes.has(wordTable.keys[kid]!) ? 1 : 2;
      c[kid] = v;
    }
    return v === 1;
  }

  private build(key: string): CandList | null {
    const found = this.dict.lookup(key);
    if (!found || found.length === 0) return null;
    const list = siteList(key, found, this.neverTouch);
    if (list && !this.local) this.cache.candidates += list.n;
    return list;
  }

  /** Candidates of a one-word key. */
  single(kid: number): CandList | null {
    if (this.local) return this.phrase(wordTable.keys[kid]!);
    const single = this.cache.single;
    let list = single[kid];
    if (list === undefined) {
      list = this.build(wordTable.keys[kid]!);
      single[kid] = list;
    }
    return list;
  }

  /** Candidates of a key of several words. */
  phrase(key: string): CandList | null {
    const map = this.local ?? this.cache.phrase;
    let list = map.get(key);
    if (list === undefined) {
      list = this.build(key);
      // Keys without candidates (most of them) count for nothing in the cache's candidate total, so the memo is
      // bounded by its own size too: on text of many different words it grew without end (1.3 million keys for 2 MB).
      if (map.size >= PHRASE_KEYS) map.clear();
      map.set(key, list);
    }
    return list;
  }

  /**
   * The key `prefix` (a key of two or more words; null: the one word of key id `first`) continued by the word of key
   * id `kid` after a space or (hyphen) a hyphen: its candidates and whether a longer key continues it. Found by
   * number (the prefix's entry and the word), without building and hashing the key's string at every place.
   */
  extend(prefix: PhraseEntry | null, first: number, kid: number, hyphen: boolean): PhraseEntry {
    const p = prefix === null ? first : prefix.id < 0 ? -1 : ID_LIMIT + prefix.id;
    // Ids below 2^25 and words below 2^25 keep the number under 2^52 (exact); beyond, nothing is remembered.
    const cacheable = this.local === null && p >= 0 && p < 2 * ID_LIMIT && kid < ID_LIMIT && this.cache.nextId < ID_LIMIT;
    const id = cacheable ? (p * 2 + (hyphen ? 1 : 0)) * ID_LIMIT + kid : -1;
    const entries = this.cache.entries;
    let entry = cacheable ? entries.get(id) : undefined;
    if (entry === undefined) {
      const key = `${prefix === null ? wordTable.keys[first]! : prefix.key}${hyphen ? "-" : " "}${wordTable.keys[kid]!}`;
      entry = { id: cacheable ? this.cache.nextId++ : -1, key, list: this.phrase(key), more: this.prefixes === null || this.prefixes.has(key) };
      if (cacheable) {
        // Ids are never reused, so an entry held by a caller stays valid after the memo starts afresh.
        if (entries.size >= PHRASE_CACHE) entries.clear();
        entries.set(id, entry);
      }
    }
    return entry;
  }

  mayStartPhrase(kid: number): boolean {
    const starts = (this.cache.starts = holding(this.cache.starts, kid));
    let s = starts[kid]!;
    if (s === 0) {
      s = this.dict.mayStartPhrase!(wordTable.keys[kid]!) ? 1 : 2;
      starts[kid] = s;
    }
    return s === 1;
  }
}
