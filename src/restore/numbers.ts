/**
 * The spinner writes small number words as digits ("the two leaders" → "the 2 leaders", "third" → "3rd").
 * The language model cannot tell them apart (it reads digits as words), so this is a rule: in running
 * prose, a lone digit from 1 to 9 or an ordinal 1st–9th becomes a word, as news style writes them,
 * unless its neighbours say it is a real figure (money, percentages, times, dates, scores, versions,
 * units, lists of numbers, names like "Apollo 9" or "No. 1").
 */
import type { WordToken } from "../text/tokenize.js";
import { casePattern, type CasePattern } from "./case.js";
import type { Site, SiteCandidate, SiteOptions } from "./sites.js";

const CARDINALS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
const ORDINALS = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"];

// Words after a digit that mark a figure rather than a count.
const FIGURE_NEXT = new Set(
  ("percent per cent pct million billion trillion thousand hundred dozen am pm a.m p.m o'clock bn m k " +
    "km kg g mg ml l cm mm m mi mph kph gb mb kb tb ghz mhz hz kw mw v w x p st nd rd th inch inches ft feet " +
    "pound pounds lb lbs oz degree degrees hours hrs minutes mins seconds secs points pts goals runs wickets " +
    "stars out").split(" "),
);
// Words before a digit that make it a label, a score or a figure.
const FIGURE_PREV = new Set(
  ("no number num page pages p pp chapter section sec step steps version v level grade room gate phase round " +
    "game match week day season part act scene volume vol issue episode ep line figure fig table box row " +
    "article rule class category type size model series mark stage track route highway flight platform floor " +
    "unit apartment suite lane exit dec jan feb mar apr may jun jul aug sep sept oct nov covid windows " +
    "iphone ios android python v. ver rev term tier zone lot kids ages age aged").split(" "),
);
const MONTH = /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)$/;

const SPACE = /\s/;

/** Whether the text before `end` ends a sentence: [.!?] then only white space. Looks back from `end`, never at the whole text. */
function endsSentence(text: string, end: number): boolean {
  let j = end - 1;
  while (j >= 0 && SPACE.test(text[j]!)) j--;
  return j >= 0 && (text[j] === "." || text[j] === "!" || text[j] === "?");
}

/** The skip spans sorted and merged, for a binary search per number instead of a scan of all of them. */
export function mergedSpans(spans: ReadonlyArray<{ start: number; end: number }>): Array<{ start: number; end: number }> {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const out: Array<{ start: number; end: number }> = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

/** Whether [start, end) overlaps one of the merged, sorted spans. */
export function overlaps(spans: ReadonlyArray<{ start: number; end: number }>, start: number, end: number): boolean {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo < spans.length && spans[lo]!.start < end;
}

/** What numberSite() reads of the tokens: the object tokens of tokenizeWords or the engine's compact ones. */
export interface TokenAccess {
  n: number;
  start(i: number): number;
  end(i: number): number;
  text(i: number): string;
  key(i: number): string;
}

/** The number word a digit token i stands for, and the case it takes, or null when it is a figure (rules above). */
export function numberSite(
  text: string,
  tokens: TokenAccess,
  i: number,
  skip: ReadonlyArray<{ start: number; end: number }>,
  isHidden: (tokenIndex: number) => boolean,
): { word: string; pattern: CasePattern } | null {
  const tStart = tokens.start(i);
  const tEnd = tokens.end(i);
  // Cheap test first: a digit 1-9, alone or with an ordinal suffix.
  const c0 = text.charCodeAt(tStart);
  if (c0 < 0x31 || c0 > 0x39 || (tEnd - tStart !== 1 && tEnd - tStart !== 3)) return null;
  const tText = tokens.text(i);
  const m = /^([1-9])(st|nd|rd|th)?$/.exec(tText);
  if (!m || isHidden(i)) return null;
  if (overlaps(skip, tStart, tEnd)) return null;
  const before = text.slice(Math.max(0, tStart - 2), tStart);
  const after = text.slice(tEnd, tEnd + 2);
  // Attached symbols: $5, 5%, 5:30, 2-1, 3/4, 1.5, 5,000, (5), #5, 5+; and notation: x_1, a^2, \\1, x=1, 2*3, <5.
  if (/[$€£¥#+\-–/.:,(\[_^\\=*<>]/.test(text[tStart - 1] ?? "") || /[$€£¥#]\s$/.test(before)) return null;
  if (/^(?:[%:/\-–+×x°.,]\d|[%:/\-–+×°)\]_^=*<>]|\.\d)/.test(after)) return null;
  const hasPrev = i > 0;
  const hasNext = i + 1 < tokens.n;
  const prevGap = hasPrev ? text.slice(tokens.end(i - 1), tStart) : "\n";
  const nextGap = hasNext ? text.slice(tEnd, tokens.start(i + 1)) : "\n";
  const prevWord = hasPrev && /^\s+$/.test(prevGap);
  const nextWord = hasNext && /^\s+$/.test(nextGap);
  if (prevWord) {
    const key = tokens.key(i - 1);
    if (FIGURE_PREV.has(key.replace(/\.$/, "")) || MONTH.test(key)) return null;
  }
  if (nextWord) {
    const key = tokens.key(i + 1);
    if (FIGURE_NEXT.has(key.replace(/\.$/, "")) || MONTH.test(key)) return null;
  }
  // A proper name before it ("Apollo 9", "Windows 7") or numbers nearby (lists, scores, ranges).
  if (prevWord && /^\p{Lu}/u.test(tokens.text(i - 1)) && i - 1 > 0 && !endsSentence(text, tokens.start(i - 1))) return null;
  for (const j of [i - 2, i - 1, i + 1, i + 2]) if (j >= 0 && j < tokens.n && /^\p{N}/u.test(tokens.text(j))) return null;
  // A number with no word after it on its line (a bare "2", a list label) is not a count in prose.
  if (!nextWord) return null;
  const n = Number(m[1]);
  const word = m[2] ? ORDINALS[n]! : CARDINALS[n]!;
  const atSentenceStart = /(?:^|[.!?]["”’]?\s+|\n\s*)$/.test(text.slice(Math.max(0, tStart - 4), tStart)) || tStart === 0;
  return { word, pattern: atSentenceStart ? "first" : casePattern(word) };
}

/** The number site of a proposal from numberSite(). */
export function numberCandidate(word: string): SiteCandidate {
  return { text: word, tier: "rule", prior: -0.2, entry: `rule:digit→word`, sources: 1 };
}

export function findNumberSites(
  text: string,
  tokens: readonly WordToken[],
  options: SiteOptions,
  isHidden: (tokenIndex: number) => boolean,
): Site[] {
  const sites: Site[] = [];
  const skip = mergedSpans(options.skip);
  const access: TokenAccess = {
    n: tokens.length,
    start: (i) => tokens[i]!.start,
    end: (i) => tokens[i]!.end,
    text: (i) => tokens[i]!.text,
    key: (i) => tokens[i]!.key,
  };
  for (let i = 0; i < tokens.length; i++) {
    const found = numberSite(text, access, i, skip, isHidden);
    if (!found) continue;
    const t = tokens[i]!;
    sites.push({
      start: t.start,
      end: t.end,
      tokFrom: i,
      tokTo: i + 1,
      poolKey: `#${t.text}`,
      spun: t.text,
      pattern: found.pattern,
      candidates: [numberCandidate(found.word)],
      forced: false,
    });
  }
  return sites;
}
