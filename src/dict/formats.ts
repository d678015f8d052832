/**
 * The formats a user dictionary may come in, told apart by content, and read into spun → original pairs.
 * Pure: text in, pairs and problems out.
 *
 * - `tsv`: `spun<TAB>original[<TAB>anything]` (extra columns ignored; a first row naming both columns, as
 *   `spun<TAB>original` or `phrase<TAB>replacement`, is a header and skipped: see isHeaderRow).
 * - `csv`: `spun,original[,anything]`, RFC 4180 quoting (`"a, b"`, `""` for a quote), read with csv-parse.
 * - `table`: a spinner's own table, `key|synonym|synonym…`. The spinner replaces `key` by one of its synonyms, so
 *   the table is read in reverse: every synonym is a spun form whose candidate original is the key. When a key
 *   occurs on several lines, only its first line counts (the spinner tries lines in file order and the earliest
 *   wins, so later lines for the same key never fire). A line with a single field proposes nothing.
 *   A table line may also be written as one spintax group (`{key|synonym|…}`). An empty field (`a||b`, a leading
 *   or trailing `|`) is a malformed line, as is a brace that does not enclose the whole line as one group.
 * - `spintax`: `{a|b|c}` lines. By the convention of spintax written from an article (and of the spinners that
 *   emit it), the first alternative is the original wording: every other alternative maps to the first. A line
 *   must be exactly one group: text before or after it, a second or nested group, or an unmatched brace is a
 *   malformed line.
 *
 * `#` starts a comment line in every format. Priors: with several originals for one spun form, a pair list splits
 * the probability evenly; a table weighs each original by 1/(synonyms on its line), since the spinner picks
 * uniformly among a line's synonyms (a key with 2 synonyms produces each far more often than one with 20).
 */
import { createRequire } from "node:module";
import { normalizePhrase } from "./curated.js";

export type DictionaryFormat = "tsv" | "csv" | "table" | "spintax";

export interface DictionaryPair {
  /** Normalised spun form (lower case, single spaces, ASCII apostrophes). */
  spun: string;
  /** The original as written (case and punctuation kept, curator notes stripped): see cleanOriginal. */
  original: string;
  /** 1-based line in the file. */
  line: number;
  /** Relative weight of this original among the originals of the same spun form (> 0). */
  weight: number;
  /** Tables only: whether the spun form is itself a key of the table (a line of its own with synonyms). */
  spunIsKey?: boolean;
}

export interface DictionaryProblem {
  line: number;
  message: string;
}

export interface ReadDictionary {
  format: DictionaryFormat;
  pairs: DictionaryPair[];
  problems: DictionaryProblem[];
}

/**
 * Column names of a header row: its first column names the spun side with one of SPUN_HEADERS, its second the
 * original with one of ORIGINAL_HEADERS. Both must, so that a real first entry such as "key<TAB>crucial" is read.
 */
export const SPUN_HEADERS: ReadonlySet<string> = new Set(["spun", "tortured", "from", "pattern", "key", "word", "phrase", "source", "typo", "misspelling", "input", "wrong", "incorrect", "before", "old", "find"]);
export const ORIGINAL_HEADERS: ReadonlySet<string> = new Set(["original", "term", "to", "replacement", "replace", "target", "correction", "correct", "fix", "output", "right", "after", "new", "expected", "restored"]);

/** A header cell: one of the names, in any case, singular or plural ("Phrases"). */
function namesColumn(cell: string | undefined, names: ReadonlySet<string>): boolean {
  const word = (cell ?? "").trim().toLowerCase();
  return names.has(word) || (word.endsWith("s") && names.has(word.slice(0, -1)));
}

function isHeaderRow(cols: readonly string[]): boolean {
  return namesColumn(cols[0], SPUN_HEADERS) && namesColumn(cols[1], ORIGINAL_HEADERS);
}

/**
 * Whether a comment line above the first entry already names the columns (unspin learn writes
 * "# spun<TAB>original<TAB>count<TAB>docs"): the first row is then an entry even if it reads like a header.
 */
function hasCommentHeader(text: string): boolean {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n?|\n/);
  for (const line of lines) {
    const t = line.trim();
    if (t === "") continue;
    if (!t.startsWith("#")) return false;
    if (isHeaderRow(t.slice(1).split(/\t|,/))) return true;
  }
  return false;
}
const SPINTAX_LINE = /^\{[^{}]*\}$/;

/** A phrase without curator notes: brackets, parentheses, question marks, asterisks. */
function withoutNotes(raw: string): string {
  // NFC first: a decomposed accent (macOS writes "café" as e + U+0301) is a letter of the word, not punctuation.
  return raw
    .normalize("NFC")
    .replace(/\[[^\]]*\]|\([^)]*\)/g, " ")
    .replace(/[?*]/g, " ");
}

/** A spun form as it is matched: curator notes stripped, then normalised (lower case, letters and digits only). */
export function cleanPhrase(raw: string): string {
  return normalizePhrase(withoutNotes(raw).replace(/[^\p{L}\p{N}'’\- ]/gu, " "));
}

/**
 * An original as the user wrote it, curator notes stripped: it is the text written into the document, so its case
 * and punctuation ("U.S.", "C++", "iPhone app") stay. Only spacing is collapsed and apostrophes folded to ASCII, as
 * in the bundled dictionaries (the restorer writes a curly one back where the text has them).
 */
export function cleanOriginal(raw: string): string {
  return withoutNotes(raw)
    .replace(/[\u2018\u2019\u02bc`\u00b4]/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}

/** Whether an original says nothing once normalised ("(?)", "-"), or is the spun form itself in other case. */
function isEmptyOrSame(original: string, spun: string): boolean {
  const key = cleanPhrase(original);
  return key === "" || key === spun;
}

interface Line {
  n: number;
  text: string;
}

function contentLines(text: string): Line[] {
  const out: Line[] = [];
  text
    .replace(/^\uFEFF/, "")
    // "\n", "\r\n" or a lone "\r" (old Mac files) ends a line, as the CSV reader takes them.
    .split(/\r\n?|\n/)
    .forEach((raw, i) => {
      const t = raw.trim();
      if (t !== "" && !t.startsWith("#")) out.push({ n: i + 1, text: raw });
    });
  return out;
}

/**
 * The format of a dictionary, from its first 200 content lines: tabs mean TSV; `key|synonym` lines a spinner table
 * (whose lines may also be written as `{…}` groups); lines that are all `{…}` groups spintax; commas CSV. Null when
 * no line has any separator.
 */
export function detectFormat(text: string): DictionaryFormat | null {
  const lines = contentLines(text).slice(0, 200);
  if (lines.length === 0) return "tsv";
  let tab = 0;
  let spintax = 0;
  let pipe = 0;
  let bracedPipe = 0;
  let comma = 0;
  for (const { text: l } of lines) {
    const t = l.trim();
    if (l.includes("\t")) tab++;
    else if (SPINTAX_LINE.test(t)) spintax++;
    else if (t.includes("|")) braceProblem(t) === null ? pipe++ : bracedPipe++;
    else if (t.includes(",")) comma++;
  }
  const half = lines.length / 2;
  if (tab > 0 && tab >= half) return "tsv";
  // A {…} group is a valid table line, but a `key|synonym` line is no spintax: one such line makes a table.
  if (pipe > 0 && pipe + spintax >= half) return "table";
  if (spintax >= half) return "spintax";
  // A pipe line with broken braces is a typo in either format: spintax when groups are half the lines, else a table.
  if (pipe + bracedPipe > 0 && pipe + bracedPipe + spintax >= half) return "table";
  if (comma >= half) return "csv";
  const best = Math.max(tab, spintax, pipe + bracedPipe, comma);
  if (best === 0) return null;
  return best === tab ? "tsv" : best === pipe + bracedPipe ? "table" : best === spintax ? "spintax" : "csv";
}

/** Read a dictionary in the given format (detected when not given). Never throws on content. */
export function readDictionary(text: string, format?: DictionaryFormat): ReadDictionary {
  const f = format ?? detectFormat(text);
  if (f === null) {
    const first = contentLines(text)[0]!;
    return {
      format: "tsv",
      pairs: [],
      problems: [{ line: first.n, message: `cannot tell the format: expected "spun<TAB>original", "spun,original", "key|synonym|…" or "{a|b|c}" lines, got ${quote(first.text)}` }],
    };
  }
  switch (f) {
    case "tsv":
      return { format: f, ...readPairs(contentLines(text).map((l) => ({ n: l.n, cols: l.text.split("\t") })), "spun<TAB>original", !hasCommentHeader(text)) };
    case "csv":
      return { format: f, ...readCsv(text) };
    case "table":
      return { format: f, ...readTable(contentLines(text)) };
    case "spintax":
      return { format: f, ...readSpintax(contentLines(text)) };
  }
}

function quote(s: string): string {
  return JSON.stringify(s.length > 80 ? `${s.slice(0, 77)}...` : s);
}

/**
 * What is wrong with the braces of a (trimmed) table or spintax line, or null when it has none or is one
 * `{…}` group from its first character to its last.
 */
function braceProblem(t: string): string | null {
  let depth = 0;
  let groups = 0;
  let open = -1;
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c === "{") {
      if (depth > 0) return "a brace opened inside a {…} group (groups cannot nest)";
      depth = 1;
      open = i;
      groups++;
    } else if (c === "}") {
      if (depth === 0) return "a closing brace \"}\" without an opening one";
      depth = 0;
    }
  }
  if (depth > 0) return `the brace opened at column ${open + 1} is never closed`;
  if (groups === 0) return null;
  if (groups > 1) return "more than one {…} group on the line";
  if (!t.startsWith("{")) return "text before the opening brace";
  if (!t.endsWith("}")) return "text after the closing brace";
  return null;
}

/** Pairs from the rows of a TSV or CSV file; the first row is skipped when `mayHaveHeader` and it names columns. */
function readPairs(rows: { n: number; cols: string[] }[], expected: string, mayHaveHeader: boolean): Omit<ReadDictionary, "format"> {
  const pairs: DictionaryPair[] = [];
  const problems: DictionaryProblem[] = [];
  rows.forEach(({ n, cols }, i) => {
    if (cols.length < 2 || cols[0]!.trim() === "" || cols[1]!.trim() === "") {
      problems.push({ line: n, message: `expected "${expected}", got ${quote(cols.join(expected.includes(",") ? "," : "\t"))}` });
      return;
    }
    if (i === 0 && mayHaveHeader && isHeaderRow(cols)) return;
    const spun = cleanPhrase(cols[0]!);
    const original = cleanOriginal(cols[1]!);
    // Curator notes alone ("(?)") leave nothing: skipped, not an error.
    if (!spun || isEmptyOrSame(original, spun)) return;
    pairs.push({ spun, original, line: n, weight: 1 });
  });
  return { pairs, problems };
}

type CsvRecord = { record: string[]; raw: string };
type CsvParse = (input: string, options: Record<string, unknown>) => CsvRecord[];
let csvParse: CsvParse | undefined;

function readCsv(text: string): Omit<ReadDictionary, "format"> {
  // Loaded on first use: most runs read no CSV, and start-up time matters.
  csvParse ??= (createRequire(import.meta.url)("csv-parse/sync") as { parse: CsvParse }).parse;
  // Every line end made "\n", so that csv-parse counts lines as editors do ("\r\n" inside a quoted field counted
  // twice); a field's line break becomes a space when the phrase is cleaned anyway.
  const lf = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  let records: CsvRecord[];
  try {
    records = csvParse(lf, { comment: "#", comment_no_infix: true, relax_column_count: true, skip_empty_lines: true, trim: true, raw: true });
  } catch (err) {
    return { pairs: [], problems: [csvErrorProblem(err as CsvError, lf)] };
  }
  return readPairs(withStartLines(records), "spun,original", !hasCommentHeader(text));
}

/** Records with the line each starts on (csv-parse counts the line a record ends on). */
function withStartLines(records: readonly CsvRecord[]): { n: number; cols: string[] }[] {
  let linesBefore = 0;
  return records.map(({ record, raw }) => {
    // A record's raw text begins with the blank and comment lines skipped before it.
    const lines = raw.split("\n");
    let skipped = 0;
    while (skipped < lines.length - 1 && /^\s*(?:#.*)?$/.test(lines[skipped]!)) skipped++;
    const n = linesBefore + skipped + 1;
    linesBefore += lines.length - 1;
    return { n, cols: record };
  });
}

type CsvError = { code?: string; lines?: number; message: string };

/** A csv-parse error with its line: an unclosed quote at the line it opens on, not where the file ends. */
function csvErrorProblem(e: CsvError, lf: string): DictionaryProblem {
  const open = e.code === "CSV_QUOTE_NOT_CLOSED" ? unclosedQuoteLine(lf) : null;
  if (open !== null) return { line: open, message: `invalid CSV: the quote opened at line ${open} is never closed, expected a closing quote (") before the end of the file` };
  return { line: e.lines ?? 1, message: `invalid CSV: ${e.message.replace(/^Invalid [^:]*: /, "")}` };
}

/**
 * The line of a quote that opens a field (first in it, after spaces) and is never closed, in "\n"-ended text read
 * as csv-parse reads it (`""` inside quotes is a quote, `#` starts a comment line); null when every quote closes.
 */
function unclosedQuoteLine(lf: string): number | null {
  let line = 1;
  let openedOn = 0;
  let quoted = false;
  let fieldStart = true;
  let lineStart = true;
  for (let i = 0; i < lf.length; i++) {
    const c = lf[i];
    if (c === "\n") line++;
    if (quoted) {
      if (c === '"' && lf[i + 1] === '"') i++;
      else if (c === '"') quoted = false;
    } else if (c === "\n") {
      fieldStart = lineStart = true;
    } else if (c === "#" && lineStart) {
      const end = lf.indexOf("\n", i);
      i = (end < 0 ? lf.length : end) - 1;
    } else if (c === '"' && fieldStart) {
      quoted = true;
      openedOn = line;
      fieldStart = lineStart = false;
    } else if (c === ",") {
      fieldStart = true;
      lineStart = false;
    } else if (c !== " " && c !== "\t") {
      fieldStart = lineStart = false;
    }
  }
  return quoted ? openedOn : null;
}

function readTable(lines: Line[]): Omit<ReadDictionary, "format"> {
  const pairs: DictionaryPair[] = [];
  const problems: DictionaryProblem[] = [];
  const seenKeys = new Set<string>();
  const keysWithSynonyms = new Set<string>();
  for (const { n, text } of lines) {
    if (text.includes("\t")) {
      problems.push({ line: n, message: `expected "key|synonym|synonym…", got a tab in ${quote(text)}` });
      continue;
    }
    // A line written as spintax ({a|b}) in a table file reads the same way; any other brace is a typo.
    const t = text.trim();
    const braces = braceProblem(t);
    if (braces) {
      problems.push({ line: n, message: `expected "key|synonym|synonym…", ${braces} in ${quote(text)}` });
      continue;
    }
    const fields = (SPINTAX_LINE.test(t) ? t.slice(1, -1) : t).split("|").map((f) => f.trim());
    const rawKey = fields[0]!;
    if (rawKey === "") {
      problems.push({ line: n, message: `expected "key|synonym|synonym…", the key is empty in ${quote(text)}` });
      continue;
    }
    // An empty synonym (a||b, a trailing |) is a typo that would silently drop a word: field numbers are 1-based.
    const empty = fields.indexOf("", 1);
    if (empty > 0) {
      const which = empty === fields.length - 1 ? `a trailing "|" leaves field ${empty + 1} empty` : `field ${empty + 1} is empty`;
      problems.push({ line: n, message: `expected "key|synonym|synonym…", ${which} in ${quote(text)}` });
      continue;
    }
    // Earlier lines win: a later line for the same key (same case) never fires.
    if (seenKeys.has(rawKey)) continue;
    seenKeys.add(rawKey);
    const key = cleanPhrase(rawKey);
    if (!key) continue;
    const synonyms = [...new Set(fields.slice(1).map(cleanPhrase))].filter((s) => s !== "" && s !== key);
    if (synonyms.length > 0) keysWithSynonyms.add(key);
    const original = cleanOriginal(rawKey);
    for (const s of synonyms) pairs.push({ spun: s, original, line: n, weight: 1 / synonyms.length });
  }
  for (const p of pairs) p.spunIsKey = keysWithSynonyms.has(p.spun);
  return { pairs, problems };
}

function readSpintax(lines: Line[]): Omit<ReadDictionary, "format"> {
  const pairs: DictionaryPair[] = [];
  const problems: DictionaryProblem[] = [];
  for (const { n, text } of lines) {
    const t = text.trim();
    if (!SPINTAX_LINE.test(t)) {
      const braces = braceProblem(t);
      problems.push({ line: n, message: `expected one "{original|alternative|…}" group, ${braces ? `${braces} in` : "got"} ${quote(text)}` });
      continue;
    }
    const written = t.slice(1, -1).split("|");
    const fields = written.map(cleanPhrase);
    // The first alternative is the original: an empty one would make the second the original by mistake.
    if (fields[0] === "" && fields.some((a) => a !== "")) {
      problems.push({ line: n, message: `expected one "{original|alternative|…}" group, the original (first alternative) is empty in ${quote(text)}` });
      continue;
    }
    const alts = fields.filter((a) => a !== "");
    const originalKey = alts[0];
    if (!originalKey) continue;
    const original = cleanOriginal(written[0]!);
    const others = [...new Set(alts.slice(1))].filter((a) => a !== originalKey);
    for (const a of others) pairs.push({ spun: a, original, line: n, weight: 1 / others.length });
  }
  return { pairs, problems };
}
