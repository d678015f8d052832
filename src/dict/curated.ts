/**
 * Curated dictionary (dictionaries/curated/*.json): pure parser and validator, and the
 * expansion of lemma entries into a {@link PhraseDictionary} with every inflection.
 * String in, data out: no I/O. Format: dictionaries/schema.md.
 */
import { phraseStarts, type Candidate, type PhraseDictionary, type Tier } from "./types.js";
import { inflectionTable, type FormTag, type Pos } from "./inflect.js";

export interface CuratedFixExample {
  /** A spun sentence. */
  text: string;
  /** The same sentence restored. */
  expect: string;
}

export interface CuratedEntry {
  /** Spun form, lemma (normalised: lower case, single spaces, ASCII apostrophes). */
  spun: string;
  /** Candidate originals, lemma, first preferred (normalised). */
  original: string[];
  pos: Pos;
  tier: "signature" | "closed";
  /** log10 prior of the first original given the spun form in a spun document, ≤ 0. */
  prior: number;
  /** The spun form is no ordinary English: applied even where the document gate stays shut (Candidate.unmistakable). */
  unmistakable: boolean;
  note: string;
  examples: { fix: CuratedFixExample[]; keep: string[] };
}

/** One generated key → original pair of an entry. */
export interface ExpandedPair {
  spun: string;
  original: string;
  tag: FormTag;
  /** Index of the original in the entry's `original` list (0 = preferred). */
  rank: number;
}

export class CuratedFormatError extends Error {
  constructor(
    message: string,
    readonly index?: number,
    readonly field?: string,
  ) {
    super(message);
    this.name = "CuratedFormatError";
  }
}

/** Prior step (log10) between successive originals of one entry: candidate i gets `prior - 0.3 * i`. */
export const RANK_PENALTY = 0.3;

const POS_VALUES: readonly Pos[] = ["n", "v", "adj", "-"];
const ENTRY_FIELDS = new Set(["spun", "original", "pos", "tier", "prior", "unmistakable", "note", "examples"]);

/** Normal form of keys and originals: lower case, single spaces, ASCII apostrophes. */
export function normalizePhrase(s: string): string {
  return s
    .normalize("NFC")
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`\u00b4]/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}

function isNormalized(s: string): boolean {
  return s.length > 0 && s === normalizePhrase(s);
}

/**
 * Parse and validate curated JSON text (`{ "entries": [...] }`, or a bare array).
 * Throws {@link CuratedFormatError} naming the entry index and field.
 */
export function parseCurated(jsonText: string): CuratedEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(jsonText);
  } catch (e) {
    throw new CuratedFormatError(`curated dictionary is not valid JSON: ${(e as Error).message}`);
  }
  const list = Array.isArray(data) ? data : (data as { entries?: unknown } | null)?.entries;
  if (!Array.isArray(list)) throw new CuratedFormatError('curated dictionary: expected an "entries" array');
  const seen = new Map<string, number>();
  return list.map((raw, i) => {
    const entry = validateEntry(raw, i);
    const prev = seen.get(entry.spun);
    if (prev !== undefined) throw new CuratedFormatError(`entry ${i} (spun): duplicate of entry ${prev} "${entry.spun}"`, i, "spun");
    seen.set(entry.spun, i);
    return entry;
  });
}

function validateEntry(raw: unknown, i: number): CuratedEntry {
  const fail = (field: string, msg: string): never => {
    throw new CuratedFormatError(`entry ${i} (${field}): ${msg}`, i, field);
  };
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) fail("entry", "must be an object");
  const o = raw as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!ENTRY_FIELDS.has(k)) fail(k, "unknown field");
  const phrase = (field: string, v: unknown): string => {
    if (typeof v !== "string" || !isNormalized(v)) {
      fail(field, `must be a non-empty normalised string (lower case, single spaces, ASCII apostrophes), got ${JSON.stringify(v)}`);
    }
    return v as string;
  };
  const spun = phrase("spun", o.spun);
  const origRaw = typeof o.original === "string" ? [o.original] : o.original;
  if (!Array.isArray(origRaw) || origRaw.length === 0) fail("original", "must be a string or a non-empty array of strings");
  const original = (origRaw as unknown[]).map((v) => phrase("original", v));
  if (new Set(original).size !== original.length) fail("original", "duplicate candidate");
  if (original.includes(spun)) fail("original", "identity entry: an original equals the spun form");
  const pos = o.pos;
  if (typeof pos !== "string" || !(POS_VALUES as readonly string[]).includes(pos)) fail("pos", `must be one of ${POS_VALUES.join(", ")}`);
  if (o.tier !== "signature" && o.tier !== "closed") fail("tier", 'must be "signature" or "closed"');
  const prior = o.prior;
  if (typeof prior !== "number" || !Number.isFinite(prior) || prior > 0 || prior < -10) fail("prior", "must be a number in [-10, 0] (log10)");
  if (o.unmistakable !== undefined && typeof o.unmistakable !== "boolean") fail("unmistakable", "must be true or false");
  if (typeof o.note !== "string" || o.note.trim() === "") fail("note", "must be a non-empty string");
  const ex = o.examples as Record<string, unknown> | undefined;
  if (typeof ex !== "object" || ex === null || Array.isArray(ex)) fail("examples", "must be an object with fix and keep");
  const exo = ex as Record<string, unknown>;
  if (!Array.isArray(exo.fix) || exo.fix.length === 0) fail("examples.fix", "must be a non-empty array");
  const fix = (exo.fix as unknown[]).map((f, k) => {
    const fo = f as Record<string, unknown> | null;
    if (typeof fo !== "object" || fo === null || typeof fo.text !== "string" || typeof fo.expect !== "string" || fo.text === fo.expect) {
      fail(`examples.fix[${k}]`, 'must be { "text": string, "expect": string } with text ≠ expect');
    }
    return { text: fo!.text as string, expect: fo!.expect as string };
  });
  if (!Array.isArray(exo.keep) || exo.keep.length === 0) fail("examples.keep", "must be a non-empty array");
  const keep = (exo.keep as unknown[]).map((k, n) => {
    if (typeof k !== "string" || k.trim() === "") fail(`examples.keep[${n}]`, "must be a non-empty string");
    return k as string;
  });
  const unmistakable = o.unmistakable === true;
  return { spun, original, pos: pos as Pos, tier: o.tier as "signature" | "closed", prior: prior as number, unmistakable, note: o.note as string, examples: { fix, keep } };
}

/** Stable id of an entry, shown to users: `signature:time period→term`. */
export function entryId(entry: Pick<CuratedEntry, "tier" | "spun" | "original">): string {
  return `${entry.tier}:${entry.spun}→${entry.original[0]}`;
}

/**
 * Generate every spun key of an entry with its originals, pairing forms by inflection tag
 * (time periods → terms; makes an attempt → attempts). Tags the original lacks are skipped.
 */
export function expandEntry(entry: CuratedEntry): ExpandedPair[] {
  const spunForms = inflectionTable(entry.spun, entry.pos);
  const out: ExpandedPair[] = [];
  const seen = new Set<string>();
  entry.original.forEach((orig, rank) => {
    const origForms = inflectionTable(orig, entry.pos);
    for (const sf of spunForms) {
      const of = origForms.find((f) => f.tag === sf.tag);
      if (!of) continue;
      const k = `${sf.text}\t${of.text}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push({ spun: sf.text, original: of.text, tag: sf.tag, rank });
    }
  });
  return out;
}

/** Build a lookup over curated entries with all inflections expanded. */
export function curatedDictionary(entries: readonly CuratedEntry[], source = "curated"): PhraseDictionary {
  const map = new Map<string, Candidate[]>();
  let maxWords = 0;
  for (const entry of entries) {
    const id = entryId(entry);
    for (const p of expandEntry(entry)) {
      const prior = Math.min(0, entry.prior - RANK_PENALTY * p.rank);
      const cand: Candidate = { original: p.original, tier: entry.tier as Tier, prior, source, entry: id };
      if (entry.unmistakable) cand.unmistakable = true;
      const list = map.get(p.spun) ?? [];
      const same = list.findIndex((c) => c.original === cand.original);
      if (same < 0) list.push(cand);
      else if (list[same]!.prior < cand.prior) list[same] = cand;
      map.set(p.spun, list);
      maxWords = Math.max(maxWords, p.spun.split(" ").length);
    }
  }
  for (const list of map.values()) list.sort((a, b) => b.prior - a.prior);
  return { maxPhraseWords: maxWords, lookup: (key) => map.get(key), mayStartPhrase: phraseStarts(map.keys()) };
}

/** Parse curated JSON text and build its expanded dictionary. */
export function buildCuratedDictionary(jsonText: string, source = "curated"): PhraseDictionary {
  return curatedDictionary(parseCurated(jsonText), source);
}

/** All expanded spun keys of a set of entries (for tests and stats). */
export function expandedKeys(entries: readonly CuratedEntry[]): string[] {
  const keys = new Set<string>();
  for (const e of entries) for (const p of expandEntry(e)) keys.add(p.spun);
  return [...keys].sort();
}
