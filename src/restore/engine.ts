/**
 * The engine's compact data: a document's tokens (tokenize.ts TokenTable), its candidate sites in typed arrays, and
 * the spun forms they pool into. Sites are found here (spintax, dictionary phrases, digits) and a general
 * thesaurus's candidates ranked per form (prune.ts); decide.ts chooses. Pure: no I/O.
 */
import type { PhraseDictionary } from "../dict/types.js";
import { HYPHEN_AFTER, HYPHEN_BEFORE, HYPHEN_NEXT, JOINS_NEXT, wordTable, type TokenTable } from "../text/tokenize.js";
import { casePattern, type CasePattern } from "./case.js";
import { candidateObjects, DictionaryReader, fingerprintOnly, listOf, subList, withModel, type CandList, type PhraseEntry } from "./candidates.js";
import type { LmView } from "./lm-view.js";
import { mergedSpans, numberCandidate, numberSite, overlaps, type TokenAccess } from "./numbers.js";
import type { Site, SiteCandidate } from "./sites.js";
import { f64, i32, regrow32, regrow8, u8 } from "../scratch.js";

export const PATTERNS: readonly CasePattern[] = ["lower", "first", "title", "upper", "mixed"];
const LOWER = 0;
const FIRST = 1;
const UPPER = 3;
const MIXED = 4;
const patternIndex = (p: CasePattern) => PATTERNS.indexOf(p);

/** Sites of a document as parallel arrays; site i covers tokens [tokFrom, tokTo) and text [start, end). */
export class Sites {
  n = 0;
  tokFrom: Int32Array;
  tokTo: Int32Array;
  start: Int32Array;
  end: Int32Array;
  /** Tokens [hidFrom, reachTo) inside a spintax's braces after its first alternative (hidFrom -1: none); reachTo ≥ tokTo. */
  hidFrom: Int32Array;
  reachTo: Int32Array;
  pattern: Uint8Array;
  forced: Uint8Array;
  /** Spun form (index into Forms), set by assignForms(). */
  form: Int32Array;
  list: CandList[] = [];
  poolKey: string[] = [];
  /** The spun text as the finder saw it (spintax: with braces); null until asked for (spunOf). */
  spun: (string | null)[] = [];

  constructor(cap = 64) {
    this.tokFrom = i32(cap);
    this.tokTo = i32(cap);
    this.start = i32(cap);
    this.end = i32(cap);
    this.hidFrom = i32(cap);
    this.reachTo = i32(cap);
    this.pattern = u8(cap);
    this.forced = u8(cap);
    this.form = i32(cap);
  }

  private grow(): void {
    const cap = this.tokFrom.length * 2;
    const g32 = (a: Int32Array) => regrow32(a, cap);
    const g8 = (a: Uint8Array) => regrow8(a, cap);
    this.tokFrom = g32(this.tokFrom);
    this.tokTo = g32(this.tokTo);
    this.start = g32(this.start);
    this.end = g32(this.end);
    this.hidFrom = g32(this.hidFrom);
    this.reachTo = g32(this.reachTo);
    this.pattern = g8(this.pattern);
    this.forced = g8(this.forced);
    this.form = g32(this.form);
  }

  push(tokFrom: number, tokTo: number, start: number, end: number, hidFrom: number, reachTo: number, pattern: number, forced: boolean, list: CandList, poolKey: string, spun: string | null): void {
    if (this.n === this.tokFrom.length) this.grow();
    const i = this.n++;
    this.tokFrom[i] = tokFrom;
    this.tokTo[i] = tokTo;
    this.start[i] = start;
    this.end[i] = end;
    this.hidFrom[i] = hidFrom;
    this.reachTo[i] = reachTo;
    this.pattern[i] = pattern;
    this.forced[i] = forced ? 1 : 0;
    this.list.push(list);
    this.poolKey.push(poolKey);
    this.spun.push(spun);
  }

  /** The sites in the order of `order` (a permutation of their indices). */
  reordered(order: ArrayLike<number>): Sites {
    const out = new Sites(Math.max(1, order.length));
    for (let k = 0; k < order.length; k++) {
      const i = order[k]!;
      out.push(this.tokFrom[i]!, this.tokTo[i]!, this.start[i]!, this.end[i]!, this.hidFrom[i]!, this.reachTo[i]!, this.pattern[i]!, this.forced[i] === 1, this.list[i]!, this.poolKey[i]!, this.spun[i]!);
    }
    return out;
  }
}

/** Spun forms: every site with the same pooling key was spun the same way (one choice per form in a document). */
export interface Forms {
  count: number;
  key: string[];
  /** Sites of form f: members[memberFrom[f], memberFrom[f + 1]), in document order. */
  memberFrom: Int32Array;
  members: Int32Array;
  /**
   * Per form, how many of its sites are independent evidence: sites in distinct contexts (see contextHash), over the
   * whole document for a window of a long one (restore/windows.ts). Set by independentSites when first needed.
   */
  documentSites?: Int32Array;
}

/**
 * The words around a site (two on each side), hashed: sites of a form in the same context carry the same evidence, so
 * a sentence repeated ten times is one piece of evidence, not ten.
 */
export function contextHash(tok: TokenTable, tokFrom: number, tokTo: number): number {
  // Hashed from the words themselves (not their ids, which differ from thread to thread), so that windows counted on
  // other threads agree.
  const keys = wordTable.keys;
  const keyOf = wordTable.keyOf;
  let h = 0x811c9dc5 | 0;
  for (let k = 0; k < 4; k++) {
    const t = k < 2 ? tokFrom - 2 + k : tokTo + k - 2;
    const w = t >= 0 && t < tok.n ? keys[keyOf[tok.word[t]!]!]! : "";
    for (let k = 0; k < w.length; k++) h = Math.imul(h ^ w.charCodeAt(k), 0x01000193);
    h = Math.imul(h ^ 0x20, 0x01000193);
  }
  return h >>> 0;
}

/** Per spun form, the hashes of the contexts of its sites (contextHash): a long text's first pass gathers them window by window. */
export type FormContexts = Map<string, Set<number>>;

/** Per form, its sites in distinct contexts (what Forms.documentSites holds for a text restored whole). */
export function independentSites(sites: Sites, forms: Forms, tok: TokenTable): Int32Array {
  const out = new Int32Array(forms.count);
  const seen = new Set<number>();
  for (let f = 0; f < forms.count; f++) {
    const from = forms.memberFrom[f]!;
    const to = forms.memberFrom[f + 1]!;
    if (to - from === 1) {
      out[f] = 1;
      continue;
    }
    seen.clear();
    for (let m = from; m < to; m++) {
      const i = forms.members[m]!;
      seen.add(contextHash(tok, sites.tokFrom[i]!, sites.tokTo[i]!));
    }
    out[f] = seen.size;
  }
  return out;
}

/** Numbers the sites' forms in order of first appearance. */
export function assignForms(sites: Sites): Forms {
  const index = new Map<string, number>();
  const key: string[] = [];
  for (let i = 0; i < sites.n; i++) {
    const k = sites.poolKey[i]!;
    let f = index.get(k);
    if (f === undefined) {
      f = key.length;
      key.push(k);
      index.set(k, f);
    }
    sites.form[i] = f;
  }
  const count = key.length;
  const memberFrom = new Int32Array(count + 1);
  for (let i = 0; i < sites.n; i++) memberFrom[sites.form[i]! + 1] = memberFrom[sites.form[i]! + 1]! + 1;
  for (let f = 0; f < count; f++) memberFrom[f + 1] = memberFrom[f + 1]! + memberFrom[f]!;
  const fill = memberFrom.slice(0, count);
  const members = new Int32Array(sites.n);
  for (let i = 0; i < sites.n; i++) members[fill[sites.form[i]!]!++] = i;
  return { count, key, memberFrom, members };
}

// ---- Finding sites ----------------------------------------------------------------------------------------------

export interface FindOptions {
  neverTouch: ReadonlySet<string>;
  skip: ReadonlyArray<{ start: number; end: number }>;
}

/** Skip spans for overlap tests: non-empty ones merged and sorted (binary search), empty or inverted ones apart. */
export class SkipSpans {
  /** Non-empty spans, merged and sorted (what the digit rule reads). */
  readonly merged: Array<{ start: number; end: number }>;
  private readonly odd: Array<{ start: number; end: number }>;
  private readonly empty: boolean;

  constructor(skip: ReadonlyArray<{ start: number; end: number }>) {
    this.merged = mergedSpans(skip);
    this.odd = skip.filter((s) => !(s.end > s.start));
    this.empty = skip.length === 0;
  }

  /** As `skip.some((s) => s.start < end && start < s.end)`. */
  overlaps(start: number, end: number): boolean {
    if (this.empty) return false;
    if (overlaps(this.merged, start, end)) return true;
    for (const s of this.odd) if (s.start < end && start < s.end) return true;
    return false;
  }
}

/** A document (or a window of one) ready for finding sites: its tokens and which of them spintax hides. */
export interface DocTokens {
  tok: TokenTable;
  /** Tokens inside spintax braces: no dictionary or number site starts or runs there. */
  inSpintax: Uint8Array;
  /** Tokens of a spintax's other alternatives: the model never sees them. */
  hidden: Uint8Array;
  access: TokenAccess;
}

const patternOfWord: { generation: number; p: Uint8Array } = { generation: -1, p: new Uint8Array(0) };

/** Case pattern of a one-token span, cached per word. */
function wordPattern(word: number): number {
  if (patternOfWord.generation !== wordTable.generation) {
    patternOfWord.generation = wordTable.generation;
    patternOfWord.p = new Uint8Array(1024);
  }
  if (word >= patternOfWord.p.length) {
    const g = new Uint8Array(Math.max(word + 1, patternOfWord.p.length * 2));
    g.set(patternOfWord.p);
    patternOfWord.p = g;
  }
  let p = patternOfWord.p[word]!;
  if (p === 0) {
    p = asciiPattern(wordTable.text[word]!) + 1;
    patternOfWord.p[word] = p;
  }
  return p - 1;
}

/** casePattern of one token (no white space), worked out by character for ASCII text. */
function asciiPattern(w: string): number {
  let upper = 0;
  let lower = 0;
  let upperAfterFirst = false;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 0x80) return patternIndex(casePattern(w));
    if (c >= 0x41 && c <= 0x5a) {
      upper++;
      if (i > 0) upperAfterFirst = true;
    } else if (c >= 0x61 && c <= 0x7a) lower++;
  }
  // No letter, or no capital: lower. Capitals only (more than one letter): upper. One leading capital: first.
  if (upper === 0) return LOWER;
  if (lower === 0 && upper > 1) return UPPER;
  const c0 = w.charCodeAt(0);
  if (c0 >= 0x41 && c0 <= 0x5a && !upperAfterFirst) return FIRST;
  return MIXED;
}

/** Index of the first token starting after `offset`. */
function firstTokenAfter(tok: TokenTable, offset: number): number {
  let lo = 0;
  let hi = tok.n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tok.start[mid]! > offset) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

const SPINTAX = /\{([^{}\n]{1,200})\}/g;
const PROSE_ALTERNATIVE = /^[\p{L}\p{N}'’\- ]+$/u;
const LETTER = /\p{L}/u;
/**
 * Characters that make a brace group template, code or TeX syntax, not a spinner's: `${x}`, `#{x}`, `%{x}`,
 * `{{ x|filter }}`, `\text{x}`, `x_{i}`, `a^{2}`, `f{x}`. A spinner's braces stand where a word stood, after a space.
 */
const TEMPLATE_BEFORE = /[$#%{\\_^\p{L}\p{N}\p{M}]/u;

/**
 * Spintax left in the text: `{dollars}`, `{the marketplace}`, `{a|b}` (see sites.ts findSpintaxSites), with `{` in
 * [from, to). Also marks the tokens inside the braces.
 */
export function findSpintax(text: string, tok: TokenTable, skip: SkipSpans, from: number, to: number, out: Sites, inSpintax: Uint8Array): void {
  const re = SPINTAX;
  re.lastIndex = from;
  for (let m = re.exec(text); m !== null && m.index < to; m = re.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (skip.overlaps(start, end)) continue;
    if (start > 0 && TEMPLATE_BEFORE.test(text[start - 1]!)) continue;
    if (text[end] === "}") continue;
    const alternatives = m[1]!.split("|").map((a) => a.trim());
    if (alternatives.some((a) => !PROSE_ALTERNATIVE.test(a))) continue;
    // A spinner's alternatives are words; `{0|1}` is notation.
    if (!alternatives.some((a) => LETTER.test(a))) continue;
    const tokFrom = firstTokenAfter(tok, start);
    if (tokFrom >= tok.n || tok.start[tokFrom]! >= end) continue;
    let tokTo = tokFrom;
    while (tokTo < tok.n && tok.end[tokTo]! <= end) tokTo++;
    const firstEnd = start + 1 + m[1]!.indexOf("|");
    let firstTo = tokFrom;
    if (alternatives.length > 1) while (firstTo < tokTo && tok.end[firstTo]! <= firstEnd) firstTo++;
    else firstTo = tokTo;
    const unique = [...new Set(alternatives.filter((a) => a.length > 0))];
    if (unique.length === 0) continue;
    const spun = m[0];
    const cands: SiteCandidate[] = unique.map((a) => ({ text: a, tier: "artefact", prior: 0, entry: `artefact:${spun}→${a}`, sources: 1 }));
    inSpintax.fill(1, tokFrom, firstTo < tokTo ? tokTo : firstTo);
    out.push(tokFrom, firstTo, start, end, firstTo < tokTo ? firstTo : -1, Math.max(firstTo, tokTo), MIXED, true, listOf(cands), `{}${spun}`, spun);
  }
}

/**
 * Tokens inside an occurrence of a never-touch entry, a word or a phrase (`press conference`, `Great Hall of the
 * People`, across spaces or hyphens): no site may touch them. Null when there is no entry.
 */
export function neverTouchTokens(tok: TokenTable, neverTouch: ReadonlySet<string>): Uint8Array | null {
  const phrases: string[][] = [];
  for (const p of neverTouch) {
    const words = p.split(/[\s\u2010\u2011-]+/).filter(Boolean);
    if (words.length > 0) phrases.push(words);
  }
  if (phrases.length === 0) return null;
  const { n, word, flags } = tok;
  const { keyOf, keys } = wordTable;
  const marked = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    for (const words of phrases) {
      if (i + words.length > n) continue;
      let k = 0;
      for (; k < words.length; k++) {
        if (keys[keyOf[word[i + k]!]!] !== words[k]) break;
        if (k < words.length - 1 && !(flags[i + k]! & (JOINS_NEXT | HYPHEN_NEXT))) break;
      }
      if (k === words.length) marked.fill(1, i, i + words.length);
    }
  }
  return marked;
}

/** Hyphens within a phrase key at most (the lists' longest compound has four). */
const MAX_HYPHENS = 6;

/**
 * Dictionary sites: every span of up to maxPhraseWords adjacent words (spaces or one hyphen between them) whose key
 * has candidates, for tokens [from, to). A span that would be a site but holds a word the caller protects (a
 * never-touch entry, a skip span over a word) is none; `blockers`, when given, receives its tokens (from, to pairs).
 */
export function findDictionary(
  doc: DocTokens,
  reader: DictionaryReader,
  options: FindOptions,
  skip: SkipSpans,
  from: number,
  to: number,
  out: Sites,
  blockers?: number[],
): void {
  const { tok, inSpintax } = doc;
  const { n, word, flags, start, end } = tok;
  const keyOf = wordTable.keyOf;
  const keys = wordTable.keys;
  const maxLen = reader.maxPhraseWords;
  const never = neverTouchTokens(tok, options.neverTouch);
  for (let i = from; i < to; i++) {
    if (inSpintax[i]) continue;
    let key = "";
    let entry: PhraseEntry | null = null;
    let words = 0;
    let hyphens = 0;
    for (let len = 1; i + len <= n; len++) {
      const last = i + len - 1;
      let joiner = "";
      if (len > 1) {
        const f = flags[last - 1]!;
        if (f & JOINS_NEXT) joiner = " ";
        else if (f & HYPHEN_NEXT) joiner = "-";
        else break;
        if (inSpintax[last]) break;
      }
      if (joiner !== "-" && ++words > maxLen) break;
      // Parts of a hyphenated compound count apart: no key has more than a few ("leave-one-subject-out"), and a chain
      // of thousands of hyphenated words made every start a key as long as the chain (time and memory went quadratic).
      if (joiner === "-" && ++hyphens > MAX_HYPHENS) break;
      let list: CandList | null;
      // With the dictionary's phrase prefixes known, a phrase no key continues is the last one tried.
      let more: boolean;
      if (len === 1) {
        const kid = keyOf[word[i]!]!;
        key = keys[kid]!;
        list = reader.single(kid);
        more = reader.continues(kid);
      } else {
        if (len === 2 && joiner === " " && reader.hasStarts && !reader.mayStartPhrase(keyOf[word[i]!]!)) break;
        entry = reader.extend(entry, keyOf[word[i]!]!, keyOf[word[last]!]!, joiner === "-");
        key = entry.key;
        list = entry.list;
        more = entry.more;
      }
      site: {
        if (list === null) break site;
        const s0 = start[i]!;
        const e0 = end[last]!;
        const skipped = skip.overlaps(s0, e0);
        // A skip span between the words only (markup inside a phrase) leaves no phrase to read: no site, no block.
        if (skipped && !(blockers && wordSkipped(tok, skip, i, last))) break site;
        let pattern: number;
        let spun: string | null = null;
        if (len === 1) pattern = wordPattern(word[i]!);
        else {
          spun = spunOfTokens(tok, i, last + 1);
          pattern = patternIndex(casePattern(spun));
        }
        // The spinner never touches ALL-CAPS text, and mixed case (iPhone, McDonald) is a name. Its lower-case pass
        // leaves the parts of hyphenated compounds alone ("military-security" stays). Paper-mill spinners keep
        // acronyms and names inside the terms they swap ("profound CNN", "DNA harm") and hyphenate after them
        // ("profound learning-based"): there only fingerprint entries apply.
        if (pattern === UPPER) break site;
        const onlyFingerprints = pattern === MIXED || (pattern === LOWER && ((flags[i]! & HYPHEN_BEFORE) !== 0 || (flags[last]! & HYPHEN_AFTER) !== 0));
        let touched = skipped;
        if (never) for (let t = i; t <= last; t++) if (never[t] === 1) touched = true;
        let siteList: CandList | null = list;
        if (onlyFingerprints) {
          siteList = list.fingerprint === 0 ? null : fingerprintOnly(list);
          if (siteList === null) break site;
        }
        if (touched) {
          blockers?.push(i, i + len);
          break site;
        }
        out.push(i, i + len, s0, e0, -1, i + len, pattern, false, siteList, pattern === LOWER ? key : `^${key}`, spun);
      }
      if (!more) break;
    }
  }
}

/** The spun form of tokens [from, to) as the site finder writes it: words joined by a space or a hyphen. */
export function spunOfTokens(tok: TokenTable, from: number, to: number): string {
  let s = wordTable.text[tok.word[from]!]!;
  for (let t = from + 1; t < to; t++) s += `${tok.flags[t - 1]! & JOINS_NEXT ? " " : "-"}${wordTable.text[tok.word[t]!]!}`;
  return s;
}

/** The spun text of site i (spintax: with its braces). */
export function spunOf(sites: Sites, i: number, tok: TokenTable): string {
  let s = sites.spun[i];
  if (s === null || s === undefined) {
    s = spunOfTokens(tok, sites.tokFrom[i]!, sites.tokTo[i]!);
    sites.spun[i] = s;
  }
  return s;
}

const numberLists = new Map<string, CandList>();

/** Digits the spinner wrote for number words (numbers.ts), for tokens [from, to). */
export function findNumbers(doc: DocTokens, skipMerged: ReadonlyArray<{ start: number; end: number }>, from: number, to: number, out: Sites): void {
  const { tok, inSpintax, access } = doc;
  const text = tok.text;
  const isHidden = (i: number) => inSpintax[i] === 1;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(tok.start[i]!);
    if (c < 0x31 || c > 0x39) continue;
    const found = numberSite(text, access, i, skipMerged, isHidden);
    if (!found) continue;
    let list = numberLists.get(found.word);
    if (!list) {
      list = listOf([numberCandidate(found.word)]);
      numberLists.set(found.word, list);
    }
    const t = wordTable.text[tok.word[i]!]!;
    out.push(i, i + 1, tok.start[i]!, tok.end[i]!, -1, i + 1, patternIndex(found.pattern), false, list, `#${t}`, t);
  }
}

export function tokenAccess(tok: TokenTable): TokenAccess {
  return {
    n: tok.n,
    start: (i) => tok.start[i]!,
    end: (i) => tok.end[i]!,
    text: (i) => wordTable.text[tok.word[i]!]!,
    key: (i) => wordTable.keys[wordTable.keyOf[tok.word[i]!]!]!,
  };
}

function hasBrace(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 0x7b) return true;
  return false;
}

/** The tokens of a document with its spintax: the spintax sites, and the marks the other finders need. */
export function prepare(tok: TokenTable, skip: SkipSpans, from = 0, to = tok.text.length): { doc: DocTokens; spintax: Sites } {
  const spintax = new Sites(4);
  const inSpintax = new Uint8Array(tok.n);
  // A window of a long text (from, to) is searched only when it holds a brace: the search runs on to the next match.
  if (from === 0 && to === tok.text.length) findSpintax(tok.text, tok, skip, from, to, spintax, inSpintax);
  else if (hasBrace(tok.text, from, to)) findSpintax(tok.text, tok, skip, from, to, spintax, inSpintax);
  const hidden = new Uint8Array(tok.n);
  for (let i = 0; i < spintax.n; i++) if (spintax.hidFrom[i]! >= 0) hidden.fill(1, spintax.hidFrom[i]!, spintax.reachTo[i]!);
  return { doc: { tok, inSpintax, hidden, access: tokenAccess(tok) }, spintax };
}

/**
 * Fingerprint candidates where they count (sites in token order). Tortured phrases are the mark of paper-mill
 * spinners, which rewrite scientific and technical text, and they apply when the text holds as many different listed
 * ones as its register asks for (`fingerprints.needed`, register.ts fingerprintsNeeded: one in research writing, more
 * elsewhere, where a listed phrase is more likely plain English: "years of deep studying", "untamed life"). Those that are
 * also ordinary English (prior < 0: "her bosom", "on the off chance", "elderly folks") count only in scientific text
 * that also holds a listed phrase which is not (news about a study reads as scientific by its vocabulary). A phrase
 * inside a longer fingerprint match ("bosom" inside "bosom milk") is left to the longer, more specific one. Sites left
 * without candidates are dropped; the filtered list is shared per pooling key (and inside or not).
 */
export function fingerprintFilter(sites: Sites, scientific: boolean, fingerprints?: FingerprintScope): Sites {
  const outer: number[] = [];
  for (let i = 0; i < sites.n; i++) if (sites.list[i]!.fingerprint > 0) outer.push(i);
  if (outer.length === 0) return sites;
  const { tokFrom, tokTo } = sites;
  const inside = new Set<number>();
  for (const s of outer) {
    const len = tokTo[s]! - tokFrom[s]!;
    for (const o of outer) {
      if (o !== s && tokFrom[o]! <= tokFrom[s]! && tokTo[s]! <= tokTo[o]! && tokTo[o]! - tokFrom[o]! > len) {
        inside.add(s);
        break;
      }
    }
  }
  const distinct = new Set<string>();
  for (const s of outer) {
    if (inside.has(s)) continue;
    const list = sites.list[s]!;
    let listed = false;
    for (let c = 0; c < list.n; c++) if (list.tier[c] === "fingerprint" && list.prior[c]! >= 0) listed = true;
    if (listed) distinct.add(sites.poolKey[s]!.replace(/^\^/, ""));
  }
  if (fingerprints?.seen) for (const k of distinct) fingerprints.seen.add(k);
  const anywhere = fingerprints?.anywhere ?? distinct.size >= (fingerprints?.needed ?? (scientific ? 1 : 2));
  // An entry that is also ordinary English ("elderly folks", "shared data") is evidence only beside a listed phrase
  // that is not: in news about a study, the register alone reads as scientific.
  const confirmed = fingerprints?.confirmed ?? distinct.size >= 1;
  const filtered = new Map<string, CandList | null>();
  const order: number[] = [];
  const lists = new Map<number, CandList>();
  for (let i = 0; i < sites.n; i++) {
    const list = sites.list[i]!;
    if (list.fingerprint === 0) {
      order.push(i);
      continue;
    }
    const within = inside.has(i);
    const drop = (c: number) => list.tier[c] === "fingerprint" && (within || !anywhere || (list.prior[c]! < 0 && (!scientific || !confirmed)));
    let dropped = false;
    for (let c = 0; c < list.n && !dropped; c++) if (drop(c)) dropped = true;
    if (!dropped) {
      order.push(i);
      continue;
    }
    const key = `${within ? 1 : 0}${sites.poolKey[i]!}`;
    let sub = filtered.get(key);
    if (sub === undefined) {
      const keep: number[] = [];
      for (let c = 0; c < list.n; c++) if (!drop(c)) keep.push(c);
      sub = keep.length ? subList(list, keep) : null;
      filtered.set(key, sub);
    }
    if (sub === null) continue;
    order.push(i);
    lists.set(i, sub);
  }
  const out = sites.reordered(order);
  for (let k = 0; k < order.length; k++) {
    const sub = lists.get(order[k]!);
    if (sub) out.list[k] = sub;
  }
  return out;
}

/**
 * For a window of a long document (restore/windows.ts): `seen` collects the window's distinct listed fingerprints,
 * and `anywhere`, when set, says whether the whole document holds as many different ones as its register asks for
 * (instead of the window); `confirmed`, whether it holds one (what entries that are also ordinary English need
 * beside them). `needed`: how many different listed ones the text must hold for any to count (register.ts
 * fingerprintsNeeded; without it, one in scientific text and two elsewhere).
 */
export interface FingerprintScope {
  seen?: Set<string>;
  anywhere?: boolean;
  confirmed?: boolean;
  needed?: number;
}

/**
 * The dictionary's sites over the whole document, by start then length. A phrase the caller protects in part (a
 * never-touch word or a skipped word in it: "international locations" with "locations" skipped) is left as written
 * whole: the sites overlapping it are dropped too. Otherwise a weaker reading of its other words wins in its place
 * ("international" → "foreign", "went in" → "got"), one the protected phrase would have overruled.
 */
function dictionarySites(doc: DocTokens, dict: PhraseDictionary, options: FindOptions, skip: SkipSpans): Sites {
  const found = new Sites(Math.max(64, doc.tok.n >> 1));
  const blockers: number[] = [];
  findDictionary(doc, new DictionaryReader(dict, options.neverTouch), options, skip, 0, doc.tok.n, found, blockers);
  if (blockers.length === 0) return found;
  const blocked = new Uint8Array(doc.tok.n);
  for (let b = 0; b < blockers.length; b += 2) blocked.fill(1, blockers[b]!, blockers[b + 1]!);
  const keep: number[] = [];
  for (let i = 0; i < found.n; i++) {
    let free = true;
    for (let t = found.tokFrom[i]!; t < found.tokTo[i]! && free; t++) if (blocked[t] === 1) free = false;
    if (free) keep.push(i);
  }
  return keep.length === found.n ? found : found.reordered(keep);
}

/** Whether a skip span covers part of a word of tokens [from, last] (not only the gaps between them). */
function wordSkipped(tok: TokenTable, skip: SkipSpans, from: number, last: number): boolean {
  for (let t = from; t <= last; t++) if (skip.overlaps(tok.start[t]!, tok.end[t]!)) return true;
  return false;
}

/**
 * Every site a dictionary proposes, with spintax and digits, in token order (ties: spintax, then dictionary, then
 * digits), fingerprints kept where they count (fingerprintFilter), the forms numbered, and lists given the model's
 * ids. `rank` ranks thesaurus candidates per form.
 */
export function findSites(
  doc: DocTokens,
  spintax: Sites,
  numbers: Sites,
  dict: PhraseDictionary,
  options: FindOptions,
  skip: SkipSpans,
  lm: LmView,
  scientific: boolean,
  rank: (sites: Sites, forms: Forms) => void,
  fingerprints?: FingerprintScope,
): { sites: Sites; forms: Forms } {
  const found = dictionarySites(doc, dict, options, skip);
  // Merge the three lists, each in token order already (dictionary sites by start then length).
  const total = spintax.n + found.n + numbers.n;
  const all = new Sites(Math.max(1, total));
  const parts = [spintax, found, numbers];
  const at = [0, 0, 0];
  for (let k = 0; k < total; k++) {
    let best = -1;
    for (let p = 0; p < 3; p++) {
      const s = parts[p]!;
      const i = at[p]!;
      if (i >= s.n) continue;
      if (best < 0) {
        best = p;
        continue;
      }
      const b = parts[best]!;
      const j = at[best]!;
      if (s.tokFrom[i]! < b.tokFrom[j]! || (s.tokFrom[i] === b.tokFrom[j] && s.tokTo[i]! < b.tokTo[j]!)) best = p;
    }
    const s = parts[best]!;
    const i = at[best]!++;
    all.push(s.tokFrom[i]!, s.tokTo[i]!, s.start[i]!, s.end[i]!, s.hidFrom[i]!, s.reachTo[i]!, s.pattern[i]!, s.forced[i] === 1, s.list[i]!, s.poolKey[i]!, s.spun[i]!);
  }
  const sites = fingerprintFilter(all, scientific, fingerprints);
  const forms = assignForms(sites);
  rank(sites, forms);
  for (let i = 0; i < sites.n; i++) withModel(sites.list[i]!, lm);
  return { sites, forms };
}

/**
 * Adds, per pooling key, the contexts (contextHash) of the sites findSites would give (ranking aside) that start at text
 * offsets [from, to): what a long text's first pass gathers (restore/windows.ts), a form's distinct contexts over the
 * document being independentSites for the whole text, without merging the lists in token order, numbering the forms
 * or giving the lists the model's ids. fingerprintFilter reads fingerprint sites only (spintax and digits have none),
 * so filtering the dictionary's sites alone keeps the same ones.
 */
export function countFormSites(
  doc: DocTokens,
  spintax: Sites,
  numbers: Sites,
  dict: PhraseDictionary,
  options: FindOptions,
  skip: SkipSpans,
  scientific: boolean,
  fingerprints: FingerprintScope | undefined,
  from: number,
  to: number,
  contexts: FormContexts,
): void {
  const found = dictionarySites(doc, dict, options, skip);
  for (const s of [spintax, fingerprintFilter(found, scientific, fingerprints), numbers]) {
    for (let i = 0; i < s.n; i++) {
      if (s.start[i]! < from || s.start[i]! >= to) continue;
      const key = s.poolKey[i]!;
      let set = contexts.get(key);
      if (!set) contexts.set(key, (set = new Set()));
      set.add(contextHash(doc.tok, s.tokFrom[i]!, s.tokTo[i]!));
    }
  }
}

/** Site objects (for callers of candidateSites and siteEvidence). */
export function siteObjects(sites: Sites, tok: TokenTable): Site[] {
  const out: Site[] = [];
  for (let i = 0; i < sites.n; i++) {
    const hid = sites.hidFrom[i]!;
    out.push({
      start: sites.start[i]!,
      end: sites.end[i]!,
      tokFrom: sites.tokFrom[i]!,
      tokTo: sites.tokTo[i]!,
      poolKey: sites.poolKey[i]!,
      spun: spunOf(sites, i, tok),
      pattern: PATTERNS[sites.pattern[i]!]!,
      candidates: candidateObjects(sites.list[i]!),
      forced: sites.forced[i] === 1,
      ...(hid >= 0 ? { hiddenTokens: [hid, sites.reachTo[i]!] as [number, number] } : {}),
    });
  }
  return out;
}
