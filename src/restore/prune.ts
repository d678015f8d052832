/**
 * Ranking a general thesaurus's candidates in context. The thesauri give a spun word dozens or hundreds of
 * possible originals; instead of cutting them by a fixed cap or a frequency filter before the context is known,
 * each spun form's thesaurus candidates are ranked by how well they fit the words around its sites (a bigram on
 * each side, averaged over the sites) plus their prior, and the best few are kept for the decider.
 */
import type { WordToken } from "../text/tokenize.js";
import type { LmView } from "./lm-view.js";
import type { Site, SiteCandidate } from "./sites.js";

/** Thesaurus candidates kept per spun form. */
export const THESAURUS_PER_SITE = 16;

export interface RankOptions {
  keep: number;
  /** Weight of the candidate's thesaurus prior against its fit in context (log10 units). */
  priorWeight: number;
  /** Weight of its unigram log10 probability (negative: a context favours common words on its own). */
  unigramWeight: number;
}

export const RANKING: RankOptions = { keep: THESAURUS_PER_SITE, priorWeight: 1, unigramWeight: -1 };

export function rankThesaurusCandidates(sites: Site[], tokens: readonly WordToken[], lm: LmView, options: RankOptions = RANKING): Site[] {
  const { keep, priorWeight, unigramWeight } = options;
  const groups = new Map<string, number[]>();
  sites.forEach((s, i) => {
    const g = groups.get(s.poolKey);
    if (g) g.push(i);
    else groups.set(s.poolKey, [i]);
  });
  const out = sites.slice();
  const ids: number[] = [];
  for (const members of groups.values()) {
    const first = sites[members[0]!]!;
    const list = first.candidates;
    let thesaurus = 0;
    for (const c of list) if (c.tier === "thesaurus") thesaurus++;
    if (thesaurus <= keep) continue;
    const score = new Float64Array(list.length);
    for (const i of members) {
      const s = sites[i]!;
      const left = neighbourIds(lm, tokens, s.tokFrom - 1, s, -1);
      const right = neighbourIds(lm, tokens, s.tokTo, s, 1);
      list.forEach((c, ci) => {
        if (c.tier !== "thesaurus") return;
        ids.length = 0;
        ids.push(left);
        for (const id of lm.phraseIds(c.text)) ids.push(id);
        ids.push(right);
        score[ci] = score[ci]! + lm.logProbRange(ids, 1, ids.length);
      });
    }
    const ranked = list
      .map((c, ci) => ({ c, s: score[ci]! / members.length + priorWeight * c.prior + unigramWeight * unigramOf(lm, c.text) }))
      .filter((x) => x.c.tier === "thesaurus")
      .sort((a, b) => b.s - a.s)
      .slice(0, keep)
      .map((x) => x.c);
    const kept = new Set<SiteCandidate>(ranked);
    const candidates = list.filter((c) => c.tier !== "thesaurus" || kept.has(c));
    for (const i of members) out[i] = { ...sites[i]!, candidates };
  }
  return out;
}

/** Model id of the word next to a site (the sentence boundary's id when there is none on that line). */
function neighbourIds(lm: LmView, tokens: readonly WordToken[], t: number, site: Site, dir: -1 | 1): number {
  const token = tokens[t];
  const adjacent = dir < 0 ? token?.joinsNext : tokens[site.tokTo - 1]?.joinsNext;
  if (!token || !adjacent) return dir < 0 ? lm.bos : lm.eos;
  const ids = lm.tokenIds(token.text);
  if (ids.length === 0) return dir < 0 ? lm.bos : lm.eos;
  return dir < 0 ? ids[ids.length - 1]! : ids[0]!;
}

function unigramOf(lm: LmView, phrase: string): number {
  const ids = lm.phraseIds(phrase);
  let sum = 0;
  for (const id of ids) sum += lm.unigram(id);
  return ids.length ? sum / ids.length : -8;
}
