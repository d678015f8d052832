/**
 * Long documents in windows, so memory does not grow with the input.
 *
 * A text longer than WINDOWED_ABOVE characters is cut between lines (or, in text without line breaks, after a
 * sentence's end) into windows of about WINDOW_CHARS. Only the document-level evidence needs the whole text, and it
 * is gathered in a first pass that keeps counts, not tokens: the gate's place counts (decide.ts PlaceCounts) and
 * word count, the register's research-vocabulary count (register.ts), and which listed fingerprints the text holds
 * (engine.ts fingerprintFilter). The second pass restores window by window with that evidence fixed; each window is
 * read with a margin of whole lines on both sides (context for the language model's neighbours, the digit rule and
 * the decisions of neighbouring sites), and only the sites that start in the window's own part are applied.
 *
 * What stays local to a window (some 40,000 words): the pooling of a spun form's sites, whether a candidate occurs
 * elsewhere in the text, and the ranking of thesaurus candidates per form. Texts up to WINDOWED_ABOVE are restored in
 * one piece, exactly as before. Pure: no I/O.
 */
import type { PhraseDictionary } from "../dict/types.js";
import { advanceLines, newLineCursor, positionIn, type LineCursor } from "../text/position.js";
import { emptyScratch, withScratch } from "../scratch.js";
import { keyId, resetWordTable, splitSentences, tokenizeWords, tokenTable, wordTable, type TokenTable } from "../text/tokenize.js";
import type { Edit, Flag, GateReport, RestoreOptions, RestoreResult } from "../types.js";
import { unlistedFlags } from "../flag/apply.js";
import { decide, gateFrom, initialChoices, PlaceCounts, Scoring, type DecideConfig, type Gate } from "./decide.js";
import { countFormSites, findNumbers, findSites, independentSites, prepare, spunOf, type FormContexts, Sites, SkipSpans, type FindOptions, type FingerprintScope } from "./engine.js";
import { textOfTier } from "./candidates.js";
import { rankForms } from "./prune.js";
import { shown } from "../validate.js";
import { withoutNotation } from "./spintax.js";
import { fingerprintsRequired, formalOf, isAcademic, isLegal, registerOf } from "./register.js";
import { applyEdits, blockedTokens, configFor, findOptionsFor, gateReport, newCursor, restoreWhole, settled, settledAll, toEdits, WORD_TABLE_LIMIT, type EditCursor, type Resources, type SomeEdit, type Tuning } from "./restore.js";

/** Characters per window (the core; margins come on top). */
export const WINDOW_CHARS = 256 * 1024;
/**
 * Texts up to this many characters are restored in one piece. Above the 1 MB inputs the project checks for identical
 * output (scripts/check-identical.mjs), so every document up to that size restores exactly as before windowing.
 */
export const WINDOWED_ABOVE = 1536 * 1024;
/** Context read on each side of a window's core (then extended to a line start or end). */
const MARGIN_CHARS = 2048;
/** How far a cut looks for a line break, then a sentence end, then a space, before cutting where it is. */
export const SEARCH_CHARS = 16 * 1024;

/** One restored piece of a text: pieces follow each other and together cover the whole input. */
export interface RestoredWindow {
  /** The input's offsets [from, to) this piece covers. */
  from: number;
  to: number;
  /** The restored text of that part. */
  text: string;
  /** Changes in it, offsets and lines into the whole input, in text order. */
  edits: Edit[];
  flags: Flag[];
  /** The whole document's gate (the same in every piece). */
  gate: GateReport;
}

export interface WindowSettings {
  /** Characters per window (default WINDOW_CHARS). */
  windowChars?: number;
  /** Texts up to this length are restored in one piece (default WINDOWED_ABOVE). */
  windowedAbove?: number;
}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xa0;
const isEnd = (c: number) => c === 0x2e || c === 0x21 || c === 0x3f || c === 0x3b || c === 0x3a;

/** A text's UTF-16 units by offset: a string, or a view of a long text read piece by piece (sourceView). */
export interface CharView {
  readonly length: number;
  charCodeAt(index: number): number;
}

/**
 * A long text read piece by piece (restoreSourceWindowsWith): its length in UTF-16 units and any slice of it. The
 * slices asked for are a window's context at a time (about 260 K characters), in order, and a few small ones near
 * the windows' cuts; a source over a file decodes only those.
 */
export interface TextSource {
  readonly length: number;
  slice(from: number, to: number): string;
}

/**
 * A place to cut near `pos`, searching forward (dir 1) or back (dir -1): the start of a line, else just after a
 * sentence's end and a space, else after a space, else `pos` itself (not inside a surrogate pair).
 */
export function cutNear(text: CharView, pos: number, dir: 1 | -1): number {
  if (pos <= 0) return 0;
  if (pos >= text.length) return text.length;
  const limit = dir > 0 ? Math.min(text.length, pos + SEARCH_CHARS) : Math.max(1, pos - SEARCH_CHARS);
  // A line break within reach (searched no further: on a text of one long line, an unbounded search ran to its end
  // for every cut).
  for (let k = pos - 1; dir > 0 ? k < limit : k >= limit - 1; k += dir) if (text.charCodeAt(k) === 0x0a) return k + 1;
  let space = -1;
  let other = -1;
  for (let j = pos; dir > 0 ? j < limit : j > limit; j += dir) {
    // j is a cut after text[j - 1]
    const c = text.charCodeAt(j - 1);
    if (!isSpace(c) || isSpace(text.charCodeAt(j))) {
      // Else at least not inside a word: after a character that is neither a letter nor a digit.
      if (other < 0 && !WORD_CHAR.test(String.fromCharCode(c)) && !(c >= 0xd800 && c <= 0xdbff)) other = j;
      continue;
    }
    if (j >= 2 && isEnd(text.charCodeAt(j - 2))) return j;
    if (space < 0) space = j;
  }
  if (space >= 0) return space;
  if (other >= 0) return other;
  const c = text.charCodeAt(pos);
  return c >= 0xdc00 && c <= 0xdfff ? pos + 1 : pos;
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}'’\-\udc00-\udfff]/u;

/**
 * The characters of a source around the offsets asked for: cutNear reads at most SEARCH_CHARS (and two) on either
 * side of its position, so each cut reads one slice, two at most.
 */
function sourceView(source: TextSource): CharView {
  let from = 0;
  let local = "";
  return {
    length: source.length,
    charCodeAt(i) {
      if (i < 0 || i >= source.length) return NaN;
      if (i < from || i >= from + local.length) {
        from = Math.max(0, i - SEARCH_CHARS - 8);
        local = source.slice(from, Math.min(source.length, i + SEARCH_CHARS + 8));
      }
      return local.charCodeAt(i - from);
    },
  };
}

/** Window cores: offsets where each begins, and text.length at the end. */
export function windowCuts(text: CharView, windowChars: number): number[] {
  const cuts = [0];
  let at = 0;
  while (text.length - at > windowChars + (windowChars >> 2)) {
    const next = cutNear(text, at + windowChars, 1);
    if (next <= at || next >= text.length) break;
    cuts.push(next);
    at = next;
  }
  cuts.push(text.length);
  return cuts;
}

function windowsOf(text: CharView, windowChars: number): WindowSpan[] {
  const cuts = windowCuts(text, windowChars);
  const out: WindowSpan[] = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const from = cuts[k]!;
    const to = cuts[k + 1]!;
    out.push({ from, to, ctxFrom: Math.min(from, cutNear(text, from - MARGIN_CHARS, -1)), ctxTo: Math.max(to, cutNear(text, to + MARGIN_CHARS, 1)) });
  }
  return out;
}

/** The window's tokens that start in its core: [first, last). */
function coreTokens(tok: TokenTable, from: number, to: number): [number, number] {
  let a = 0;
  while (a < tok.n && tok.start[a]! < from) a++;
  let b = tok.n;
  while (b > a && tok.start[b - 1]! >= to) b--;
  return [a, b];
}

/** The sites that start in [from, to) of the text. */
const inCore = (sites: Sites, i: number, w: WindowSpan) => sites.start[i]! >= w.from && sites.start[i]! < w.to;

/**
 * The document-level evidence of a long text (pass 1 of the file comment), and what pass 2 needs besides.
 * `portablePlan` makes it plain data for another thread (see restoreWindowPart).
 */
export interface WindowPlan {
  windows: WindowSpan[];
  gate: Gate;
  report: GateReport;
  /** Sites per spun form in the whole document (the scorer's "log sites" feature). */
  formSites: Map<string, number>;
  /** Per key id of this thread's word table, whether the document has a word of it (the scorer's "present" feature). */
  present: Uint8Array;
  scientificText: boolean;
  /** Listed fingerprints count anywhere in the text (as many different ones found as its register asks for). */
  fingerprintsAnywhere: boolean;
  /** The text holds a listed fingerprint that is not also ordinary English (see engine.ts fingerprintFilter). */
  fingerprintsConfirmed: boolean;
  /** Listed fingerprints count anywhere as screening reads them: the register's requirement, the gate not consulted. */
  fingerprintsScreened: boolean;
  /** Windows where a closed gate could still change something (spintax, near-certain tiers, fingerprints). */
  certainIn: Uint8Array;
}

/** A WindowPlan as plain data another thread can be sent: the present words by text, not by this thread's ids. */
export interface PortableWindowPlan extends Omit<WindowPlan, "present"> {
  presentKeys: string[];
  /** Tells plans apart, so a thread rebuilds its presence table once per document. */
  id: number;
}

/** What pass 2 computes for one window: its edits and flags, offsets into the whole text. */
export interface WindowPart {
  edits: Edit[];
  flags: Flag[];
}

/** A WindowPart as this thread keeps it: edits whose entry and evidence are made when read (restore.ts settled). */
interface PendingPart {
  edits: SomeEdit[];
  flags: Flag[];
}

/**
 * Pass 1 over some of a text's windows, as plain data: counts that add up over windows, so that threads can each
 * gather some (countWindowPart) and one thread merges them (mergeWindowCounts).
 */
export interface WindowCounts {
  /** The gate's place counts (decide.ts PlaceCounts). */
  strong: number;
  strongCurated: number;
  strongTable: number;
  winning: number;
  /** The five best gains, best first. */
  top: number[];
  strongForms: string[];
  /** Per strong form: its strong places and the curated ones among them (decide.ts PlaceCounts.formStrong). */
  formStrong: [string, number, number][];
  words: number;
  /** Words of the research vocabulary (register.ts). */
  academic: number;
  /** Words of the legal vocabulary (register.ts). */
  legal: number;
  /** Listed fingerprints found. */
  seen: string[];
  /** The keys of the words in the windows' own parts. */
  presentKeys: string[];
  /** The windows (numbers) with near-certain places. */
  certain: number[];
}

/** A window: context read [ctxFrom, ctxTo), its own part (core) [from, to) inside it. */
export interface WindowSpan {
  ctxFrom: number;
  ctxTo: number;
  from: number;
  to: number;
}

/** One document's settings for both passes. */
class WindowRun {
  readonly config;
  readonly assumeSpun: boolean;
  readonly findOptions: FindOptions;
  readonly skip: SkipSpans;
  readonly gateDictionary: PhraseDictionary;

  constructor(
    readonly resources: Resources,
    readonly text: string,
    options: RestoreOptions,
    tuning?: Tuning,
  ) {
    this.config = tuning ? { ...configFor(options), ...tuning } : configFor(options);
    this.assumeSpun = options.assumeSpun ?? false;
    this.findOptions = findOptionsFor(text, options);
    this.skip = new SkipSpans(this.findOptions.skip);
    this.gateDictionary = resources.gateDictionary ?? resources.dictionary;
  }

  read(w: WindowSpan) {
    const { text, skip, findOptions, resources } = this;
    const lm = resources.lm;
    const tok = tokenTable(text, w.ctxFrom, w.ctxTo);
    const { doc, spintax } = prepare(tok, skip, w.ctxFrom, w.ctxTo);
    const numbers = new Sites(4);
    findNumbers(doc, skip.merged, 0, tok.n, numbers);
    const sitesFrom = (dict: PhraseDictionary, scientific: boolean, fingerprints: FingerprintScope, rank = true) =>
      findSites(doc, spintax, numbers, dict, findOptions, skip, lm, scientific, (sites, forms) => rank && rankForms(sites, forms, tok, lm), fingerprints);
    const countForms = (dict: PhraseDictionary, counts: FormContexts) =>
      countFormSites(doc, spintax, numbers, dict, findOptions, skip, true, { seen: new Set() }, w.from, w.to, counts);
    return { tok, doc, sitesFrom, countForms };
  }

  /**
   * Pass 1 for one window, added to `counts` and `seen`; each key id of the words in its own part goes to `present`.
   * What plan() sums window after window, and countWindow() hands to another thread.
   */
  private countInto(w: WindowSpan, counts: PlaceCounts, seen: Set<string>, present: (kid: number) => void): { words: number; academic: number; legal: number; certain: boolean } {
    return withScratch(() => this.countIntoScratch(w, counts, seen, present));
  }

  private countIntoScratch(w: WindowSpan, counts: PlaceCounts, seen: Set<string>, present: (kid: number) => void): { words: number; academic: number; legal: number; certain: boolean } {
    const { tok, doc, sitesFrom } = this.read(w);
    const [a, b] = coreTokens(tok, w.from, w.to);
    const { keys, keyOf } = wordTable;
    let academic = 0;
    let legal = 0;
    for (let t = a; t < b; t++) {
      const kid = keyOf[tok.word[t]!]!;
      present(kid);
      if (isAcademic(keys[kid]!)) academic++;
      if (isLegal(keys[kid]!)) legal++;
    }
    // The gate's sites (not ranked), as restoreWith's gate sees them: a general thesaurus is consulted only once
    // the gate is open (pass 1b), so a long clean text costs what a short one does.
    const found = sitesFrom(this.gateDictionary, true, { seen }, false);
    const sc = new Scoring(tok, doc.hidden, found.sites, found.forms, this.resources.lm);
    const active = initialChoices(found.sites);
    sc.markActive(active);
    const s = found.sites;
    counts.lastEnd = -1;
    let certain = false;
    for (let i = 0; i < s.n; i++) {
      if (!inCore(s, i, w)) continue;
      if (s.forced[i] || s.list[i]!.certain || s.list[i]!.unmistakable !== null || s.list[i]!.fingerprint > 0) certain = true;
      // Round-0 deltas (no thesaurus candidates), as decide.ts scoreRound0.
      sc.siteDeltas(i, active, false);
      if (!s.forced[i]) counts.add(s.list[i]!, sc.deltas, sc.dOff[i]!, s.poolKey[i]!, s.tokFrom[i]!, s.tokTo[i]!, this.config.gateStrongDelta);
    }
    return { words: b - a, academic, legal, certain };
  }

  /** Pass 1: the document's evidence, as counts. */
  plan(windows: WindowSpan[], forms = true): WindowPlan {
    // Key ids must stay the same over the document's windows (the presence of words below is kept by id).
    if (wordTable.text.length > WORD_TABLE_LIMIT) resetWordTable();
    const counts = new PlaceCounts();
    const seen = new Set<string>();
    let words = 0;
    let academic = 0;
    let legal = 0;
    const formContexts: FormContexts = new Map();
    let present = new Uint8Array(1024);
    const certainIn = new Uint8Array(windows.length);
    windows.forEach((w, k) => {
      const r = this.countInto(w, counts, seen, (kid) => {
        if (kid >= present.length) {
          const grown = new Uint8Array(2 * (wordTable.keys.length + 1));
          grown.set(present);
          present = grown;
        }
        present[kid] = 1;
      });
      words += r.words;
      academic += r.academic;
      legal += r.legal;
      if (r.certain) certainIn[k] = 1;
    });
    const evidence = documentEvidence(words, academic, legal, counts, seen, this.config, this.assumeSpun);
    // Pass 1b, for a spun document only: sites per spun form of the full dictionary (the forms are all it counts).
    if (evidence.gate.spun && forms) {
      for (const w of windows) withScratch(() => this.read(w).countForms(this.resources.dictionary, formContexts));
    }
    return { windows, ...evidence, formSites: mergeFormSites([formContexts]), present, certainIn };
  }

  /** Pass 1 for window k alone (as plan() counts it), in plain data. */
  countWindow(w: WindowSpan, k: number): WindowCounts {
    if (wordTable.text.length > WORD_TABLE_LIMIT) resetWordTable();
    const counts = new PlaceCounts();
    const seen = new Set<string>();
    const present = new Set<number>();
    const { words, academic, legal, certain } = this.countInto(w, counts, seen, (kid) => present.add(kid));
    return {
      strong: counts.strong,
      strongCurated: counts.strongCurated,
      strongTable: counts.strongTable,
      winning: counts.winning,
      top: [...counts.top],
      strongForms: [...counts.strongForms],
      formStrong: [...counts.formStrong].map(([form, [sites, curated]]) => [form, sites, curated] as [string, number, number]),
      words,
      academic,
      legal,
      seen: [...seen],
      presentKeys: [...present].map((kid) => wordTable.keys[kid]!),
      certain: certain ? [k] : [],
    };
  }

  /** Pass 1b for one window: sites per spun form of the full dictionary, in the window's own part. */
  countWindowForms(w: WindowSpan): FormContexts {
    const contexts: FormContexts = new Map();
    withScratch(() => this.read(w).countForms(this.resources.dictionary, contexts));
    return contexts;
  }

  /** The flagger of unlisted tortured phrases, for scientific text only. */
  flagger(plan: Omit<WindowPlan, "present">) {
    return plan.scientificText ? this.resources.flagger?.() : undefined;
  }

  /** Whether pass 2 has anything to do in window k. */
  works(plan: Omit<WindowPlan, "present">, k: number): boolean {
    return plan.gate.spun || plan.certainIn[k] === 1 || this.flagger(plan) !== undefined;
  }

  /**
   * Pass 2 for one window, with the document's evidence fixed. `cursor` and `flagLines` carry the last edit's end and
   * the line count from window to window (fresh ones when a window is restored on its own, see restoreWindowPart).
   */
  /**
   * Screening one window (screen.ts): the gate dictionary's sites that start in its core, with the listed fingerprints
   * the document lets count, scored at round 0 as the gate scores them. What a whole text's screen reads of its sites.
   */
  screenWindow(plan: Pick<WindowPlan, "scientificText" | "fingerprintsScreened" | "fingerprintsConfirmed">, w: WindowSpan): ScreenedWindow {
    return withScratch(() => {
      const { tok, doc, sitesFrom } = this.read(w);
      const found = sitesFrom(this.gateDictionary, plan.scientificText, { anywhere: plan.fingerprintsScreened, confirmed: plan.fingerprintsConfirmed }, false);
      const s = found.sites;
      const sc = new Scoring(tok, doc.hidden, s, found.forms, this.resources.lm);
      const active = initialChoices(s);
      sc.markActive(active);
      const counts = new PlaceCounts();
      const strong: number[] = [];
      const sites: ScreenedSite[] = [];
      for (let i = 0; i < s.n; i++) {
        if (!inCore(s, i, w)) continue;
        sc.siteDeltas(i, active, false);
        const before = strong.length;
        if (!s.forced[i]) counts.add(s.list[i]!, sc.deltas, sc.dOff[i]!, s.poolKey[i]!, s.tokFrom[i]!, s.tokTo[i]!, this.config.gateStrongDelta, i, strong);
        const list = s.list[i]!;
        const isStrong = strong.length > before;
        const tortured = list.fingerprint !== 0 ? textOfTier(list, "fingerprint") : undefined;
        const signature = isStrong ? textOfTier(list, "signature") : undefined;
        if (tortured === undefined && signature === undefined) continue;
        sites.push({ start: s.start[i]!, end: s.end[i]!, phrase: spunOf(s, i, tok), form: s.poolKey[i]!.replace(/^\^/, ""), tortured, signature });
      }
      return { sites };
    });
  }

  window(plan: Omit<WindowPlan, "present">, present: Uint8Array, w: WindowSpan, cursor: EditCursor, flagLines: LineCursor): PendingPart {
    return withScratch(() => this.windowScratch(plan, present, w, cursor, flagLines));
  }

  private windowScratch(plan: Omit<WindowPlan, "present">, present: Uint8Array, w: WindowSpan, cursor: EditCursor, flagLines: LineCursor): PendingPart {
    const { resources, config, assumeSpun, text, skip, findOptions } = this;
    const gate = plan.gate;
    const scientific = assumeSpun || plan.scientificText;
    const flagger = this.flagger(plan);
    const { tok, doc, sitesFrom } = this.read(w);
    const found = sitesFrom(gate.spun ? resources.dictionary : this.gateDictionary, scientific, { anywhere: plan.fingerprintsAnywhere, confirmed: plan.fingerprintsConfirmed });
    const here = independentSites(found.sites, found.forms, tok);
    found.forms.documentSites = Int32Array.from(found.forms.key, (key, f) => Math.max(plan.formSites.get(key) ?? 0, here[f]!));
    const sc = new Scoring(tok, doc.hidden, found.sites, found.forms, resources.lm);
    sc.usePresence(present);
    const result = decide(sc, config, assumeSpun, gate);
    const inWindow = result.decisions.filter((d) => inCore(sc.sites, d.site, w));
    const decisions = gate.spun ? inWindow : withoutNotation(inWindow, sc.sites, resources.dictionary);
    const edits = toEdits(text, tok, sc.sites, decisions, skip, cursor, findOptions.neverTouch);
    if (!flagger) return { edits, flags: [] };
    // The flagger reads the listed fingerprints' entries: scientific text gets its edits settled here.
    return windowFlags(text, w, edits.map(settled), sc, findOptions, resources, flagger, flagLines);
  }
}

/** The gate and the rest of the document's evidence from pass 1's sums (over windows counted in turn or apart). */
function documentEvidence(words: number, academic: number, legal: number, counts: PlaceCounts, seen: ReadonlySet<string>, config: DecideConfig, assumeSpun: boolean) {
  const gate = gateFrom(words, counts, config, assumeSpun, undefined, formalOf(words, legal));
  const register = registerOf(words, academic);
  // As many different listed fingerprints as the register asks for (register.ts fingerprintsRequired).
  const fingerprintsAnywhere = seen.size >= fingerprintsRequired(register, assumeSpun, gate.spun);
  // Screening reads them without the gate (screen.ts), as a whole text's screen does.
  const fingerprintsScreened = seen.size >= fingerprintsRequired(register, assumeSpun, false);
  return { gate, report: gateReport(gate, words), scientificText: register.scientific, fingerprintsAnywhere, fingerprintsConfirmed: seen.size >= 1, fingerprintsScreened };
}

/** A site a window's screening reports (offsets into the whole text): a listed tortured phrase, a strong signature, or both. */
export interface ScreenedSite {
  start: number;
  end: number;
  phrase: string;
  /** The spun form in any case (its sites' poolKey without the capitalised mark). */
  form: string;
  /** The listed phrase's original, when the site is one. */
  tortured: string | undefined;
  /** The signature phrasing's original, when the site is a strong place of one. */
  signature: string | undefined;
}

export interface ScreenedWindow {
  sites: ScreenedSite[];
}

/**
 * Screening a text longer than `windowedAbove` window by window (screen.ts), so memory stays that of a window: the
 * document's evidence (pass 1, without the sites per form that restoring needs), then each window's fingerprints and
 * strong places, in text order. Null for a shorter text (screened whole).
 */
export function screenWindowsWith(
  resources: Resources,
  text: string,
  skip: ReadonlyArray<{ start: number; end: number }>,
  settings: WindowSettings = {},
): { plan: WindowPlan; sites: ScreenedSite[] } | null {
  if (text.length <= (settings.windowedAbove ?? WINDOWED_ABOVE)) return null;
  const run = new WindowRun(resources, text, { skip: [...skip] });
  const windows = windowsOf(text, settings.windowChars ?? WINDOW_CHARS);
  try {
    const plan = run.plan(windows, false);
    const sites: ScreenedSite[] = [];
    for (const w of windows) for (const site of run.screenWindow(plan, w).sites) sites.push(site);
    return { plan, sites };
  } finally {
    emptyScratch();
  }
}

/** The document-level evidence of a text longer than `windowedAbove` (pass 1), or null for a shorter one. */
export function planWindowsWith(resources: Resources, text: string, options: RestoreOptions = {}, tuning?: Tuning, settings: WindowSettings = {}): WindowPlan | null {
  if (text.length <= (settings.windowedAbove ?? WINDOWED_ABOVE)) return null;
  return new WindowRun(resources, text, options, tuning).plan(windowsOf(text, settings.windowChars ?? WINDOW_CHARS));
}

let planIds = 0;

/** A plan as plain data for another thread (structured clone). */
export function portablePlan(plan: WindowPlan): PortableWindowPlan {
  const presentKeys: string[] = [];
  const { keys } = wordTable;
  for (let k = 0; k < plan.present.length && k < keys.length; k++) if (plan.present[k]) presentKeys.push(keys[k]!);
  const { present: _present, ...rest } = plan;
  return { ...rest, presentKeys, id: ++planIds };
}

/** This thread's presence table for a portable plan, kept for the plan's next windows while the word table lasts. */
let presence: { id: number; generation: number; present: Uint8Array } | null = null;
function presenceOf(plan: PortableWindowPlan): Uint8Array {
  if (wordTable.text.length > WORD_TABLE_LIMIT) resetWordTable();
  if (presence && presence.id === plan.id && presence.generation === wordTable.generation) return presence.present;
  const ids = plan.presentKeys.map(keyId);
  const present = new Uint8Array(wordTable.keys.length + 1);
  for (const k of ids) present[k] = 1;
  presence = { id: plan.id, generation: wordTable.generation, present };
  return present;
}

/**
 * Pass 2 for window k of a plan, on its own: `part` is the window's context as cut from the text
 * (text.slice(ctxFrom, ctxTo)), so another thread needs only that much of it. Offsets in the answer are into the
 * whole text; lines and columns, and edits that overlap the previous window's last one, are settled by a
 * WindowJoiner, which takes the parts in order. Null when the window needs no restoring.
 */
export function restoreWindowPart(resources: Resources, part: string, plan: PortableWindowPlan, k: number, options: RestoreOptions = {}, tuning?: Tuning): WindowPart | null {
  // Plain data (another thread may be sent it): every edit settled.
  const p = pendingWindowPart(resources, part, plan, k, options, tuning);
  return p && { edits: settledAll(p.edits), flags: p.flags };
}

/** restoreWindowPart with the edits' entry and evidence left to be made when read (for this thread's own joiner). */
function pendingWindowPart(resources: Resources, part: string, plan: PortableWindowPlan, k: number, options: RestoreOptions = {}, tuning?: Tuning): PendingPart | null {
  const w = plan.windows[k]!;
  return onPart(resources, part, w, options, tuning, (run, local) => {
    if (!run.works(plan, k)) return null;
    const { edits, flags } = run.window(plan, presenceOf(plan), local, newCursor(), newLineCursor());
    const back = <T extends { start: number; end: number }>(x: T): T => ({ ...x, start: x.start + w.ctxFrom, end: x.end + w.ctxFrom });
    return { edits: edits.map(back), flags: flags.map(back) };
  });
}

/** A text's windows (pass 1 and 2 run over them), or null when it is short enough for one pass. */
export function windowSpans(text: string, settings: WindowSettings = {}): WindowSpan[] | null {
  if (typeof text !== "string") throw new TypeError(`unspin: windowSpans() expects the text as a string (got ${shown(text)})`);
  if (text.length <= (settings.windowedAbove ?? WINDOWED_ABOVE)) return null;
  return windowsOf(text, settings.windowChars ?? WINDOW_CHARS);
}

/** Runs `f` on window k's context slice (`part`), the window moved into the slice's offsets, `options.skip` too. */
function onPart<T>(resources: Resources, part: string, w: WindowSpan, options: RestoreOptions, tuning: Tuning | undefined, f: (run: WindowRun, local: WindowSpan) => T): T {
  const off = w.ctxFrom;
  const skip = (options.skip ?? []).filter((s) => s.end > off && s.start < w.ctxTo).map((s) => ({ ...s, start: Math.max(0, s.start - off), end: Math.min(part.length, s.end - off) }));
  return f(new WindowRun(resources, part, { ...options, skip }, tuning), { ctxFrom: 0, ctxTo: part.length, from: w.from - off, to: w.to - off });
}

/** Pass 1 for window k on its own, from its context slice (see restoreWindowPart). */
export function countWindowPart(resources: Resources, part: string, w: WindowSpan, k: number, options: RestoreOptions = {}, tuning?: Tuning): WindowCounts {
  return onPart(resources, part, w, options, tuning, (run, local) => run.countWindow(local, k));
}

/** Pass 1b (for a document found spun) for one window on its own, from its context slice. */
export function countWindowFormsPart(resources: Resources, part: string, w: WindowSpan, options: RestoreOptions = {}, tuning?: Tuning): FormContexts {
  return onPart(resources, part, w, options, tuning, (run, local) => run.countWindowForms(local));
}

/** Per spun form, its sites in distinct contexts over the document: the union of pass 1b's answers, counted. */
export function mergeFormSites(parts: Iterable<ReadonlyMap<string, ReadonlySet<number>>>): Map<string, number> {
  const union = new Map<string, Set<number>>();
  for (const m of parts) {
    for (const [key, hashes] of m) {
      const set = union.get(key);
      if (!set) union.set(key, new Set(hashes));
      else for (const h of hashes) set.add(h);
    }
  }
  return new Map([...union].map(([key, set]) => [key, set.size]));
}

/**
 * The document's evidence from every window's counts (countWindowPart, in any order): the plan, without the sites per
 * form (pass 1b) when the gate is shut, as the plan of restoreWindowsWith is. Give `formSites` once the gate is known
 * open (mergeFormSites over countWindowFormsPart's answers).
 */
export function planFromCounts(
  windows: WindowSpan[],
  parts: readonly WindowCounts[],
  formSites: Map<string, number> | null,
  options: RestoreOptions = {},
  tuning?: Tuning,
): PortableWindowPlan {
  const merged = new WindowCountsSum(windows.length);
  for (const p of parts) merged.add(p);
  return merged.plan(windows, formSites, options, tuning);
}

/** Windows' counts added up as they come (planFromCounts over a list), so that none of them need be kept. */
export class WindowCountsSum {
  private readonly counts = new PlaceCounts();
  private readonly seen = new Set<string>();
  private readonly present = new Set<string>();
  private readonly certainIn: Uint8Array;
  private words = 0;
  private academic = 0;
  private legal = 0;
  private tops: number[] = [];

  constructor(windows: number) {
    this.certainIn = new Uint8Array(windows);
  }

  add(p: WindowCounts): void {
    const { counts } = this;
    counts.strong += p.strong;
    counts.strongCurated += p.strongCurated;
    counts.strongTable += p.strongTable;
    counts.winning += p.winning;
    for (const f of p.strongForms) counts.strongForms.add(f);
    for (const [form, sites, curated] of p.formStrong) {
      const per = counts.formStrong.get(form);
      if (per) {
        per[0] += sites;
        per[1] += curated;
      } else counts.formStrong.set(form, [sites, curated]);
    }
    // The five best gains so far, best first (all that plan() reads of them).
    if (p.top.length) this.tops = [...this.tops, ...p.top].sort((x, y) => y - x).slice(0, 5);
    for (const f of p.seen) this.seen.add(f);
    for (const key of p.presentKeys) this.present.add(key);
    for (const k of p.certain) this.certainIn[k] = 1;
    this.words += p.words;
    this.academic += p.academic;
    this.legal += p.legal;
  }

  plan(windows: WindowSpan[], formSites: Map<string, number> | null, options: RestoreOptions = {}, tuning?: Tuning): PortableWindowPlan {
    const config = tuning ? { ...configFor(options), ...tuning } : configFor(options);
    const counts = this.counts;
    // The five best gains over the document, best first, as PlaceCounts keeps them window after window.
    counts.top.length = 0;
    counts.top.push(...this.tops);
    const evidence = documentEvidence(this.words, this.academic, this.legal, counts, this.seen, config, options.assumeSpun ?? false);
    return { windows, ...evidence, formSites: evidence.gate.spun ? (formSites ?? new Map()) : new Map(), presentKeys: [...this.present], certainIn: this.certainIn, id: ++planIds };
  }
}

/**
 * Puts windows restored on their own (restoreWindowPart) back together, in window order: drops an edit that
 * overlaps the previous window's last one (as the windows restored in turn do), counts lines and columns in the
 * whole text, and gives each window's piece of restored text.
 */
export class WindowJoiner {
  private lastEnd = 0;
  private emitted = 0;
  private readonly editLines: Lines;
  private readonly flagLines: Lines;

  constructor(
    /** The whole text, or a source of its slices (restoreSourceWindowsWith). */
    private readonly text: string | TextSource,
    private readonly plan: Pick<WindowPlan, "windows" | "report">,
  ) {
    this.editLines = linesOf(text);
    this.flagLines = linesOf(text);
  }

  /** The piece for window k (null: nothing to give yet, when an empty window's text was given with an earlier one). */
  add(k: number, part: WindowPart | PendingPart | null): RestoredWindow | null {
    const { text } = this;
    const w = this.plan.windows[k]!;
    if (!part) {
      if (w.to <= this.emitted) return null;
      const p = piece(text, this.emitted, w.to, [], [], this.plan.report);
      this.emitted = w.to;
      return p;
    }
    const edits: SomeEdit[] = [];
    for (const e of part.edits) {
      if (e.start < this.lastEnd) continue;
      this.lastEnd = e.end;
      const at = this.editLines.at(e.start);
      edits.push({ ...e, line: at.line, column: e.start - at.lineStart + 1 });
    }
    const flags = part.flags.map((f) => {
      const at = this.flagLines.at(f.start);
      return { ...f, line: at.line, column: f.start - at.lineStart + 1 };
    });
    const to = Math.max(w.to, edits.length ? edits[edits.length - 1]!.end : 0);
    const p = piece(text, this.emitted, to, edits, flags, this.plan.report);
    this.emitted = to;
    return p;
  }
}

/**
 * Restores a text piece by piece (see the file comment); a text up to `windowedAbove` characters comes as one piece,
 * the same as restoreWith's result. The document's evidence is gathered before the first piece is given.
 */
export function* restoreWindowsWith(
  resources: Resources,
  text: string,
  options: RestoreOptions = {},
  tuning?: Tuning,
  settings: WindowSettings = {},
): Generator<RestoredWindow, void, undefined> {
  if (text.length <= (settings.windowedAbove ?? WINDOWED_ABOVE)) {
    const r = restoreWhole(resources, text, options, tuning);
    yield { from: 0, to: text.length, text: r.text, edits: r.edits, flags: r.flags, gate: r.gate };
    return;
  }
  const run = new WindowRun(resources, text, options, tuning);
  const plan = run.plan(windowsOf(text, settings.windowChars ?? WINDOW_CHARS));

  // Pass 2: restore window by window with the document's evidence fixed.
  const cursor: EditCursor = newCursor();
  // Where each window starts, in lines (for the flags of scientific text): counted forwards, window after window.
  const flagLines = newLineCursor();
  let emitted = 0;
  try {
    for (let k = 0; k < plan.windows.length; k++) {
      const w = plan.windows[k]!;
      if (run.works(plan, k)) {
        const { edits, flags } = run.window(plan, plan.present, w, cursor, flagLines);
        const to = Math.max(w.to, edits.length ? edits[edits.length - 1]!.end : 0);
        yield piece(text, emitted, to, edits, flags, plan.report);
        emitted = to;
      } else if (w.to > emitted) {
        yield piece(text, emitted, w.to, [], [], plan.report);
        emitted = w.to;
      }
    }
  } finally {
    // The pool served this document's windows (also when the caller stops early, as a closed pipe does); a process
    // that goes on to short texts need not keep it.
    emptyScratch();
  }
}

/**
 * Restores a long text that is not held whole, from its source's slices: its windows are found, counted (pass 1, and
 * 1b for a spun document) and restored (pass 2) each from its own context slice, as the windows of a text shared over
 * threads are (restoreWindowPart), and joined in order. The pieces are those restoreWindowsWith gives for the whole
 * text; memory holds one window's slice at a time, not the text. A source up to `windowedAbove` characters is read
 * whole and restored in one piece.
 */
export function* restoreSourceWindowsWith(
  resources: Resources,
  source: TextSource,
  options: RestoreOptions = {},
  tuning?: Tuning,
  settings: WindowSettings = {},
): Generator<RestoredWindow, void, undefined> {
  if (source.length <= (settings.windowedAbove ?? WINDOWED_ABOVE)) {
    yield* restoreWindowsWith(resources, source.slice(0, source.length), options, tuning, settings);
    return;
  }
  const windows = windowsOf(sourceView(source), settings.windowChars ?? WINDOW_CHARS);
  const slice = (k: number) => source.slice(windows[k]!.ctxFrom, windows[k]!.ctxTo);
  try {
    const sum = new WindowCountsSum(windows.length);
    for (let k = 0; k < windows.length; k++) sum.add(countWindowPart(resources, slice(k), windows[k]!, k, options, tuning));
    let plan = sum.plan(windows, null, options, tuning);
    if (plan.gate.spun) {
      // Merged as they come (mergeFormSites reads an iterable): one window's contexts held at a time.
      const forms = (function* () {
        for (let k = 0; k < windows.length; k++) yield countWindowFormsPart(resources, slice(k), windows[k]!, options, tuning);
      })();
      plan = sum.plan(windows, mergeFormSites(forms), options, tuning);
    }
    const joiner = new WindowJoiner(source, plan);
    for (let k = 0; k < windows.length; k++) {
      const p = joiner.add(k, pendingWindowPart(resources, slice(k), plan, k, options, tuning));
      if (p) yield p;
    }
  } finally {
    emptyScratch();
  }
}

/** Lines counted forwards (offsets in ascending order): the line of an offset and where it starts. */
interface Lines {
  at(offset: number): { line: number; lineStart: number };
}

function linesOf(text: string | TextSource): Lines {
  if (typeof text === "string") {
    const cursor = newLineCursor();
    return {
      at(offset) {
        advanceLines(text, cursor, offset);
        return cursor;
      },
    };
  }
  return new SourceLines(text);
}

/**
 * Lines counted forwards over a text read in slices, as advanceLines counts them (a "\n", or a "\r" not followed by
 * one, ends a line), reading each character once: advanceLines looks ahead to the next break, which in a source
 * might be anywhere.
 */
export class SourceLines implements Lines {
  private line = 1;
  private lineStart = 0;
  private done = 0;

  constructor(private readonly source: TextSource) {}

  at(offset: number): { line: number; lineStart: number } {
    if (offset > this.done) {
      // One character more, to tell a "\r" before a "\n" from a lone one.
      const s = this.source.slice(this.done, Math.min(this.source.length, offset + 1));
      for (let i = 0, n = offset - this.done; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c === 0x0a || (c === 0x0d && s.charCodeAt(i + 1) !== 0x0a)) {
          this.line++;
          this.lineStart = this.done + i + 1;
        }
      }
      this.done = offset;
    }
    return { line: this.line, lineStart: this.lineStart };
  }
}

function piece(text: { slice(from: number, to: number): string }, from: number, to: number, edits: SomeEdit[], flags: Flag[], gate: GateReport): RestoredWindow {
  const part = text.slice(from, to);
  const shifted = edits.map((e) => ({ start: e.start - from, end: e.end - from, after: e.after }));
  return restoredWindow(from, to, applyEdits(part, shifted), edits, flags, gate);
}

/** Pieces' edit counts, for changesIn. */
const changeCounts = new WeakMap<RestoredWindow, () => number>();

/**
 * A piece whose `edits` are settled (their entry and evidence made) when first read: printing the restored text of a
 * long input reads none of them. An ordinary property for every reader (enumerable, in JSON and spreads; assignable).
 */
function restoredWindow(from: number, to: number, text: string, pending: SomeEdit[], flags: Flag[], gate: GateReport): RestoredWindow {
  let edits: Edit[] | null = null;
  const p: RestoredWindow = {
    from,
    to,
    text,
    get edits(): Edit[] {
      return (edits ??= settledAll(pending));
    },
    set edits(value: Edit[]) {
      edits = value;
    },
    flags,
    gate,
  };
  changeCounts.set(p, () => (edits ?? pending).length);
  return p;
}

/** How many edits a piece holds, without settling them (see restoredWindow). */
export function changesIn(piece: RestoredWindow): number {
  return changeCounts.get(piece)?.() ?? piece.edits.length;
}

/** Unlisted tortured phrases in a window's core (scientific text only), as restore.ts does for a whole text. */
function windowFlags(
  text: string,
  w: WindowSpan,
  edits: Edit[],
  sc: Scoring,
  findOptions: FindOptions,
  resources: Resources,
  flagger: NonNullable<ReturnType<NonNullable<Resources["flagger"]>>>,
  lines: LineCursor,
): { edits: Edit[]; flags: Flag[] } {
  const part = text.slice(w.from, w.to);
  const local = <T extends { start: number; end: number }>(x: T): T => ({ ...x, start: x.start - w.from, end: x.end - w.from });
  const tokens = tokenizeWords(part);
  const sentences = splitSentences(part, tokens);
  const localEdits = edits.map(local);
  const listed = localEdits.filter((e) => e.entry.startsWith("tortured:"));
  // Sites in window offsets (only what blockedTokens reads: fingerprint sites and their spans).
  const sites = new Sites(Math.max(1, sc.sites.n));
  const s = sc.sites;
  for (let i = 0; i < s.n; i++) {
    if (!inCore(s, i, w) || s.end[i]! > w.to) continue;
    const t0 = tokens.findIndex((t) => t.start >= s.start[i]! - w.from);
    let t1 = t0;
    while (t1 >= 0 && t1 < tokens.length && tokens[t1]!.end <= s.end[i]! - w.from) t1++;
    if (t0 < 0) continue;
    sites.push(t0, t1, s.start[i]! - w.from, s.end[i]! - w.from, -1, t1, s.pattern[i]!, s.forced[i] === 1, s.list[i]!, s.poolKey[i]!, null);
  }
  const blocked = blockedTokens(tokens, sites, localEdits, listed, { ...findOptions, skip: findOptions.skip.map(local) });
  // Lines and columns in the whole text: the part's own, moved by where the part starts.
  advanceLines(text, lines, w.from);
  const startLine = lines.line;
  const startColumn = w.from - lines.lineStart;
  const pos = positionIn(part);
  const position = (offset: number) => {
    const p = pos(offset);
    return { line: startLine + p.line - 1, column: p.line === 1 ? p.column + startColumn : p.column };
  };
  const found = unlistedFlags(part, tokens, sentences, resources.lm, flagger, blocked, position, listed);
  const back = <T extends { start: number; end: number }>(x: T): T => ({ ...x, start: x.start + w.from, end: x.end + w.from });
  const flags = found.flags.map(back);
  let out = edits;
  if (found.edits.length) {
    const replaced = new Set(found.replaced.map((e) => `${e.start}:${e.end}`));
    out = [...edits.filter((e) => !replaced.has(`${e.start - w.from}:${e.end - w.from}`)), ...found.edits.map(back)].sort((a, b) => a.start - b.start);
  }
  return { edits: out, flags };
}

/** The pieces of restoreWindowsWith as one result (what restoreWith returns for a long text). */
export function joinWindows(pieces: Iterable<RestoredWindow>): RestoreResult {
  const parts: string[] = [];
  const edits: Edit[] = [];
  const flags: Flag[] = [];
  let gate: GateReport = { strongSites: 0, strongForms: 0, words: 0, strongSitesPer1000: 0, spun: false, probability: 0 };
  for (const p of pieces) {
    parts.push(p.text);
    for (const e of p.edits) edits.push(e);
    for (const f of p.flags) flags.push(f);
    gate = p.gate;
  }
  return { text: parts.join(""), edits, flags, gate };
}
