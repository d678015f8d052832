// Labels for training the site scorer: which candidate at a site restores the original. The spun and original
// texts are aligned word by word; around each site, a window of the spun text is compared with the original's
// matching window, and a candidate is right when applying it brings the window closer to the original than any
// other candidate does. Comparing windows rather than aligned "events" keeps labels right where the alignment's
// boundaries are ambiguous ("Chinese language chief" ← "Chinese leader": the site "Chinese language" → "Chinese"
// is right, though the aligned event is "language chief" ← "leader").
import diff from "fast-diff";
import { editDistance } from "./edit-distance.mjs";

const WORD = /[\p{L}\p{N}]+(?:['\u2019][\p{L}\p{N}]+)*/gu;
const norm = (w) => w.normalize("NFC").toLowerCase().replace(/[\u2018\u2019`]/g, "'");
export const words = (s) => (s.match(WORD) ?? []).map(norm);

function wordTokens(text) {
  const out = [];
  for (const m of text.matchAll(WORD)) out.push({ key: norm(m[0]), start: m.index, end: m.index + m[0].length });
  return out;
}

/** For each spun word, the index of the original word it is matched with, or -1. */
function matchWords(a, b) {
  const codes = new Map();
  const code = (k) => {
    let c = codes.get(k);
    if (c === undefined) {
      c = String.fromCharCode(0x100 + (codes.size % 0xd000));
      codes.set(k, c);
    }
    return c;
  };
  const sa = a.map((t) => code(t.key)).join("");
  const sb = b.map((t) => code(t.key)).join("");
  const match = new Int32Array(a.length).fill(-1);
  let i = 0;
  let j = 0;
  for (const [op, s] of diff(sa, sb)) {
    if (op === 0) {
      for (let k = 0; k < s.length; k++, i++, j++) if (a[i].key === b[j].key) match[i] = j;
    } else if (op === -1) i += s.length;
    else j += s.length;
  }
  return match;
}


/**
 * spun, original: the texts; sites: [{ start, end, candidates: [{ text }] }] with offsets into spun.
 * Returns per site { right: index of the right candidate or -1 (keep), spunHere: whether the site's words differ
 * from the original's, recoverable: whether some candidate brings the window closer }.
 */
export function siteLabels(spun, original, sites) {
  const a = wordTokens(spun);
  const b = wordTokens(original);
  const match = matchWords(a, b);
  const firstWordAt = (offset) => {
    let lo = 0;
    let hi = a.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (a[mid].end <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return sites.map((site) => {
    const from = firstWordAt(site.start);
    let to = from;
    while (to < a.length && a[to].start < site.end) to++;
    if (to === from) return { right: -1, spunHere: false, recoverable: false };
    let spunHere = false;
    for (let k = from; k < to; k++) if (match[k] < 0) spunHere = true;
    // A window reaching two matched words beyond the site on each side, and the original between their matches.
    let left = from;
    for (let anchors = 0; left > 0 && anchors < 2; ) if (match[--left] >= 0) anchors++;
    let right = to;
    for (let anchors = 0; right < a.length && anchors < 2; right++) if (match[right] >= 0) anchors++;
    const lo = match[left] >= 0 ? match[left] : 0;
    let hi = b.length;
    for (let k = right - 1; k >= to; k--) if (match[k] >= 0) {
      hi = match[k] + 1;
      break;
    }
    const target = b.slice(lo, Math.max(lo, hi)).map((t) => t.key);
    const before = a.slice(left, from).map((t) => t.key);
    const after = a.slice(to, right).map((t) => t.key);
    const asWritten = editDistance([...before, ...a.slice(from, to).map((t) => t.key), ...after], target);
    let best = -1;
    let bestDistance = asWritten;
    site.candidates.forEach((c, ci) => {
      const d = editDistance([...before, ...words(c.text), ...after], target);
      if (d < bestDistance) [best, bestDistance] = [ci, d];
    });
    return { right: best, spunHere, recoverable: best >= 0 };
  });
}

/**
 * The spun text with, at every site, the candidate siteLabels calls right applied (sites in text order; a site
 * overlapping one already applied is skipped), case as written. What a perfect choice among the candidates would
 * give: the ceiling of deciding, as against the ceiling of proposing (candidate recall).
 * caseLike(replacement, written) is the library's case rule (src/restore/case.ts).
 */
export function oracleText(spun, sites, labels, caseLike) {
  const picks = [];
  sites.forEach((site, i) => {
    if (labels[i].right >= 0) picks.push({ start: site.start, end: site.end, text: site.candidates[labels[i].right].text });
  });
  picks.sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  for (const p of picks) {
    if (p.start < at) continue;
    out += spun.slice(at, p.start) + caseLike(p.text, spun.slice(p.start, p.end));
    at = p.end;
  }
  return out + spun.slice(at);
}
