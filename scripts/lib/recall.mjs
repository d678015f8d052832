// Candidate recall (issue 7): of the substitutions a spinner made (aligned events, one spun span ↔ one original
// span, up to 4 words a side), the share whose original is among the candidates unspin proposes for that exact span,
// per kind of event, and how many candidates a site carries. Reads only what the caller hands in.
import { editDistance } from "./edit-distance.mjs";
import { siteLabels } from "./labels.mjs";

const FUNCTION_WORDS = new Set(
  (
    "a an the and or but nor so yet if then than that this these those there here which who whom whose what " +
    "when where why how as at by for from in into of off on onto out over to up upon with within without " +
    "about above after against along among around before behind below beneath beside between beyond down " +
    "during except inside near past since through throughout till toward towards under until unto via " +
    "is am are was were be been being have has had having do does did doing will would shall should can could " +
    "may might must not no all any both each either every few many more most much some such own same just also " +
    "very too only even still again once ever never now 's n't"
  ).split(" "),
);

const norm = (s) => s.normalize("NFC").toLowerCase().replace(/[\u2018\u2019`]/g, "'").replace(/\s+/g, " ").trim();
const words = (s) => norm(s).match(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu) ?? [];

/** "function": every word on both sides is a closed-class word; "single": one word a side; else "phrase". */
export function eventKind(spun, original) {
  const a = words(spun);
  const b = words(original);
  if ([...a, ...b].every((w) => FUNCTION_WORDS.has(w))) return "function";
  if (a.length === 1 && b.length === 1) return "single";
  return "phrase";
}

const quantile = (xs, q) => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

/** Candidate texts (words joined by one space) per site span `start:end`. */
function candidatesBySpan(sites) {
  const bySpan = new Map();
  for (const s of sites) {
    const k = `${s.start}:${s.end}`;
    const set = bySpan.get(k) ?? new Set();
    for (const c of s.candidates) set.add(words(c.text).join(" "));
    bySpan.set(k, set);
  }
  return bySpan;
}

/**
 * pairs: [{ spun, original }] texts; candidatesFor(pair) → sites ({ start, end, candidates: [{ text }] }) for
 * pair.spun; align(spun, original) → [{ spun, original, spunStart, spunEnd }].
 * Returns per kind { events, covered }, plus candidates-per-site figures and the missed events.
 */
export function measureRecall(pairs, candidatesFor, align) {
  const byKind = { single: { events: 0, covered: 0 }, phrase: { events: 0, covered: 0 }, function: { events: 0, covered: 0 } };
  const perSite = [];
  const missed = [];
  for (const pair of pairs) {
    const sites = candidatesFor(pair);
    const bySpan = candidatesBySpan(sites);
    for (const s of sites) perSite.push(s.candidates.length);
    for (const e of align(pair.spun, pair.original)) {
      const kind = eventKind(e.spun, e.original);
      const target = words(e.original).join(" ");
      if (!target) continue;
      byKind[kind].events++;
      if (composes(pair.spun, e, target.split(" "), bySpan)) byKind[kind].covered++;
      else missed.push({ pair: pair.name, kind, spun: e.spun, original: e.original });
    }
  }
  return { byKind, median: quantile(perSite, 0.5), p90: quantile(perSite, 0.9), sites: perSite.length, missed };
}

/**
 * Whether the event's original can be produced from the candidates: by one site over the whole span, or by
 * several adjacent sites (and words left as they are) whose outputs join into the original, which is what the
 * decider can do when a spinner swapped neighbouring words one by one ("invoice handed" ← "bill passed").
 */
export function composes(text, e, target, bySpan) {
  const toks = [];
  const re = /[\p{L}\p{N}]+(?:['\u2019][\p{L}]+)*/gu;
  const slice = text.slice(e.spunStart, e.spunEnd);
  for (let m = re.exec(slice); m; m = re.exec(slice)) {
    toks.push({ start: e.spunStart + m.index, end: e.spunStart + m.index + m[0].length, word: words(m[0]).join(" ") });
  }
  const n = toks.length;
  const m = target.length;
  const reach = Array.from({ length: n + 1 }, () => new Uint8Array(m + 1));
  reach[0][0] = 1;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= m; j++) {
      if (!reach[i][j]) continue;
      if (j < m && toks[i].word === target[j]) reach[i + 1][j + 1] = 1;
      for (let k = i; k < n; k++) {
        const set = bySpan.get(`${toks[i].start}:${toks[k].end}`);
        if (!set) continue;
        for (const c of set) {
          const cw = c.split(" ");
          if (j + cw.length <= m && cw.every((w, x) => w === target[j + x])) reach[k + 1][j + cw.length] = 1;
        }
      }
    }
  }
  return reach[n][m] === 1;
}

export function formatRecall(label, r) {
  const pct = (k) => (r.byKind[k].events ? ((100 * r.byKind[k].covered) / r.byKind[k].events).toFixed(1) : "-");
  const all = Object.values(r.byKind).reduce((a, b) => ({ events: a.events + b.events, covered: a.covered + b.covered }));
  return (
    `${"recall".padEnd(7)} ${label.padEnd(12)} candidates cover ${((100 * all.covered) / all.events).toFixed(1)} % of ${all.events} events: ` +
    `single word ${pct("single")} % (${r.byKind.single.events}), phrase ${pct("phrase")} % (${r.byKind.phrase.events}), ` +
    `function word ${pct("function")} % (${r.byKind.function.events}); candidates per site median ${r.median}, p90 ${r.p90}`
  );
}

/**
 * Where the remaining errors of a restored page fall (issue 6 item 7). pairs as for measureRecall; runFor(pair) →
 * { sites, edits, gate } for pair.spun. Classes: fixed, kept (the right candidate was there, the text was kept),
 * gate (the page's gate stayed shut), no candidate (one word / function word), no phrase route, wrong candidate,
 * and correct words changed (edits that touch no spun span and do not bring the text closer to the original).
 * An edit outside the aligned events can still be a fix: the events are substitutions of up to 4 words a side, so a
 * spinner's added word ("Chinese language banks" ← "Chinese banks") or a longer span ("12 months in the past" ←
 * "year ago") is no event. Such an edit is compared, as a site's candidates are for the scorer's labels, on a window of
 * the text reaching two unchanged words on each side: one that brings the window closer to the original is counted
 * as "fixed outside events", not as a correct word changed.
 */
export function errorClasses(pairs, runFor, align) {
  const counts = { fixed: 0, "fixed outside events": 0, kept: 0, gate: 0, "partly fixed": 0, "no candidate (word)": 0, "no phrase route": 0, "wrong candidate": 0, "correct word changed": 0 };
  for (const pair of pairs) {
    const { sites, edits, gate } = runFor(pair);
    const bySpan = candidatesBySpan(sites);
    const used = new Set();
    for (const e of align(pair.spun, pair.original)) {
      const target = words(e.original).join(" ");
      if (!target) continue;
      const inside = edits.filter((d) => d.start < e.spunEnd && e.spunStart < d.end);
      inside.forEach((d) => used.add(d));
      if (inside.length > 0) {
        let out = "";
        let at = e.spunStart;
        for (const d of inside) {
          out += pair.spun.slice(at, Math.max(at, d.start)) + d.after;
          at = Math.max(at, d.end);
        }
        out += pair.spun.slice(at, Math.max(at, e.spunEnd));
        const got = words(out);
        const want = target.split(" ");
        counts[got.join(" ") === target ? "fixed" : editDistance(got, want) < editDistance(words(e.spun), want) ? "partly fixed" : "wrong candidate"]++;
        continue;
      }
      const covered = composes(pair.spun, e, target.split(" "), bySpan);
      const kind = eventKind(e.spun, e.original);
      if (covered) counts[gate.spun ? "kept" : "gate"]++;
      else counts[kind === "phrase" ? "no phrase route" : "no candidate (word)"]++;
    }
    const outside = edits.filter((d) => !used.has(d));
    const labels = siteLabels(pair.spun, pair.original, outside.map((d) => ({ start: d.start, end: d.end, candidates: [{ text: d.after }] })));
    for (const l of labels) counts[l.right === 0 ? "fixed outside events" : "correct word changed"]++;
  }
  return counts;
}

export function formatErrorClasses(label, c) {
  const remaining = Object.entries(c).filter(([k]) => !k.startsWith("fixed"));
  const total = remaining.reduce((a, [, v]) => a + v, 0);
  return (
    `${"errors".padEnd(7)} ${label.padEnd(12)} events fixed ${c.fixed} (and ${c["fixed outside events"]} fixes outside the aligned events); remaining ${total}: ` +
    remaining.map(([k, v]) => `${k} ${v} (${total ? ((100 * v) / total).toFixed(0) : 0} %)`).join(", ")
  );
}

