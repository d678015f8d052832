/**
 * Candidate sites: places in the text where the dictionary (or a spintax artefact) proposes
 * another wording. Finding sites is pure matching; choosing among candidates is decide.ts.
 */
import type { Candidate, PhraseDictionary, Tier } from "../dict/types.js";
import type { WordToken } from "../text/tokenize.js";
import { casePattern, type CasePattern } from "./case.js";

export interface SiteCandidate {
  /** Replacement text before case is applied (lower case for dictionary entries, as written for spintax). */
  text: string;
  tier: Tier;
  prior: number;
  entry: string;
  /** How many independent sources list the pair (general thesauri: Moby, MyThes, WordNet); 1 otherwise. */
  sources: number;
}

export interface Site {
  /** Text offsets of the span replaced (for spintax, the braces included). */
  start: number;
  end: number;
  /** Word tokens the span covers, [tokFrom, tokTo). */
  tokFrom: number;
  tokTo: number;
  /** Pooling key: every site with the same key was spun the same way (the spinner's one-choice-per-article rule). */
  poolKey: string;
  /** The spun form as written. */
  spun: string;
  pattern: CasePattern;
  candidates: SiteCandidate[];
  /** Spintax must be resolved: keeping the text as written is not an option. */
  forced: boolean;
  /** For spintax, tokens inside the braces that are not part of the first alternative (hidden from the model). */
  hiddenTokens?: [number, number];
}

export interface SiteOptions {
  neverTouch: ReadonlySet<string>;
  skip: ReadonlyArray<{ start: number; end: number }>;
}

const overlapsAny = (start: number, end: number, spans: ReadonlyArray<{ start: number; end: number }>) =>
  spans.some((s) => s.start < end && start < s.end);

/** Index of the first token starting after `offset` (binary search; tokens are in text order). */
function firstTokenAfter(tokens: readonly WordToken[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start > offset) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Spintax left in the text: `{dollars}`, `{the marketplace}`, `{a|b}`. */
export function findSpintaxSites(text: string, tokens: readonly WordToken[], options: SiteOptions): Site[] {
  const sites: Site[] = [];
  const re = /\{([^{}\n]{1,200})\}/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (overlapsAny(start, end, options.skip)) continue;
    const alternatives = m[1]!.split("|").map((a) => a.trim());
    // Only prose alternatives: `{x: 1}` or `{}` in code-like text is not spintax.
    if (alternatives.some((a) => !/^[\p{L}\p{N}'’\- ]+$/u.test(a))) continue;
    const tokFrom = firstTokenAfter(tokens, start);
    if (tokFrom >= tokens.length || tokens[tokFrom]!.start >= end) continue;
    let tokTo = tokFrom;
    while (tokTo < tokens.length && tokens[tokTo]!.end <= end) tokTo++;
    const firstEnd = start + 1 + m[1]!.indexOf("|") ;
    let firstTo = tokFrom;
    if (alternatives.length > 1) while (firstTo < tokTo && tokens[firstTo]!.end <= firstEnd) firstTo++;
    else firstTo = tokTo;
    const unique = [...new Set(alternatives.filter((a) => a.length > 0))];
    if (unique.length === 0) continue;
    sites.push({
      start,
      end,
      tokFrom,
      tokTo: firstTo,
      poolKey: `{}${m[0]}`,
      spun: m[0],
      pattern: "mixed",
      candidates: unique.map((a) => ({ text: a, tier: "artefact", prior: 0, entry: `artefact:${m![0]}→${a}`, sources: 1 })),
      forced: true,
      ...(firstTo < tokTo ? { hiddenTokens: [firstTo, tokTo] as [number, number] } : {}),
    });
  }
  return sites;
}

/**
 * Dictionary sites: every span of up to maxPhraseWords adjacent words (no punctuation between them)
 * whose key has candidates. Shorter spans inside a long match are sites too: the decider picks.
 */
export function findDictionarySites(
  tokens: readonly WordToken[],
  dictionary: PhraseDictionary,
  options: SiteOptions,
  isHidden: (tokenIndex: number) => boolean,
): Site[] {
  const sites: Site[] = [];
  const shared = new Map<string, SiteCandidate[]>();
  const maxLen = dictionary.maxPhraseWords;
  for (let i = 0; i < tokens.length; i++) {
    if (isHidden(i)) continue;
    let key = "";
    let spun = "";
    let words = 0;
    // A phrase runs over words joined by spaces, or by a single hyphen ("well-liked" is a spun form too).
    for (let len = 1; i + len <= tokens.length; len++) {
      const last = tokens[i + len - 1]!;
      const joiner = len === 1 ? "" : tokens[i + len - 2]!.joinsNext ? " " : tokens[i + len - 2]!.hyphenNext ? "-" : undefined;
      if (joiner === undefined || (len > 1 && isHidden(i + len - 1))) break;
      if (joiner !== "-" && ++words > maxLen) break;
      if (len === 2 && joiner === " " && dictionary.mayStartPhrase && !dictionary.mayStartPhrase(key)) break;
      key = len === 1 ? last.key : `${key}${joiner}${last.key}`;
      spun = len === 1 ? last.text : `${spun}${joiner}${last.text}`;
      const found = dictionary.lookup(key);
      if (!found || found.length === 0) continue;
      const start = tokens[i]!.start;
      const end = last.end;
      if (overlapsAny(start, end, options.skip)) continue;
      if (options.neverTouch.has(key)) continue;
      const pattern = casePattern(spun);
      // The spinner never touches ALL-CAPS text, and mixed case (iPhone, McDonald) is a name. Its lower-case pass
      // leaves the parts of hyphenated compounds alone ("military-security" stays). Paper-mill spinners keep
      // acronyms and names inside the terms they swap ("profound CNN", "DNA harm") and hyphenate after them
      // ("profound learning-based"): there only fingerprint entries apply.
      if (pattern === "upper") continue;
      const fingerprintOnly = pattern === "mixed" || (pattern === "lower" && (tokens[i]!.hyphenBefore || last.hyphenAfter));
      if (tokens.slice(i, i + len).some((t) => options.neverTouch.has(t.key))) continue;
      // Shared by every site of the same key: a long document has thousands of sites, not thousands of lists.
      const sharedKey = fingerprintOnly ? `\u0000${key}` : key;
      let candidates = shared.get(sharedKey);
      if (!candidates) {
        candidates = found
          .filter((c: Candidate) => c.original !== key && !options.neverTouch.has(c.original.toLowerCase()))
          .filter((c: Candidate) => !fingerprintOnly || c.tier === "fingerprint")
          .map((c: Candidate) => ({ text: c.original, tier: c.tier, prior: c.prior, entry: c.entry, sources: c.source.split("+").length }));
        shared.set(sharedKey, candidates);
      }
      if (candidates.length === 0) continue;
      sites.push({
        start,
        end,
        tokFrom: i,
        tokTo: i + len,
        poolKey: `${pattern === "lower" ? "" : "^"}${key}`,
        spun,
        pattern,
        candidates,
        forced: false,
      });
    }
  }
  return sites;
}
