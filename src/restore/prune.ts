/**
 * Ranking a general thesaurus's candidates in context. The thesauri give a spun word dozens or hundreds of
 * possible originals; instead of cutting them by a fixed cap or a frequency filter before the context is known,
 * each spun form's thesaurus candidates are ranked by how well they fit the words around its sites (a bigram on
 * each side, or a trigram window of two words each side, averaged over the sites) plus their prior, and the best few
 * are kept for the decider.
 */
import { JOINS_NEXT, type TokenTable } from "../text/tokenize.js";
import { subList, withModel, type CandList } from "./candidates.js";
import type { Forms, Sites } from "./engine.js";
import { MANY, type LmView } from "./lm-view.js";

/** Thesaurus candidates kept per spun form. */
export const THESAURUS_PER_SITE = 24;

export interface RankOptions {
  keep: number;
  /** Weight of the candidate's thesaurus prior against its fit in context (log10 units). */
  priorWeight: number;
  /** Weight of its unigram log10 probability (negative: a context favours common words on its own). */
  unigramWeight: number;
  /**
   * Words of context each side of a site: 1 (the default), the words next to it (a bigram before, a trigram after);
   * 2, the trigram window the decider scores (two words each side, punctuation skipped within the sentence).
   */
  context?: 1 | 2;
}

/**
 * The trigram window the decider scores (two words each side) and 24 kept per form. Held out (seed and devset, each
 * page's mined pairs removed), against one word of context and 16 kept: single-word recall 86.7 → 89.3 %, phrases
 * 61.0 → 62.9 %, median candidates per site 16 → 24; with the site scorer retrained on these lists, 855 → 846 errors
 * (docs/design.md, "Ranking the thesaurus candidates").
 */
export const RANKING: RankOptions = { keep: THESAURUS_PER_SITE, priorWeight: 1, unigramWeight: -1, context: 2 };

/** What the ranking was before 2026-12-03: one word of context each side, 16 kept (for comparison). */
export const NEIGHBOUR_RANKING: RankOptions = { keep: 16, priorWeight: 1, unigramWeight: -1 };

/**
 * Ranks the thesaurus candidates of every form with more than `keep` of them: each candidate's fit in the context of
 * each site of the form (log10 of the candidate and the words after it given the words before, averaged over the
 * sites) plus its prior and a unigram term; the best `keep` stay, in their list order, with the form's other
 * candidates. Sites of the form then share the shortened list.
 */
export function rankForms(sites: Sites, forms: Forms, tok: TokenTable, lm: LmView, options: RankOptions = RANKING): void {
  const { keep, priorWeight, unigramWeight } = options;
  const wide = options.context === 2;
  let ids = new Int32Array(16);
  for (let f = 0; f < forms.count; f++) {
    const from = forms.memberFrom[f]!;
    const to = forms.memberFrom[f + 1]!;
    const list = withModel(sites.list[forms.members[from]!]!, lm);
    if (list.thesaurus <= keep) continue;
    if (list.n > scratch.score.length) scratch = newScratch(2 * list.n);
    const { score, s, kept } = scratch;
    // Sites of a form often share their neighbours ("he X that"): each distinct (left, right) pair is scored once and
    // its fits added again for every site that has it, in site order, so the sums are the same to the last bit. The
    // fits are kept with the list (shared by every document and window that has its key), so the windows of a long
    // text do not score again the pairs an earlier window had.
    const memo = rankMemo(list, lm);
    const byPair = memo.fits;
    const thes = memo.thesaurus;
    for (let x = 0; x < thes.length; x++) score[thes[x]!] = 0;
    for (let m = from; m < to; m++) {
      const i = forms.members[m]!;
      let left: number;
      let right: number;
      let pair: number | string;
      if (wide) {
        windowIds(lm, tok, sites.tokFrom[i]!, sites.tokTo[i]!);
        left = around[1]!;
        right = around[2]!;
        pair = `${around[0]!},${left},${right},${around[3]!}`;
      } else {
        left = neighbourId(lm, tok, sites.tokFrom[i]! - 1, sites.tokFrom[i]! - 1, -1);
        right = neighbourId(lm, tok, sites.tokTo[i]!, sites.tokTo[i]! - 1, 1);
        // Ids are >= -1 and below 2^25 (the model's word field): the pair fits a double exactly.
        pair = (left + 1) * 2 ** 26 + (right + 1);
      }
      let fits = byPair.get(pair);
      if (fits === undefined) {
        rankWork.pairs++;
        fits = new Float64Array(list.n);
        for (let x = 0; x < thes.length; x++) {
          const c = thes[x]!;
          const a = list.idFrom[c]!;
          const b = list.idFrom[c + 1]!;
          if (b - a + 4 > ids.length) ids = new Int32Array(2 * (b - a + 4));
          let k = 0;
          if (wide) ids[k++] = around[0]!;
          ids[k++] = left;
          const first = k;
          for (let y = a; y < b; y++) ids[k++] = list.ids[y]!;
          ids[k++] = right;
          // The second word after counts too, unless the sentence ends first.
          if (wide && right !== lm.eos) ids[k++] = around[3]!;
          fits[c] = lm.logProbRange(ids, first, k);
        }
        byPair.set(pair, fits);
        memoFloats += list.n;
      }
      for (let x = 0; x < thes.length; x++) {
        const c = thes[x]!;
        score[c] = score[c]! + fits[c]!;
      }
    }
    const members = to - from;
    let finite = true;
    for (let x = 0; x < thes.length; x++) {
      const c = thes[x]!;
      s[c] = score[c]! / members + priorWeight * list.prior[c]! + unigramWeight * list.unigram[c]!;
      if (!Number.isFinite(s[c]!)) finite = false;
    }
    kept.fill(0, 0, list.n);
    // The best `keep`, best first; equal scores keep their list order (what a stable sort's first `keep` are).
    const best = finite ? bestOf(s, thes, keep) : Array.from(thes).sort((a, b) => s[b]! - s[a]! || a - b);
    for (let r = 0; r < Math.min(keep, best.length); r++) kept[best[r]!] = 1;
    const order: number[] = [];
    for (let c = 0; c < list.n; c++) if (list.tier[c] !== "thesaurus" || kept[c]) order.push(c);
    // The same candidates kept: the same list as before (lists are never changed once made).
    const signature = order.join(",");
    let sub = memo.subs.get(signature);
    if (sub === undefined) {
      sub = subList(list, order);
      memo.subs.set(signature, sub);
      memoFloats += order.length;
    }
    for (let m = from; m < to; m++) sites.list[forms.members[m]!] = sub;
  }
}

/** rankForms' per-form arrays, reused from form to form (only the thesaurus candidates' places are read). */
const newScratch = (n: number) => ({ score: new Float64Array(n), s: new Float64Array(n), kept: new Uint8Array(n) });
let scratch = newScratch(256);

/**
 * The first `keep` of `items` in the order of a stable sort by `s` descending (finite scores), without sorting them
 * all: an insertion into the best so far, which a candidate enters only when it beats the last of them.
 */
export function bestOf(s: Float64Array, items: Int32Array, keep: number): number[] {
  const top: number[] = [];
  for (let x = 0; x < items.length; x++) {
    const c = items[x]!;
    const v = s[c]!;
    // Items come in list order: an equal score never goes before one already in.
    if (top.length === keep && !(v > s[top[keep - 1]!]!)) continue;
    let k = top.length < keep ? top.length : keep - 1;
    if (top.length < keep) top.push(c);
    while (k > 0 && v > s[top[k - 1]!]!) {
      top[k] = top[k - 1]!;
      k--;
    }
    top[k] = c;
  }
  return top;
}

/** What rankForms keeps per candidate list and model: fits by context, and shortened lists by what they keep. */
interface RankMemo {
  lm: LmView;
  /** By neighbour pair (a number) with a one-word context, by the four ids ("l2,l1,r1,r2") with two words. */
  fits: Map<number | string, Float64Array>;
  subs: Map<string, CandList>;
  /** The list's thesaurus candidates, in list order. */
  thesaurus: Int32Array;
}

let rankMemos = new WeakMap<CandList, RankMemo>();
/** Numbers held by the memos (fits, and candidates of shortened lists); past RANK_MEMO_FLOATS they start afresh. */
let memoFloats = 0;
/** About 8 MB of fits. */
const RANK_MEMO_FLOATS = 1 << 20;

function rankMemo(list: CandList, lm: LmView): RankMemo {
  if (memoFloats > RANK_MEMO_FLOATS) {
    rankMemos = new WeakMap();
    memoFloats = 0;
  }
  let memo = rankMemos.get(list);
  if (memo === undefined || memo.lm !== lm) {
    const thesaurus: number[] = [];
    for (let c = 0; c < list.n; c++) if (list.tier[c] === "thesaurus") thesaurus.push(c);
    memo = { lm, fits: new Map(), subs: new Map(), thesaurus: Int32Array.from(thesaurus) };
    rankMemos.set(list, memo);
  }
  return memo;
}

/** Contexts scored since the start (tests count work with it). */
export const rankWork = { pairs: 0 };

/**
 * Model id of the word next to a site (the sentence boundary's id when there is none on that line): token t, which
 * touches the site when token `joined` joins the next with spaces only.
 */
function neighbourId(lm: LmView, tok: TokenTable, t: number, joined: number, dir: -1 | 1): number {
  const adjacent = joined >= 0 && joined < tok.n && (tok.flags[joined]! & JOINS_NEXT) !== 0;
  if (t < 0 || t >= tok.n || !adjacent) return dir < 0 ? lm.bos : lm.eos;
  const one = lm.wordOne(tok.word[t]!);
  if (one !== MANY) return one;
  const ids = lm.wordIds(tok.word[t]!);
  if (ids.length === 0) return dir < 0 ? lm.bos : lm.eos;
  return dir < 0 ? ids[ids.length - 1]! : ids[0]!;
}

/** windowIds' result: two model ids before a site (the farther first) and two after it. */
const around = new Int32Array(4);

/**
 * The two model ids before tokens [from, to) and the two after them in their sentence, as the decider reads a site's
 * context (decide.ts Scoring: punctuation has no ids and is skipped), into `around`: the sentence start's id where
 * fewer come before (and -1, no history, before it), the sentence end's where fewer come after.
 */
function windowIds(lm: LmView, tok: TokenTable, from: number, to: number): void {
  const sentence = tok.sentence[from]!;
  const start = tok.sentenceFrom[sentence]!;
  const end = tok.sentenceTo[sentence]!;
  let n = 0;
  for (let t = from - 1; t >= start && n < 2; t--) {
    const ids = lm.wordIds(tok.word[t]!);
    for (let x = ids.length - 1; x >= 0 && n < 2; x--) around[1 - n++] = ids[x]!;
  }
  if (n < 2) around[1 - n++] = lm.bos;
  if (n < 2) around[0] = -1;
  n = 0;
  for (let t = to; t < end && n < 2; t++) {
    const ids = lm.wordIds(tok.word[t]!);
    for (let x = 0; x < ids.length && n < 2; x++) around[2 + n++] = ids[x]!;
  }
  while (n < 2) around[2 + n++] = lm.eos;
}
