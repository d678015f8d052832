/** Public types of the unspin library. The library never does I/O or prints. */

/** One restored span. Offsets are UTF-16 code-unit offsets into the input text. */
export interface Edit {
  /** Start offset (inclusive) in the input. */
  start: number;
  /** End offset (exclusive) in the input. */
  end: number;
  /** 1-based line and column of `start` in the input. */
  line: number;
  column: number;
  /** Text as written (the spun form). */
  before: string;
  /** Text after restoration. */
  after: string;
  /** 0..1, how sure the decision was. */
  confidence: number;
  /** Which dictionary entry proposed it, e.g. "signature:time period→term". */
  entry: string;
  /** Human-readable evidence, e.g. "LM +3.10 (log10); 4 sites pooled". */
  evidence: string;
}

export type Boldness = "cautious" | "normal" | "bold";

export interface RestoreOptions {
  /** How bold restoration is; default "normal". */
  level?: Boldness;
  /**
   * Overrides the level: the probability (0–1) a candidate must reach to replace the text (normal 0.45,
   * cautious 0.7, bold 0.35). Higher is more cautious.
   */
  threshold?: number;
  /** Treat the document as spun even if the document gate says it is clean. */
  assumeSpun?: boolean;
  /** Words or phrases (case-insensitive) that are never touched. */
  neverTouch?: readonly string[];
  /**
   * Extra dictionaries, as file contents (a string) or `{ text, kind, name }`. Formats are told apart by content:
   * `spun<TAB>original` or `spun,original` pairs, a spinner's `key|synonym|…` table, `{original|alternative|…}`
   * spintax; `#` comments. Kind "corrections" (tier "user", near-certain) or "candidates" (tier "table", evidence
   * only); by default pair lists are corrections and tables/spintax candidates.
   */
  extraDictionaries?: readonly (string | { text: string; kind?: "corrections" | "candidates"; name?: string })[];
  /** Spans of the input (code blocks, tags, URLs, ignored lines) that are never touched. */
  skip?: ReadonlyArray<{ start: number; end: number }>;
}

export interface GateReport {
  /** Sites where a candidate beats the text by a clear margin, per 1000 words. */
  strongSitesPer1000: number;
  strongSites: number;
  /** Different spun forms among the strong places (the gate needs three: a repeated word counts once). */
  strongForms: number;
  words: number;
  /** Whether the document was judged spun (restoration ran at full strength). */
  spun: boolean;
  /** Probability that the document is spun, from the learned document gate (1 with assumeSpun). */
  probability: number;
}

/**
 * A phrase that looks like an unlisted tortured phrase (a known term with words swapped for synonyms: "profound
 * neural organization" ← deep neural network): reported, not changed. Only in scientific or technical text.
 */
export interface Flag {
  /** UTF-16 offsets into the input, end exclusive; 1-based line and column of start. */
  start: number;
  end: number;
  line: number;
  column: number;
  /** The phrase as written. */
  phrase: string;
  /** The term it probably stands for, case carried over. */
  likely: string;
  /** 0..1: how likely the phrase is a tortured phrase. */
  score: number;
  /** Human-readable evidence. */
  evidence: string;
}

export interface RestoreResult {
  text: string;
  edits: Edit[];
  gate: GateReport;
  /** Suspected unlisted tortured phrases, in text order, not overlapping the edits (empty outside scientific text). */
  flags: Flag[];
}
