/**
 * Core of the mining tool: align a spun text with its original, token by token,
 * and report the short substitutions the spinner made ("mentioned" ← "said",
 * "time period" ← "term"). Pure: strings in, data out, no I/O.
 */
import diff from "fast-diff";
import { FUNCTION_WORDS } from "./review.js";

/** One token of a text, with its UTF-16 offsets. */
export interface Token {
  /** The token as written. */
  text: string;
  /** Comparison key: lower case, curly quotes/apostrophes folded. */
  key: string;
  start: number;
  end: number;
  /** True for word tokens (letters/digits, internal apostrophes/hyphens kept). */
  word: boolean;
}

/** A word/phrase swap found by the aligner. */
export interface Substitution {
  /** Spun side as written (case kept), tokens joined by single spaces (no space before punctuation). */
  spun: string;
  /** Original side as written, same joining. */
  original: string;
  /** UTF-16 offsets of the spun span in the spun text (end exclusive). */
  spunStart: number;
  spunEnd: number;
}

/** An aligned document pair for {@link mineEntries}. */
export interface AlignedPair {
  /** Short provenance id, e.g. "devset:01" or "seed". */
  id: string;
  spun: string;
  original: string;
}

/** One aggregated proposal row: `spun → original`, seen `count` times in `docs`. */
export interface MinedRow {
  /** Normalised spun form (lower case, single spaces, ASCII apostrophes). */
  spun: string;
  /** Normalised original form. */
  original: string;
  /** Number of occurrences over all pairs. */
  count: number;
  /** Ids of the pairs it was seen in, sorted. */
  docs: string[];
  /** How many of the `count` occurrences had a capitalised original side (proper-name hint); not written to TSV. */
  capitalised?: number;
}

export interface AlignOptions {
  /** Longest side of a substitution, in tokens (default 4). */
  maxTokens?: number;
  /**
   * Whether a thesaurus (or any other source) lists `original` → `spun`. With it, a changed region made of
   * several adjacent swaps ("in addition to superior" ← "as well as advanced") is split into the swaps
   * that a source knows and the rest, instead of being kept whole or dropped as too long.
   */
  knownPair?: (spunKey: string, originalKey: string) => boolean;
  /** Longest region (tokens a side) that is split with `knownPair` (default 12). */
  maxRegion?: number;
  /**
   * Words added or dropped around a head word ("content material" ← "content", "brand new" ← "new"): the diff sees
   * only the added words, with nothing on the other side. With this option such a change is taken with its head, the
   * neighbouring word it attaches to: the neighbour on the one side that is a content word (not a function word);
   * when both or neither are, the change is ambiguous and dropped as before. Default false.
   */
  headWords?: boolean;
}

const APOS = "'\u2018\u2019\u02bc\u0060\u00b4";
const WORD_RE = new RegExp(
  `[\\p{L}\\p{N}\\p{M}]+(?:[${APOS}\\-\\u2010\\u2011][\\p{L}\\p{N}\\p{M}]+)*`,
  "gu",
);
const QUOTE_CHARS = new Set(["'", '"', "\u2018", "\u2019", "\u201c", "\u201d", "\u201a", "\u201e", "\u00ab", "\u00bb", "`", "\u00b4", "\u02bc"]);

/** Fold a string to the comparison/dictionary normal form: lower case, ASCII apostrophes and hyphens, single spaces. */
export function normalizeKey(s: string): string {
  return s
    .normalize("NFC")
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`\u00b4]/g, "'")
    .replace(/[\u201c\u201d\u201e\u00ab\u00bb]/g, '"')
    .replace(/[\u2010\u2011]/g, "-")
    .replace(/\s+/g, " ")
    .trim();
}

/** Split text into word and punctuation tokens (whitespace dropped). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  const pushPunct = (from: number, to: number): void => {
    for (let i = from; i < to; ) {
      const cp = text.codePointAt(i)!;
      const len = cp > 0xffff ? 2 : 1;
      const ch = text.slice(i, i + len);
      if (!/\s/u.test(ch)) {
        const key = QUOTE_CHARS.has(ch) ? '"' : normalizeKey(ch);
        tokens.push({ text: ch, key, start: i, end: i + len, word: false });
      }
      i += len;
    }
  };
  for (const m of text.matchAll(WORD_RE)) {
    const start = m.index;
    pushPunct(last, start);
    tokens.push({ text: m[0], key: normalizeKey(m[0]), start, end: start + m[0].length, word: true });
    last = start + m[0].length;
  }
  pushPunct(last, text.length);
  return tokens;
}

/**
 * Share of the spun text's word pairs (two words in a row, counted with repeats) that the original holds as often: a
 * spinner changes a third of the words or so, so a spun text keeps about half of its original's pairs; unrelated texts
 * share few (their words are the same function words, their pairs not), and aligning them costs time quadratic in
 * their length for substitutions that mean nothing.
 */
export function sharedPairs(spun: string, original: string): number {
  const pairs = (text: string) => {
    const words = tokenize(text).filter((t) => t.word);
    const out: string[] = [];
    for (let i = 1; i < words.length; i++) out.push(`${words[i - 1]!.key} ${words[i]!.key}`);
    return out;
  };
  const counts = new Map<string, number>();
  for (const p of pairs(original)) counts.set(p, (counts.get(p) ?? 0) + 1);
  const spunPairs = pairs(spun);
  let shared = 0;
  for (const p of spunPairs) {
    const left = counts.get(p) ?? 0;
    if (left > 0) {
      shared++;
      counts.set(p, left - 1);
    }
  }
  return spunPairs.length === 0 ? 1 : shared / spunPairs.length;
}

/** Join tokens for display: single spaces between words, none before closing punctuation. */
export function joinTokens(tokens: readonly Token[]): string {
  let out = "";
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const prev = tokens[i - 1];
    if (i > 0 && prev && (t.start !== prev.end || (t.word && prev.word))) out += " ";
    out += t.text;
  }
  return out;
}

function isQuote(t: Token): boolean {
  return !t.word && t.key === '"';
}

/**
 * Map each distinct key to one BMP code unit (never a surrogate), so that a
 * character diff over the mapped strings is a token diff.
 */
function encode(a: readonly Token[], b: readonly Token[]): [string, string] {
  const codes = new Map<string, string>();
  let next = 0x100;
  const code = (key: string): string => {
    let c = codes.get(key);
    if (c === undefined) {
      if (next === 0xd800) next = 0xe000;
      // Past ~63k distinct tokens, keys share a code; equal runs are re-checked below.
      c = String.fromCharCode(next <= 0xfffd ? next++ : 0xfffd);
      codes.set(key, c);
    }
    return c;
  };
  let sa = "";
  for (const t of a) sa += code(t.key);
  let sb = "";
  for (const t of b) sb += code(t.key);
  return [sa, sb];
}

/** Above this many tokens on either side, the diff is cut at anchors first (see anchoredDiff). */
export const ANCHOR_ABOVE = 20_000;

type DiffPart = [-1 | 0 | 1, string];

/**
 * fast-diff over two token strings (see encode), cut first at anchors when they are long: tokens that occur exactly
 * once on each side, in the same order (the longest such chain, as patience diff takes it), are matched to each other
 * and only the gaps between them are diffed. fast-diff (Myers) costs about the length times the number of
 * differences, and a spun text differs from its original in one token of five or so: on a pair of 900 KB, 20 s,
 * growing with the square of the length. Texts of an article's size (under ANCHOR_ABOVE tokens a side) are diffed
 * whole, exactly as before. `diffImpl` is for tests, which count the work.
 */
export function anchoredDiff(sa: string, sb: string, diffImpl: (a: string, b: string) => DiffPart[] = diff as (a: string, b: string) => DiffPart[]): DiffPart[] {
  if (sa.length <= ANCHOR_ABOVE && sb.length <= ANCHOR_ABOVE) return diffImpl(sa, sb);
  const countA = new Map<number, number>();
  const countB = new Map<number, number>();
  const atB = new Map<number, number>();
  for (let i = 0; i < sa.length; i++) countA.set(sa.charCodeAt(i), (countA.get(sa.charCodeAt(i)) ?? 0) + 1);
  for (let j = 0; j < sb.length; j++) {
    countB.set(sb.charCodeAt(j), (countB.get(sb.charCodeAt(j)) ?? 0) + 1);
    atB.set(sb.charCodeAt(j), j);
  }
  // Unique on both sides (never the code that keys share past ~63k distinct tokens), in spun order: [i, j].
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < sa.length; i++) {
    const c = sa.charCodeAt(i);
    if (c !== 0xfffd && countA.get(c) === 1 && countB.get(c) === 1) pairs.push([i, atB.get(c)!]);
  }
  const anchors = longestIncreasingChain(pairs);
  const out: DiffPart[] = [];
  let i = 0;
  let j = 0;
  for (const [ai, bj] of [...anchors, [sa.length, sb.length] as [number, number]]) {
    const x = sa.slice(i, ai);
    const y = sb.slice(j, bj);
    // A long gap has no token unique to it (one passage repeated, or a text with few anchors): diffed in windows.
    const parts = x.length > ANCHOR_ABOVE || y.length > ANCHOR_ABOVE ? windowedDiff(x, y, diffImpl) : diffImpl(x, y);
    for (const part of parts) if (part[1].length > 0) out.push(part);
    if (ai < sa.length) out.push([0, sa[ai]!]);
    i = ai + 1;
    j = bj + 1;
  }
  return out;
}

/** Tokens a side per window of windowedDiff. */
export const DIFF_WINDOW = 4096;

/**
 * A diff of two long token strings that have nothing to anchor on (a passage repeated has no token unique to
 * either side), in windows: the first DIFF_WINDOW tokens of each side are diffed, the result is kept up to the end of
 * the last run of equal tokens within the first three quarters of both windows (where the windows' ends cannot
 * have cut the alignment short), and the next windows start there. Each window costs about its length times its
 * differences, so the whole costs in proportion to the length, not its square. Two spans with no equal run early
 * in them are taken window by window as the diff gives them.
 */
function windowedDiff(sa: string, sb: string, diffImpl: (a: string, b: string) => DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  let i = 0;
  let j = 0;
  const reach = (3 * DIFF_WINDOW) / 4;
  while (sa.length - i > DIFF_WINDOW || sb.length - j > DIFF_WINDOW) {
    const parts = diffImpl(sa.slice(i, i + DIFF_WINDOW), sb.slice(j, j + DIFF_WINDOW));
    // The last equal run ending within `reach` on both sides (and far enough on to make progress).
    let keep = parts.length;
    let at = 0;
    let bt = 0;
    for (let k = 0; k < parts.length; k++) {
      const [op, text] = parts[k]!;
      if (op !== 1) at += text.length;
      if (op !== -1) bt += text.length;
      if (at > reach || bt > reach) break;
      if (op === 0 && (at >= DIFF_WINDOW / 4 || bt >= DIFF_WINDOW / 4)) keep = k + 1;
    }
    for (let k = 0; k < keep; k++) {
      const [op, text] = parts[k]!;
      if (text.length === 0) continue;
      out.push(parts[k]!);
      if (op !== 1) i += text.length;
      if (op !== -1) j += text.length;
    }
  }
  for (const part of diffImpl(sa.slice(i), sb.slice(j))) out.push(part);
  return out;
}

/** The longest chain of pairs increasing in both coordinates (given increasing in the first): patience sorting. */
function longestIncreasingChain(pairs: ReadonlyArray<[number, number]>): Array<[number, number]> {
  const tails: number[] = []; // tails[k]: index in pairs of the smallest end of a chain of length k + 1
  const previous = new Int32Array(pairs.length).fill(-1);
  for (let p = 0; p < pairs.length; p++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]!]![1] < pairs[p]![1]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[p] = tails[lo - 1]!;
    tails[lo] = p;
  }
  const chain: Array<[number, number]> = [];
  for (let p = tails.length ? tails[tails.length - 1]! : -1; p >= 0; p = previous[p]!) chain.push(pairs[p]!);
  return chain.reverse();
}

/** Aligned change regions: [spunFrom, spunTo) ↔ [origFrom, origTo) in token indices. */
function changeRegions(a: readonly Token[], b: readonly Token[]): Array<[number, number, number, number]> {
  const [sa, sb] = encode(a, b);
  const parts = anchoredDiff(sa, sb);
  const regions: Array<[number, number, number, number]> = [];
  let i = 0;
  let j = 0;
  let open: [number, number] | null = null;
  const close = (): void => {
    if (open && (i > open[0] || j > open[1])) regions.push([open[0], i, open[1], j]);
    open = null;
  };
  for (const [op, s] of parts) {
    const n = s.length;
    if (op === 0) {
      for (let k = 0; k < n; k++) {
        if (a[i]!.key === b[j]!.key) {
          close();
        } else {
          // Only possible when codes were shared: treat as a 1:1 change.
          open ??= [i, j];
        }
        i++;
        j++;
      }
      close();
    } else {
      open ??= [i, j];
      if (op === -1) i += n;
      else j += n;
    }
  }
  close();
  return regions;
}

/**
 * Align `spun` with `original` and return the substitution events: maximal changed
 * regions whose both sides are non-empty and at most `maxTokens` tokens, ignoring
 * case-only differences (keys are lower-cased) and quote-only differences (quote
 * tokens at a region's edges are trimmed; regions of quotes only are dropped).
 */
export function alignSubstitutions(spun: string, original: string, options: AlignOptions = {}): Substitution[] {
  const maxTokens = options.maxTokens ?? 4;
  const a = tokenize(spun);
  const b = tokenize(original);
  const out: Substitution[] = [];
  for (const [af, at, bf, bt] of changeRegions(a, b)) {
    let sa = a.slice(af, at);
    let sb = b.slice(bf, bt);
    while (sa.length && isQuote(sa[0]!)) sa = sa.slice(1);
    while (sa.length && isQuote(sa[sa.length - 1]!)) sa = sa.slice(0, -1);
    while (sb.length && isQuote(sb[0]!)) sb = sb.slice(1);
    while (sb.length && isQuote(sb[sb.length - 1]!)) sb = sb.slice(0, -1);
    if (options.headWords && (sa.length === 0) !== (sb.length === 0)) {
      const withHead = attachHead(a, b, [af, at, bf, bt], sa.length ? sa : sb, maxTokens);
      if (withHead) {
        const [ca, cb] = sa.length ? [withHead.added, withHead.head] : [withHead.head, withHead.added];
        out.push({ spun: joinTokens(ca), original: joinTokens(cb), spunStart: ca[0]!.start, spunEnd: ca[ca.length - 1]!.end });
      }
      continue;
    }
    if (sa.length === 0 || sb.length === 0) continue;
    const chunks =
      options.knownPair && (sa.length > 1 || sb.length > 1) && sa.length <= (options.maxRegion ?? 12) && sb.length <= (options.maxRegion ?? 12)
        ? splitRegion(sa, sb, options.knownPair)
        : [[sa, sb] as const];
    for (const [ca, cb] of chunks) {
      if (ca.length > maxTokens || cb.length > maxTokens) continue;
      if (!ca.some((t) => t.word) || !cb.some((t) => t.word)) continue;
      const spunText = joinTokens(ca);
      const origText = joinTokens(cb);
      if (normalizeKey(spunText) === normalizeKey(origText)) continue;
      out.push({ spun: spunText, original: origText, spunStart: ca[0]!.start, spunEnd: ca[ca.length - 1]!.end });
    }
  }
  return out;
}

/**
 * For words added on one side only (`added`, region [af, at) ↔ [bf, bt)), the phrase with its head word on both sides:
 * `added` is the inserted words plus the head, `head` the head alone on the other side. Undefined when the change is
 * not plain words or the head is ambiguous.
 */
function attachHead(
  a: readonly Token[],
  b: readonly Token[],
  [af, at, bf, bt]: [number, number, number, number],
  inserted: readonly Token[],
  maxTokens: number,
): { added: Token[]; head: Token[] } | undefined {
  if (!inserted.every((t) => t.word) || inserted.length + 1 > maxTokens) return undefined;
  if (inserted.every((t) => FUNCTION_WORDS.has(t.key))) return undefined;
  const content = (t: Token | undefined) => t !== undefined && t.word && !FUNCTION_WORDS.has(t.key) && !/\d/.test(t.key);
  const spunSide = at > af;
  // The region is maximal, so its neighbours are equal on both sides.
  const left = content(a[af - 1]) && content(b[bf - 1]);
  const right = content(a[at]) && content(b[bt]);
  if (left === right) return undefined;
  const headA = left ? a[af - 1]! : a[at]!;
  const headB = left ? b[bf - 1]! : b[bt]!;
  const ins = [...inserted];
  if (spunSide) return { added: left ? [headA, ...ins] : [...ins, headA], head: [headB] };
  return { added: left ? [headB, ...ins] : [...ins, headB], head: [headA] };
}

/**
 * Split a changed region into aligned chunks (1–4 tokens a side) so that as many chunks as possible are
 * pairs a source knows; chunks nobody knows are kept as they fall between the known ones. The region stays
 * whole when no split finds a known pair.
 */
function splitRegion(
  sa: readonly Token[],
  sb: readonly Token[],
  known: (spunKey: string, originalKey: string) => boolean,
): Array<readonly [readonly Token[], readonly Token[]]> {
  const n = sa.length;
  const m = sb.length;
  const key = (ts: readonly Token[]) => normalizeKey(joinTokens(ts));
  // best[i][j]: best score aligning sa[0,i) with sb[0,j); a known chunk scores 3, an unknown one -1.
  const best: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(-Infinity));
  const back: Array<Array<[number, number, boolean] | undefined>> = Array.from({ length: n + 1 }, () => new Array(m + 1));
  best[0]![0] = 0;
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      const here = best[i]![j]!;
      if (here === -Infinity) continue;
      for (let x = 1; x <= 4 && i + x <= n; x++) {
        for (let y = 1; y <= 4 && j + y <= m; y++) {
          const isKnown = known(key(sa.slice(i, i + x)), key(sb.slice(j, j + y)));
          const score = here + (isKnown ? 3 : -1);
          if (score > best[i + x]![j + y]!) {
            best[i + x]![j + y] = score;
            back[i + x]![j + y] = [i, j, isKnown];
          }
        }
      }
    }
  }
  const chunks: Array<readonly [readonly Token[], readonly Token[]]> = [];
  let anyKnown = false;
  for (let i = n, j = m; i > 0 || j > 0; ) {
    const step = back[i]![j];
    if (!step) return [[sa, sb]];
    const [pi, pj, isKnown] = step;
    anyKnown ||= isKnown;
    chunks.unshift([sa.slice(pi, i), sb.slice(pj, j)]);
    i = pi;
    j = pj;
  }
  return anyKnown && chunks.length > 1 ? chunks : [[sa, sb]];
}

/**
 * Align every pair and aggregate the substitutions by normalised (spun, original).
 * An n:n multiword event with at least one word pair also seen as a standalone 1:1
 * event is split into its word pairs (adjacent swaps, not a phrase entry). Rows are
 * sorted by count (desc), then number of docs (desc), then spun, then original.
 */
export function mineEntries(pairs: Iterable<AlignedPair>, options: AlignOptions = {}): MinedRow[] {
  const events: Array<{ id: string; spun: string; original: string; cap: boolean }> = [];
  const singles = new Set<string>();
  for (const pair of pairs) {
    for (const s of alignSubstitutions(pair.spun, pair.original, options)) {
      const spun = normalizeKey(s.spun);
      const original = normalizeKey(s.original);
      events.push({ id: pair.id, spun, original, cap: /^\p{Lu}/u.test(s.original) });
      if (!spun.includes(" ") && !original.includes(" ")) singles.add(`${spun}\t${original}`);
    }
  }
  const rows = new Map<string, { spun: string; original: string; count: number; docs: Set<string>; capitalised: number }>();
  const add = (id: string, spun: string, original: string, cap: boolean): void => {
    const k = `${spun}\t${original}`;
    let row = rows.get(k);
    if (!row) {
      row = { spun, original, count: 0, docs: new Set(), capitalised: 0 };
      rows.set(k, row);
    }
    row.count++;
    row.docs.add(id);
    if (cap) row.capitalised++;
  };
  for (const e of events) {
    // Adjacent one-word swaps merge into one n:n region ("invoice handed" ← "bill passed"):
    // split it when some differing word pair is also seen on its own somewhere.
    const sw = e.spun.split(" ");
    const ow = e.original.split(" ");
    if (sw.length > 1 && sw.length === ow.length && sw.some((w, i) => w !== ow[i] && singles.has(`${w}\t${ow[i]}`))) {
      sw.forEach((w, i) => {
        if (w !== ow[i]) add(e.id, w, ow[i]!, i === 0 && e.cap);
      });
    } else {
      add(e.id, e.spun, e.original, e.cap);
    }
  }
  return [...rows.values()]
    .map((r) => ({ spun: r.spun, original: r.original, count: r.count, docs: [...r.docs].sort(), capitalised: r.capitalised }))
    .sort(compareRows);
}

function compareRows(x: MinedRow, y: MinedRow): number {
  return (
    y.count - x.count ||
    y.docs.length - x.docs.length ||
    (x.spun < y.spun ? -1 : x.spun > y.spun ? 1 : 0) ||
    (x.original < y.original ? -1 : x.original > y.original ? 1 : 0)
  );
}

/** Header line of the proposals/mined TSV files. */
export const PROPOSALS_HEADER = "# spun\toriginal\tcount\tdocs";

/** Format rows as TSV: `spun<TAB>original<TAB>count<TAB>docs` (docs comma-separated), with a `#` header line. */
export function formatProposals(rows: readonly MinedRow[]): string {
  const lines = [PROPOSALS_HEADER];
  for (const r of rows) lines.push(`${r.spun}\t${r.original}\t${r.count}\t${r.docs.map(escapeControls).join(",")}`);
  return lines.join("\n") + "\n";
}

const CONTROL_ESCAPES: Readonly<Record<string, string>> = { "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/**
 * A doc id (a file name) fit for one TSV cell: a tab or line break in it would split the row and the file would no
 * longer load as a dictionary, so control characters (and the Unicode line separators) are written as escapes.
 */
export function escapeControls(id: string): string {
  return id.replace(/[\p{Cc}\u2028\u2029]/gu, (c) => CONTROL_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
