/**
 * restoreWith: text in, restored text and edits out. Pure: the model and dictionaries come in as resources.
 */
import { advanceLines, newLineCursor, positionIn, type LineCursor } from "../text/position.js";
import type { PhraseDictionary, Tier } from "../dict/types.js";
import { resetWordTable, splitSentences, tokenizeWords, tokenTable, wordTable, type TokenTable, type WordToken } from "../text/tokenize.js";
import { urlsEmailsAndPaths } from "../text/urls.js";
import type { Boldness, Edit, Flag, GateReport, RestoreOptions, RestoreResult } from "../types.js";
import { shown } from "../validate.js";
import { unlistedFlags, type Flagger } from "../flag/apply.js";
import { agreeingArticle } from "./article.js";
import { applyCase, caseLike } from "./case.js";
import { decide, evidenceRows, gateOf, scoreRound0, Scoring, type DecideConfig, type Decision, type Gate, type SiteTable } from "./decide.js";
import { findNumbers, findSites, PATTERNS, prepare, siteObjects, Sites, SkipSpans, spunOf, type FindOptions, type Forms } from "./engine.js";
import { GATE_WEIGHTS, SITE_WEIGHTS } from "./scorer-weights.js";
import { TABLE_MODEL } from "./table-weights.js";
import type { LmView } from "./lm-view.js";
import type { Site } from "./sites.js";
import { rankForms } from "./prune.js";
import { entryId, type CandList } from "./candidates.js";
import { fingerprintsRequired, isAcademic, registerOf, type Register } from "./register.js";
import { joinWindows, restoreWindowsWith, WINDOWED_ABOVE } from "./windows.js";
import { withoutNotation } from "./spintax.js";

export interface Resources {
  lm: LmView;
  dictionary: PhraseDictionary;
  /**
   * Optional: the part of `dictionary` that decides the document gate (everything but a general thesaurus).
   * When given, the full dictionary is consulted only for documents the gate finds spun, so a large lazily
   * loaded thesaurus costs nothing on clean text.
   */
  gateDictionary?: PhraseDictionary;
  /**
   * Optional: what finds unlisted tortured phrases (word swaps and known terms, weights); called only for scientific
   * or technical text, so it may load lazily. Without it no flags are reported.
   */
  flagger?: () => Flagger | undefined;
}

const BASE: DecideConfig = {
  // Chosen by cross-validation in scripts/train-scorer.mjs (whole articles held out, scorer trained without them):
  // errors cut 48.9 % at 0.35, 49.3 % at 0.4 and 0.45, 48.8 % at 0.5, 48.3 % at 0.6, 46.9 % at 0.7.
  threshold: 0.45,
  weights: SITE_WEIGHTS,
  // A loaded candidate table's own scorer (scripts/train-table-scorer.mjs).
  table: TABLE_MODEL,
  gate: { weights: GATE_WEIGHTS },
  gateThreshold: 0.5,
  gateStrongDelta: 2,
  veto: 2,
  siteWeight: 0.85,
  rounds: 3,
};

// A level is the probability a change must reach, and the probability of "spun" at which the document gate opens.
const LEVELS: Record<Boldness, { threshold: number; gateThreshold: number }> = {
  cautious: { threshold: 0.7, gateThreshold: 0.8 },
  normal: { threshold: BASE.threshold, gateThreshold: BASE.gateThreshold },
  bold: { threshold: 0.35, gateThreshold: 0.3 },
};

export function configFor(options: RestoreOptions): DecideConfig {
  const level = LEVELS[options.level ?? "normal"];
  return { ...BASE, ...level, ...(options.threshold !== undefined ? { threshold: options.threshold } : {}) };
}

/** Decision settings below the named levels, for research and calibration (see README "How it decides"). */
export type Tuning = Partial<DecideConfig>;

function tuned(config: DecideConfig, tuning: Tuning | undefined): DecideConfig {
  return tuning ? { ...config, ...tuning } : config;
}

/** Every candidate site of a text with the full dictionary, before any decision (for measuring recall). */
export function candidateSites(resources: Resources, text: string, options: RestoreOptions = {}): Site[] {
  const run = prepareRun(resources.lm, text, options);
  const { sites } = run.sitesFrom(resources.dictionary);
  return siteObjects(sites, run.tok);
}

/**
 * A document's tokens, spintax and digits, its register, and a finder of every site a dictionary proposes (in token
 * order, fingerprints kept where they count, thesaurus candidates ranked).
 */
/**
 * What the engine never changes in a text: the caller's never-touch words and spans, URLs, e-mail addresses and file
 * paths.
 */
export function findOptionsFor(text: string, options: RestoreOptions): FindOptions {
  const neverProse = urlsEmailsAndPaths(text);
  return {
    neverTouch: new Set((options.neverTouch ?? []).map((w) => w.toLowerCase().replace(/[’‘]/g, "'").trim())),
    skip: neverProse.length === 0 ? (options.skip ?? []) : [...(options.skip ?? []), ...neverProse],
  };
}

export function prepareRun(lm: LmView, text: string, options: RestoreOptions) {
  const findOptions = findOptionsFor(text, options);
  if (wordTable.text.length > WORD_TABLE_LIMIT) resetWordTable();
  const tok = tokenTable(text);
  const skip = new SkipSpans(findOptions.skip);
  const { doc, spintax } = prepare(tok, skip);
  const numbers = new Sites(4);
  findNumbers(doc, skip.merged, 0, tok.n, numbers);
  // Fingerprints (tortured phrases) count by the register: how many different ones the text must hold
  // (register.ts fingerprintsNeeded; engine.ts fingerprintFilter). Assumed spun, any does.
  const reg = registerOfTable(tok);
  const scientificText = reg.scientific;
  const assumeSpun = options.assumeSpun ?? false;
  const scientific = assumeSpun || scientificText;
  // A general thesaurus's candidates are ranked in context, and the best few per spun form kept (prune.ts).
  // `spun`: the document gate, found open (from other evidence), asks no more than two different fingerprints.
  const sitesFrom = (dict: PhraseDictionary, spun = false) =>
    findSites(doc, spintax, numbers, dict, findOptions, skip, lm, scientific, (sites, forms) => rankForms(sites, forms, tok, lm), {
      needed: fingerprintsRequired(reg, assumeSpun, spun),
    });
  const scoring = (found: { sites: Sites; forms: Forms }) => new Scoring(tok, doc.hidden, found.sites, found.forms, lm);
  return { tok, skip, findOptions, sitesFrom, scoring, scientificText };
}

/** register.ts's verdict (scientific or technical writing, research writing) for a token table. */
export function registerOfTable(tok: TokenTable): Register {
  const { keys, keyOf } = wordTable;
  let academic = 0;
  for (let t = 0; t < tok.n; t++) if (isAcademic(keys[keyOf[tok.word[t]!]!]!)) academic++;
  return registerOf(tok.n, academic);
}

/** Distinct words kept interned across documents before the table starts afresh (between documents). */
export const WORD_TABLE_LIMIT = 300_000;

/**
 * The round-0 evidence of every site and the document gate, as the learned scorer sees them (for
 * scripts/train-scorer.mjs, which labels it with original texts). Pure, like restoreWith.
 */
export function siteEvidence(
  resources: Resources,
  text: string,
  options: RestoreOptions = {},
  tuning?: Tuning,
): { gate: Gate; table: SiteTable[]; tableShare: number; tableListed: boolean[] } {
  const run = prepareRun(resources.lm, text, options);
  const config = tuned(configFor(options), tuning);
  const found = run.sitesFrom(resources.dictionary);
  const gateFound = resources.gateDictionary ? run.sitesFrom(resources.gateDictionary) : found;
  const gate = gateOf(scoreRound0(run.scoring(gateFound)), config, false);
  const scoring = run.scoring(found);
  const rows = evidenceRows(scoring, gate);
  const objects = siteObjects(found.sites, run.tok);
  return { gate, table: objects.map((site, i) => ({ site, deltas: rows[i]!.deltas, features: rows[i]!.features })), tableShare: scoring.tableShare(), tableListed: objects.map((_, i) => found.sites.list[i]!.tableListed) };
}

export function restoreWith(resources: Resources, text: string, options: RestoreOptions = {}, tuning?: Tuning): RestoreResult {
  // A long text is restored window by window (windows.ts), its pieces joined.
  if (text.length > WINDOWED_ABOVE) return joinWindows(restoreWindowsWith(resources, text, options, tuning));
  return restoreWhole(resources, text, options, tuning);
}

/** restoreWith in one piece, whatever the text's length (what a text up to WINDOWED_ABOVE always gets). */
export function restoreWhole(resources: Resources, text: string, options: RestoreOptions = {}, tuning?: Tuning): RestoreResult {
  const run = prepareRun(resources.lm, text, options);
  const config = tuned(configFor(options), tuning);
  const assumeSpun = options.assumeSpun ?? false;
  let result;
  let sc: Scoring;
  if (resources.gateDictionary && !assumeSpun) {
    // The gate first, from the sites of the dictionaries that need no thesaurus; the full dictionary only when open.
    const gsc = scoreRound0(run.scoring(run.sitesFrom(resources.gateDictionary)));
    const gate = gateOf(gsc, config, assumeSpun);
    if (gate.spun) {
      sc = run.scoring(run.sitesFrom(resources.dictionary, true));
      result = decide(sc, config, assumeSpun, gate);
    } else {
      sc = gsc;
      result = decide(sc, config, assumeSpun, gate, true);
    }
  } else {
    sc = run.scoring(run.sitesFrom(resources.dictionary));
    result = decide(sc, config, assumeSpun);
  }
  if (!result.spun) result.decisions = withoutNotation(result.decisions, sc.sites, resources.dictionary);
  let edits = toEdits(text, run.tok, sc.sites, result.decisions, run.skip, newCursor(), run.findOptions.neverTouch).map(settled);
  // Unlisted tortured phrases, in scientific text only: flagged, or restored when the evidence is overwhelming.
  let flags: Flag[] = [];
  const flagger = run.scientificText ? resources.flagger?.() : undefined;
  if (flagger) {
    // The flagger reads tokens and sentences as objects (src/flag/): made for scientific text only.
    const tokens = tokenizeWords(text);
    const sentences = splitSentences(text, tokens);
    const listed = edits.filter((e) => e.entry.startsWith("tortured:"));
    const blocked = blockedTokens(tokens, sc.sites, edits, listed, run.findOptions);
    const found = unlistedFlags(text, tokens, sentences, resources.lm, flagger, blocked, positionIn(text), listed);
    flags = found.flags;
    if (found.edits.length) edits = [...edits.filter((e) => !found.replaced.includes(e)), ...found.edits].sort((a, b) => a.start - b.start);
  }
  const words = run.tok.n;
  return {
    text: applyEdits(text, edits),
    edits,
    flags,
    gate: gateReport(result, words),
  };
}

/** The gate as a result reports it, for a text of `words` words (whole, or gathered over its windows). */
export function gateReport(gate: Pick<Gate, "strongSites" | "strongForms" | "spun" | "probability">, words: number): GateReport {
  return {
    strongSites: gate.strongSites,
    strongForms: gate.strongForms,
    words,
    strongSitesPer1000: words ? (gate.strongSites * 1000) / words : 0,
    spun: gate.spun,
    probability: Number(gate.probability.toFixed(4)),
  };
}

/** Tokens no flag may touch: restored (but for listed fingerprints), skipped, never-touch words, listed fingerprints left as written. */
export function blockedTokens(tokens: readonly WordToken[], sites: Sites, edits: readonly Edit[], listed: readonly Edit[], options: FindOptions): Uint8Array {
  const blocked = new Uint8Array(tokens.length);
  const spans = [...edits.filter((e) => !listed.includes(e)), ...options.skip];
  // Listed fingerprints that were not applied (a literal use) are decided: no flag either.
  for (let i = 0; i < sites.n; i++) {
    if (sites.list[i]!.fingerprint === 0) continue;
    const start = sites.start[i]!;
    const end = sites.end[i]!;
    if (!edits.some((e) => e.start <= start && end <= e.end)) blocked.fill(1, sites.tokFrom[i]!, sites.tokTo[i]!);
  }
  tokens.forEach((t, i) => {
    if (options.neverTouch.has(t.key) || spans.some((e) => e.start < t.end && t.start < e.end)) blocked[i] = 1;
  });
  return blocked;
}

const sign = (x: number) => (x >= 0 ? "+" : "") + x.toFixed(2);

/** Where toEdits has counted lines to (and the end of the last edit): carried from window to window of a long text. */
export interface EditCursor {
  lastEnd: number;
  lines: LineCursor;
}

export const newCursor = (): EditCursor => ({ lastEnd: 0, lines: newLineCursor() });

const NO_WORDS: ReadonlySet<string> = new Set();

/**
 * Between an article and its word: spaces of any width (tab, no-break, thin, ideographic…), and at most one line break
 * (hard-wrapped text; also the Unicode line separator and NEL).
 */
const ARTICLE_GAP = /^(?=[\s\u0085])[^\S\r\n\u2028\u2029\u0085]*(?:\r\n|\r|\n|\u2028|\u0085)?[^\S\r\n\u2028\u2029\u0085]*$/;

/** Space between the words of a site other than one plain space: a line break, its indentation, a tab, NBSP. */
const SPECIAL_SPACE = /[^\S ]| {2}/;
const HAS_BREAK = /[\r\n]/;

/**
 * `after` (words joined by single spaces) with the spaces of `before` between its words, in order: "in quest\n    of"
 * → "in search\n    of", "expensive\tpal" → "dear\tfriend". With fewer words than `before`, its line breaks (with
 * their indentation) are kept first and the others dropped; with more, the extra gaps get `before`'s one kind of
 * space if it has only one (NBSP throughout), else a plain space. Null when `after` has fewer gaps than `before` has
 * line breaks ("financial\nsystem" → "economy"): the caller finds the break a place outside the site.
 */
export function keepSpacing(before: string, after: string): string | null {
  const gaps = before.match(/\s+/g) ?? [];
  const words = after.split(" ");
  const slots = words.length - 1;
  let use: string[];
  if (slots >= gaps.length) {
    const fill = gaps.length > 0 && gaps.every((g) => g === gaps[0]) && !HAS_BREAK.test(gaps[0]!) ? gaps[0]! : " ";
    use = [...gaps, ...new Array<string>(slots - gaps.length).fill(fill)];
  } else {
    const breaks = gaps.filter((g) => HAS_BREAK.test(g)).length;
    if (breaks > slots) return null;
    // Keep every break and as many other gaps, in their order, as there are slots left.
    let others = slots - breaks;
    use = gaps.filter((g) => HAS_BREAK.test(g) || others-- > 0);
  }
  let out = words[0]!;
  for (let k = 1; k < words.length; k++) out += use[k - 1]! + words[k]!;
  return out;
}

/**
 * Whether a sentence starts at `at`: nothing but spaces and opening quotes between it and the text's start or a
 * sentence's end (. ! ? and closing quotes). Not after a bracket, a colon or a semicolon ("It lasted (12 months)"),
 * nor at a line break inside a sentence.
 */
function startsSentence(text: string, at: number): boolean {
  let k = at - 1;
  while (k >= 0 && /[\s“‘"'«]/u.test(text[k]!)) k--;
  while (k >= 0 && /[”’"'»]/u.test(text[k]!)) k--;
  return k < 0 || /[.!?]/.test(text[k]!);
}

/** Tiers of the user's own dictionaries (--dict corrections and candidates), whose originals are spelt as written. */
function isUserTier(tier: Tier): boolean {
  return tier === "user" || tier === "table";
}

/** An apostrophe at `at` that ends a word (`individuals'`), not one inside it (`people's`). */
function isBareApostrophe(text: string, at: number): boolean {
  const c = text[at];
  if (c !== "'" && c !== "’") return false;
  const next = text.codePointAt(at + 1);
  return next === undefined || !/[\p{L}\p{N}]/u.test(String.fromCodePoint(next));
}

export function toEdits(
  text: string,
  tok: TokenTable,
  sites: Sites,
  decisions: readonly Decision[],
  skip: SkipSpans,
  cursor: EditCursor = newCursor(),
  neverTouch: ReadonlySet<string> = NO_WORDS,
): PendingEdit[] {
  const edits: PendingEdit[] = [];
  const why = new EditEvidence(decisions.length);
  // Lines are counted as the edits go (they come in text order).
  let { lastEnd } = cursor;
  const { lines } = cursor;
  for (const d of decisions) {
    const i = d.site;
    const list = sites.list[i]!;
    const c = d.candidate;
    const forced = sites.forced[i] === 1;
    const siteStart = sites.start[i]!;
    const siteEnd = sites.end[i]!;
    // A fingerprint term replaces a phrase word by word and may carry acronyms ("profound CNN" → "deep CNN").
    let after = forced ? list.text[c]! : list.tier[c] === "fingerprint" ? caseLike(list.text[c]!, spunOf(sites, i, tok)) : applyCase(list.text[c]!, PATTERNS[sites.pattern[i]!]!, isUserTier(list.tier[c]!));
    let siteTo = siteEnd;
    let before = text.slice(siteStart, siteEnd);
    // A span that starts with a digit shows no case; at a sentence's start its words take a capital all the same
    // ("12 months later" → "Year later").
    if (!forced && /^\p{N}/u.test(before) && /^\p{Ll}/u.test(after) && startsSentence(text, siteStart)) after = after[0]!.toUpperCase() + after.slice(1);
    if (before.includes("’")) after = after.replace(/'/g, "’");
    // An original ending in an abbreviation's full stop ("U.S.") before the sentence's own writes one, not "U.S..".
    if (after.endsWith(".") && text[siteEnd] === ".") after = after.slice(0, -1);
    let siteFrom = siteStart;
    // A phrase across the soft line break of hard-wrapped text keeps the break (and indentation, tabs, NBSP) between
    // its words. Shrunk to fewer words than it has breaks, it takes the break along in place of the space before the
    // next word on the line ("time\nperiod last" → "term\nlast"), else of the space before it ("language\nchief," →
    // "\nleader,"); with neither, it stays as written.
    if (SPECIAL_SPACE.test(before)) {
      const spaced = keepSpacing(before, after);
      if (spaced !== null) after = spaced;
      else {
        const gaps = before.match(/\s+/g)!.filter((g) => HAS_BREAK.test(g));
        if (gaps.length !== 1) continue;
        // Plain spaces only: a no-break space is there on purpose.
        const next = /^[ \t]+(?=[\p{L}\p{N}])/u.exec(text.slice(siteEnd, siteEnd + 64));
        // Not after a/an, which must agree with the restored word across its own space (below).
        const previous = /(?<=[\p{L}\p{N}])(?<!(?:^|[^\p{L}])an?)[ \t]+$/iu.exec(text.slice(Math.max(0, siteStart - 64), siteStart));
        if (next && !skip.overlaps(siteEnd, siteEnd + next[0].length)) {
          after = after + gaps[0]!;
          siteTo = siteEnd + next[0].length;
        } else if (previous && !skip.overlaps(siteStart - previous[0].length, siteStart)) {
          after = gaps[0]! + after;
          siteFrom = siteStart - previous[0].length;
        } else continue;
        before = text.slice(siteFrom, siteTo);
      }
    }
    // A plural possessive ("the individuals' homes") keeps its apostrophe outside the site: a replacement that does
    // not end in s would leave "the people' homes", so such a site stays as written.
    if (/s$/i.test(before) && !/s$/i.test(after) && isBareApostrophe(text, siteEnd)) continue;
    let start = siteFrom;
    // a/an before the span follows the restored word.
    const p = sites.tokFrom[i]! - 1;
    if (p >= 0 && !forced) {
      const pStart = tok.start[p]!;
      const pEnd = tok.end[p]!;
      const prev = wordTable.text[tok.word[p]!]!;
      if (/^an?$/i.test(prev) && ARTICLE_GAP.test(text.slice(pEnd, siteFrom))) {
        const article = agreeingArticle(prev, after);
        // An article that may not change (skipped, or a never-touch word) keeps its word too: "an massive" is no fix.
        if (article !== prev && (skip.overlaps(pStart, siteFrom) || neverTouch.has(prev.toLowerCase()))) continue;
        if (article !== prev) {
          const gap = text.slice(pEnd, siteFrom);
          start = pStart;
          before = text.slice(pStart, siteTo);
          after = article + gap + after;
        }
      }
    }
    if (after === before || start < lastEnd) continue;
    lastEnd = siteTo;
    advanceLines(text, lines, start);
    edits.push({
      start,
      end: siteTo,
      line: lines.line,
      column: start - lines.lineStart + 1,
      before,
      after,
      why,
      row: why.add(d, list, c, forced ? null : spunOf(sites, i, tok)),
    });
  }
  cursor.lastEnd = lastEnd;
  return edits;
}

/**
 * What the entry and evidence strings of a window's edits are made from, a row per edit (see settled): the decision's
 * numbers in one array of doubles, and the strings the two are built of (the candidate list's own, not the list: a
 * form's ranked list is the window's, with its buffers). A long text printed as restored text never reads them; built
 * for every edit, they were two strings of some 150 characters each (trees of cons strings) and a boxed confidence
 * per edit, thousands of them held until the window was printed.
 */
export class EditEvidence {
  /** Per row: delta, pooled delta, pooled sites, probability, the document's probability, the candidate's prior. */
  private readonly numbers: Float64Array;
  private readonly tier: Tier[] = [];
  private readonly key: string[] = [];
  private readonly text: string[] = [];
  /** The entry id where the list gives one (else made from tier, key and text, see entryId). */
  private readonly given: (string | null)[] = [];
  /** The site's spun text (what the evidence names); null for a forced (spintax) site. */
  private readonly spun: (string | null)[] = [];

  /** Room for `rows` rows (a window's decisions: it has at most as many edits). */
  constructor(rows: number) {
    this.numbers = new Float64Array(6 * rows);
  }

  /** A row for decision d (candidate c of `list`), its row number. */
  add(d: Decision, list: CandList, c: number, spun: string | null): number {
    const at = 6 * this.spun.length;
    const x = this.numbers;
    x[at] = d.delta;
    x[at + 1] = d.pooled;
    x[at + 2] = d.pooledSites;
    x[at + 3] = d.probability;
    x[at + 4] = d.documentProbability;
    x[at + 5] = list.prior[c]!;
    this.tier.push(list.tier[c]!);
    this.key.push(list.key);
    this.text.push(list.text[c]!);
    this.given.push(list.entries?.[c] ?? null);
    return this.spun.push(spun) - 1;
  }

  /** Row r's confidence, entry and evidence, as the edit reports them. */
  settle(r: number): Pick<Edit, "confidence" | "entry" | "evidence"> {
    const at = 6 * r;
    const x = this.numbers;
    const delta = x[at]!;
    const pooled = x[at + 1]!;
    const pooledSites = x[at + 2]!;
    const probability = x[at + 3]!;
    const documentProbability = x[at + 4]!;
    const prior = x[at + 5]!;
    const spun = this.spun[r]!;
    const tier = this.tier[r]!;
    return {
      confidence: spun === null ? 1 : Number(probability.toFixed(3)),
      entry: entryId(this.given[r]!, tier, this.key[r]!, this.text[r]!),
      evidence:
        spun === null
          ? `spintax artefact; language model ${sign(delta)} for this choice`
          : `p ${probability.toFixed(2)}: language model ${sign(delta)} here, ${sign(pooled)} on average over ${pooledSites} site(s) of "${spun}"; ${tier} prior ${prior.toFixed(2)}; document spun p ${documentProbability.toFixed(2)}`,
    };
  }
}

/**
 * An edit as toEdits makes it: its confidence, entry and evidence are row `row` of `why`, made when a report needs
 * them (settled).
 */
export interface PendingEdit extends Omit<Edit, "confidence" | "entry" | "evidence"> {
  why: EditEvidence;
  row: number;
}

/** An edit settled or still pending (a window's edits: toEdits's, with the flagger's settled ones among them). */
export type SomeEdit = Edit | PendingEdit;

/** The edit with its confidence, entry and evidence, as the public results give it (the same object when it has them). */
export function settled(e: SomeEdit): Edit {
  if (!("why" in e)) return e;
  const { confidence, entry, evidence } = e.why.settle(e.row);
  return { start: e.start, end: e.end, line: e.line, column: e.column, before: e.before, after: e.after, confidence, entry, evidence };
}

/** settled for every edit of a list (the same array when none is pending). */
export function settledAll(edits: SomeEdit[]): Edit[] {
  return edits.some((e) => "why" in e) ? edits.map(settled) : (edits as Edit[]);
}

/**
 * Apply edits to the text: each replaces `text.slice(start, end)` by `after`. The edits may come in any order
 * (they are applied by start; the caller's array is left as it is) but must not overlap, and two insertions
 * (start = end) at the same offset are refused as well, since their order would be ambiguous.
 * Throws a TypeError when the text is not a string, the edits are not an array, or an edit lacks integer `start`
 * and `end` or a string `after`; a RangeError when an edit has start < 0, end < start or end > text.length, or
 * two edits overlap. Messages name the edit's index in the array and its offsets.
 * The edits of a restore (sorted, valid) cost one O(n) check and no sort.
 */
export function applyEdits(text: string, edits: readonly Pick<Edit, "start" | "end" | "after">[]): string {
  const fail = (Err: typeof TypeError, message: string): never => {
    throw new Err(`unspin: applyEdits(): ${message}`);
  };
  if (typeof text !== "string") throw new TypeError(`unspin: applyEdits() expects the text as a string (got ${shown(text)})`);
  if (!Array.isArray(edits)) throw new TypeError(`unspin: applyEdits() expects the edits as an array (got ${shown(edits)})`);
  const n = edits.length;
  if (n === 0) return text;
  let sorted = true;
  for (let i = 0; i < n; i++) {
    const e = edits[i] as Partial<Edit> | null | undefined;
    if (e === null || typeof e !== "object") fail(TypeError, `edits[${i}] must be an object { start, end, after } (got ${shown(e)})`);
    const { start, end, after } = e!;
    if (!Number.isInteger(start) || !Number.isInteger(end)) {
      fail(TypeError, `edits[${i}] must have integer start and end offsets (got start ${shown(start)}, end ${shown(end)})`);
    }
    if (typeof after !== "string") fail(TypeError, `edits[${i}].after must be the replacement text as a string (got ${shown(after)})`);
    const s = start!;
    const t = end!;
    if (s < 0) fail(RangeError, `edits[${i}] starts before the text (start ${s}, end ${t})`);
    if (t < s) fail(RangeError, `edits[${i}] ends before it starts (start ${s}, end ${t})`);
    if (t > text.length) fail(RangeError, `edits[${i}] ends past the end of the text (start ${s}, end ${t}; the text has ${text.length} characters)`);
    if (i > 0) {
      const q = edits[i - 1]!;
      if (s < q.start || (s === q.start && t < q.end)) sorted = false;
    }
  }
  // Indices in application order, by start then end (an insertion goes before a replacement at its offset): none
  // needed, and no allocation, when the edits already come in that order.
  const order = sorted ? null : Array.from(edits, (_, i) => i).sort((a, b) => edits[a]!.start - edits[b]!.start || edits[a]!.end - edits[b]!.end);
  const parts: string[] = [];
  let at = 0;
  let prev = -1;
  for (let k = 0; k < n; k++) {
    const i = order ? order[k]! : k;
    const e = edits[i]!;
    if (prev >= 0) {
      const p = edits[prev]!;
      // Overlapping spans, or two insertions at one offset.
      if (e.start < p.end || (e.start === p.start && e.end === p.end && e.start === e.end)) {
        const [a, b] = prev < i ? [prev, i] : [i, prev];
        fail(RangeError, `edits[${a}] (start ${edits[a]!.start}, end ${edits[a]!.end}) and edits[${b}] (start ${edits[b]!.start}, end ${edits[b]!.end}) overlap`);
      }
    }
    parts.push(text.slice(at, e.start), e.after);
    at = e.end;
    prev = i;
  }
  parts.push(text.slice(at));
  return parts.join("");
}
