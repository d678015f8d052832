/**
 * The spinner writes small number words as digits ("the two leaders" → "the 2 leaders", "third" → "3rd").
 * The language model cannot tell them apart (it reads digits as words), so this is a rule: in running
 * prose, a lone digit from 1 to 9 or an ordinal 1st–9th becomes a word, as news style writes them,
 * unless its neighbours say it is a real figure (money, percentages, times, dates, scores, versions,
 * units, lists of numbers, names like "Apollo 9" or "No. 1").
 */
import type { WordToken } from "../text/tokenize.js";
import { casePattern } from "./case.js";
import type { Site, SiteOptions } from "./sites.js";

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

const isNumberToken = (t: WordToken | undefined) => !!t && /^\p{N}/u.test(t.text);
const SPACE = /\s/;

/** Whether the text before `end` ends a sentence: [.!?] then only white space. Looks back from `end`, never at the whole text. */
function endsSentence(text: string, end: number): boolean {
  let j = end - 1;
  while (j >= 0 && SPACE.test(text[j]!)) j--;
  return j >= 0 && (text[j] === "." || text[j] === "!" || text[j] === "?");
}

/** The skip spans sorted and merged, for a binary search per number instead of a scan of all of them. */
function mergedSpans(spans: ReadonlyArray<{ start: number; end: number }>): Array<{ start: number; end: number }> {
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
function overlaps(spans: ReadonlyArray<{ start: number; end: number }>, start: number, end: number): boolean {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo < spans.length && spans[lo]!.start < end;
}

export function findNumberSites(
  text: string,
  tokens: readonly WordToken[],
  options: SiteOptions,
  isHidden: (tokenIndex: number) => boolean,
): Site[] {
  const sites: Site[] = [];
  const skip = mergedSpans(options.skip);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const m = /^([1-9])(st|nd|rd|th)?$/.exec(t.text);
    if (!m || isHidden(i)) continue;
    if (overlaps(skip, t.start, t.end)) continue;
    const before = text.slice(Math.max(0, t.start - 2), t.start);
    const after = text.slice(t.end, t.end + 2);
    // Attached symbols: $5, 5%, 5:30, 2-1, 3/4, 1.5, 5,000, (5), #5, 5+.
    if (/[$€£¥#+\-–/.:,(\[]/.test(text[t.start - 1] ?? "") || /[$€£¥#]\s$/.test(before)) continue;
    if (/^(?:[%:/\-–+×x°.,]\d|[%:/\-–+×°)\]]|\.\d)/.test(after)) continue;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    const prevGap = prev ? text.slice(prev.end, t.start) : "\n";
    const nextGap = next ? text.slice(t.end, next.start) : "\n";
    const prevWord = prev && /^\s+$/.test(prevGap) ? prev : undefined;
    const nextWord = next && /^\s+$/.test(nextGap) ? next : undefined;
    if (prevWord && (FIGURE_PREV.has(prevWord.key.replace(/\.$/, "")) || MONTH.test(prevWord.key))) continue;
    if (nextWord && (FIGURE_NEXT.has(nextWord.key.replace(/\.$/, "")) || MONTH.test(nextWord.key))) continue;
    // A proper name before it ("Apollo 9", "Windows 7") or numbers nearby (lists, scores, ranges).
    if (prevWord && /^\p{Lu}/u.test(prevWord.text) && i - 1 > 0 && !endsSentence(text, prevWord.start)) continue;
    if ([i - 2, i - 1, i + 1, i + 2].some((j) => isNumberToken(tokens[j]))) continue;
    // A number with no word after it on its line (a bare "2", a list label) is not a count in prose.
    if (!nextWord) continue;
    const n = Number(m[1]);
    const word = m[2] ? ORDINALS[n]! : CARDINALS[n]!;
    const atSentenceStart = /(?:^|[.!?]["”’]?\s+|\n\s*)$/.test(text.slice(Math.max(0, t.start - 4), t.start)) || t.start === 0;
    sites.push({
      start: t.start,
      end: t.end,
      tokFrom: i,
      tokTo: i + 1,
      poolKey: `#${t.text}`,
      spun: t.text,
      pattern: atSentenceStart ? "first" : casePattern(word),
      candidates: [{ text: word, tier: "rule", prior: -0.2, entry: `rule:digit→word`, sources: 1 }],
      forced: false,
    });
  }
  return sites;
}
