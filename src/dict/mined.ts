/**
 * Mined dictionary (dictionaries/mined/spinner.tsv): pure parser → {@link PhraseDictionary}.
 * Line format: `spun<TAB>original<TAB>count<TAB>docs[<TAB>kept]` (docs comma-separated ids; kept = times the
 * spun form was seen in spun text standing for itself, i.e. not spun), `#` comments.
 */
import { phraseStarts, type Candidate, type PhraseDictionary } from "./types.js";
import { normalizePhrase } from "./curated.js";

export interface MinedTsvRow {
  spun: string;
  original: string;
  count: number;
  docs: string[];
  /** Times the spun form was seen unchanged (original = spun) in the mined spun texts. */
  kept: number;
}

export class MinedFormatError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = "MinedFormatError";
  }
}

/** Like normalizePhrase, but keeping capitals (names among originals). */
export function keepCase(s: string): string {
  const folded = normalizePhrase(s);
  const cased = s.normalize("NFC").replace(/[\u2018\u2019\u02bc`\u00b4]/g, "'").replace(/\s+/g, " ").trim();
  return cased.toLowerCase() === folded ? cased : folded;
}

/** Parse mined TSV text into rows (keys normalised). Throws {@link MinedFormatError} with the 1-based line. */
export function parseMinedTsv(tsv: string): MinedTsvRow[] {
  const rows: MinedTsvRow[] = [];
  tsv.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "" || line.startsWith("#")) return;
    const cols = line.split("\t");
    if (cols.length < 3) throw new MinedFormatError(`mined line ${i + 1}: expected spun<TAB>original<TAB>count[<TAB>docs]`, i + 1);
    const spun = normalizePhrase(cols[0]!);
    // The original keeps its case when it is a name ("the United States"): restoring must write it so.
    const original = keepCase(cols[1]!);
    const count = Number(cols[2]);
    if (!spun || !original) throw new MinedFormatError(`mined line ${i + 1}: empty spun or original`, i + 1);
    if (!Number.isInteger(count) || count < 1) throw new MinedFormatError(`mined line ${i + 1}: count must be a positive integer`, i + 1);
    const docs = (cols[3] ?? "").split(",").map((d) => d.trim()).filter(Boolean);
    const kept = cols[4] === undefined || cols[4] === "" ? 0 : Number(cols[4]);
    if (!Number.isInteger(kept) || kept < 0) throw new MinedFormatError(`mined line ${i + 1}: kept must be a whole number`, i + 1);
    rows.push({ spun, original, count, docs, kept });
  });
  return rows;
}

/**
 * Prior of a mined candidate: log10 of its smoothed share of the spun form's observations, where
 * "the form was not spun at all" (kept) is one of the outcomes: `log10(count / (total + kept + 1))`.
 * A single sighting gets log10(1/2) ≈ -0.30; a form seen 21 times as one original and never as itself
 * ≈ -0.02; a form seen once as a swap and five times as itself ≈ -0.85.
 */
export function minedPrior(count: number, totalForSpun: number, kept = 0): number {
  return Math.min(0, Math.log10(count / (totalForSpun + kept + 1)));
}

/** Build a dictionary (tier "mined") from rows. */
export function minedDictionary(rows: readonly MinedTsvRow[], source = "mined"): PhraseDictionary {
  const bySpun = new Map<string, MinedTsvRow[]>();
  for (const r of rows) {
    if (r.spun === r.original) continue;
    const list = bySpun.get(r.spun) ?? [];
    const same = list.find((x) => x.original === r.original);
    if (same) same.count += r.count;
    else list.push({ ...r, docs: [...r.docs] });
    bySpun.set(r.spun, list);
  }
  const map = new Map<string, Candidate[]>();
  let maxWords = 0;
  for (const [spun, list] of bySpun) {
    const total = list.reduce((s, r) => s + r.count, 0);
    const kept = Math.max(...list.map((r) => r.kept));
    map.set(
      spun,
      list
        .map((r) => ({ original: r.original, tier: "mined" as const, prior: minedPrior(r.count, total, kept), source, entry: `mined:${spun}→${r.original}` }))
        .sort((a, b) => b.prior - a.prior),
    );
    maxWords = Math.max(maxWords, spun.split(" ").length);
  }
  return { maxPhraseWords: maxWords, lookup: (key) => map.get(key), mayStartPhrase: phraseStarts(map.keys()) };
}

/** Parse mined TSV text and build its dictionary. */
export function buildMinedDictionary(tsv: string, source = "mined"): PhraseDictionary {
  return minedDictionary(parseMinedTsv(tsv), source);
}
