/**
 * Candidate sites as objects: places in the text where the dictionary (or a spintax artefact) proposes another
 * wording, as candidateSites() and siteEvidence() hand them out. The engine finds them (engine.ts: spintax,
 * dictionary phrases, digits) and keeps them in typed arrays; choosing among candidates is decide.ts.
 */
import type { Tier } from "../dict/types.js";
import type { CasePattern } from "./case.js";

export interface SiteCandidate {
  /** Replacement text before case is applied (lower case for dictionary entries, as written for spintax). */
  text: string;
  tier: Tier;
  prior: number;
  entry: string;
  /** How many independent sources list the pair (general thesauri: Moby, MyThes, WordNet); 1 otherwise. */
  sources: number;
}

export interface Site {
  /** Text offsets of the span replaced (for spintax, the braces included). */
  start: number;
  end: number;
  /** Word tokens the span covers, [tokFrom, tokTo). */
  tokFrom: number;
  tokTo: number;
  /** Pooling key: every site with the same key was spun the same way (the spinner's one-choice-per-article rule). */
  poolKey: string;
  /** The spun form as written. */
  spun: string;
  pattern: CasePattern;
  candidates: SiteCandidate[];
  /** Spintax must be resolved: keeping the text as written is not an option. */
  forced: boolean;
  /** For spintax, tokens inside the braces that are not part of the first alternative (hidden from the model). */
  hiddenTokens?: [number, number];
}

export interface SiteOptions {
  neverTouch: ReadonlySet<string>;
  skip: ReadonlyArray<{ start: number; end: number }>;
}
