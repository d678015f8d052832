/**
 * Is this scientific or technical writing? Paper-mill fingerprints (tortured phrases) are evidence only there: "her
 * bosom" in a novel or "on the off chance" in a letter is plain English. The measure is the share of words from
 * the general vocabulary of research writing (method, results, propose, significant, …): no topic words, so it
 * says nothing about the field. Pure.
 */
import type { WordToken } from "../text/tokenize.js";

/** The discourse vocabulary of research papers, any field (lower case). */
const ACADEMIC = new Set(
  `abstract accuracy achieve achieved adopted algorithm algorithms analyse analysed analyses analysis analyze analyzed
  applied approach approaches assessed assessment assumption attributes baseline benchmark classification classifier
  coefficient coefficients compared comparison computational computed conducted configuration conventional correlation
  criteria criterion dataset datasets demonstrate demonstrated demonstrates derived detection determined deviation
  dimensional distribution efficiency efficient empirical estimate estimated estimation evaluate evaluated evaluation
  experiment experimental experiments extraction feature features findings framework frameworks furthermore hence
  hypothesis implementation implemented improved improvement indicate indicated indicates input inputs investigate
  investigated investigation literature measured measurement measurements mechanism method methodology methods metric
  metrics model modeling modelling models moreover network networks novel numerical objective observed obtained
  optimal optimization optimisation output outputs paper parameter parameters participants performance performed
  prediction predictive proposed propose proposes qualitative quantitative ratio regression reliability research
  respectively results robust robustness sample samples sampling scheme segmentation significant significantly
  simulation simulations statistical statistically studies study technique techniques theoretical therefore thus
  training validation validated variable variables variance whereas algorithmic architecture architectures
  clinical patients cohort specimen specimens protocol protocols trial trials data trained train tested test tests
  testing image images signal signals sensor sensors layer layers function functions units measured measure
  measures classified classifiers predicted predictions accurate detect detected estimated simulated trained
  experimentally analytical quantified validate correlated spectrum spectra frequency variance entropy matrix
  vector vectors algorithms computation computing`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * The discourse vocabulary of contracts, terms of service, policies and notices (lower case): who the parties are and
 * what binds them, never a spinner's form ("shall", "electronic mail" and "in line with" are such forms, and are what
 * this register is to explain).
 */
const LEGAL = new Set(
  `agreement agreements party parties clause clauses hereby herein hereof hereto hereunder thereof therein thereto
  thereunder whereas pursuant notwithstanding liability liabilities liable indemnify indemnity indemnification
  warranty warranties breach breaches termination terminate terminated jurisdiction governed obligations obligation
  provisions provision deemed consent statutory tenant tenancy landlord licensee licensor licence license employer
  employee contractor supplier remedies remedy damages dispute disputes arbitration confidential confidentiality
  controller processor applicable amendment amend amended assign assignment schedule entitled entitlement terms
  conditions notice notices written writing lawful unlawful infringe infringes infringement enforceable waiver waive
  forthwith undertakes`
    .split(/\s+/)
    .filter(Boolean),
);

/** Legal-vocabulary words per 1000 words at which a text reads as formal: a contract, terms, a policy. */
export const FORMAL_RATE = 30;

/** Whether a word (lower-case key) belongs to the legal vocabulary. */
export function isLegal(key: string): boolean {
  return LEGAL.has(key);
}

/** Whether a text of `words` words, `legal` of them from the legal vocabulary, reads as formal (FORMAL_RATE). */
export function formalOf(words: number, legal: number): boolean {
  return legal >= SCIENTIFIC_MIN && (legal * 1000) / Math.max(1, words) >= FORMAL_RATE;
}

/** Research-vocabulary words per 1000 words at which a text reads as scientific or technical. */
export const SCIENTIFIC_RATE = 40;
/** Fewest research-vocabulary words for that verdict: one sentence is too little to tell. */
export const SCIENTIFIC_MIN = 2;
/**
 * Research-vocabulary words per 1000 words at which a text reads as research writing itself (a paper, an abstract,
 * a sentence of one), not only as writing that reports on research or technology (news about a study, a blog post).
 */
export const RESEARCH_RATE = 80;
/**
 * Outside scientific text, listed tortured phrases are evidence only as spinners leave them, packed together: at
 * least one for every this many words (and two different ones at least). Two ordinary-looking collocations a few
 * paragraphs apart ("untamed life", "market rivalry" in an essay) are what any long text may hold.
 */
export const FINGERPRINT_SPACING = 50;

export interface Register {
  /** Research-vocabulary words per 1000 words. */
  academicPer1000: number;
  academicWords: number;
  scientific: boolean;
  /** Reads as research writing itself (RESEARCH_RATE), where one listed tortured phrase is evidence enough. */
  research: boolean;
  /**
   * How many different listed tortured phrases the text must hold before any is restored: one in research writing,
   * two in other text that reads as scientific, and outside it two or one per FINGERPRINT_SPACING words, whichever
   * is more. Each listed phrase is a paper-mill's mark only where a paper-mill is likely; elsewhere most of the list
   * is ordinary English that happens to be listed, and only many of them together say otherwise.
   */
  fingerprintsNeeded: number;
}

export function register(tokens: readonly WordToken[]): Register {
  let n = 0;
  for (const t of tokens) if (ACADEMIC.has(t.key)) n++;
  return registerOf(tokens.length, n);
}

/** Whether a word (lower-case key) belongs to the research vocabulary. */
export function isAcademic(key: string): boolean {
  return ACADEMIC.has(key);
}

/** The register of a text of `words` words, `academic` of them from the research vocabulary. */
export function registerOf(words: number, academic: number): Register {
  const per1000 = words ? (academic * 1000) / words : 0;
  const scientific = academic >= SCIENTIFIC_MIN && per1000 >= SCIENTIFIC_RATE;
  const research = scientific && per1000 >= RESEARCH_RATE;
  const fingerprintsNeeded = research ? 1 : scientific ? 2 : Math.max(2, Math.ceil(words / FINGERPRINT_SPACING));
  return { academicPer1000: per1000, academicWords: academic, scientific, research, fingerprintsNeeded };
}

/**
 * How many different listed fingerprints a text must hold for any to apply: any when it is assumed spun, as many as
 * its register asks for (fingerprintsNeeded), but no more than two once the document gate has found it
 * spun by other evidence (fingerprints do not count there): a spun page's listed phrases are a spinner's.
 */
export function fingerprintsRequired(reg: Register, assumeSpun: boolean, spun: boolean): number {
  return assumeSpun ? 0 : spun ? Math.min(2, reg.fingerprintsNeeded) : reg.fingerprintsNeeded;
}
