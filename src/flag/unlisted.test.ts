import { describe, expect, it } from "vitest";
import { restore } from "../index.js";
import { loadBundledFlagger, loadBundledModel } from "../resources.js";
import type { TorturedRow } from "../dict/tortured.js";
import { splitSentences, tokenizeWords } from "../text/tokenize.js";
import { RESTORE_CHAIN, restorableBy, restorableFeatures, restoreValues } from "./apply.js";
import { FEATURES, RESTORE_FEATURES, buildFlagModel, findUnlisted, resolveOverlaps, type FlagWeights } from "./unlisted.js";

const row = (key: string, term: string): TorturedRow => ({ key, terms: [term], entry: key, prior: 0, sources: ["s1"] });
// A made-up list: the swaps it documents (profound → deep, organization → network, acknowledgment → recognition)
// and its terms are what the flagger knows.
const rows = [
  row("profound learning", "deep learning"),
  row("brain organization", "neural network"),
  row("counterfeit brain organization", "artificial neural network"),
  row("picture acknowledgment", "image recognition"),
  row("discourse acknowledgment", "speech recognition"),
  row("profound neural network", "deep neural network"),
];
const model = buildFlagModel(rows);
// Weights that score by the presence of a known term and of documented swaps only.
const weights: FlagWeights = {
  features: [...FEATURES],
  w: FEATURES.map((f) => (f === "known" ? 3 : f === "listSwaps" ? 1 : 0)),
  bias: -2,
  flagAt: 0.5,
  restoreAt: 0.99,
};
const lm = loadBundledModel();
const find = (text: string) => {
  const tokens = tokenizeWords(text);
  return resolveOverlaps(findUnlisted(tokens, splitSentences(text, tokens), lm, model, weights), weights.flagAt).map((c) => ({
    phrase: text.slice(c.start, c.end),
    term: c.term,
  }));
};

describe("unlisted tortured phrases", () => {
  it("learns word swaps and known terms from the list", () => {
    expect(model.swaps.get("profound")?.get("deep")).toBe(2);
    expect(model.swaps.get("organization")?.get("network")).toBe(2);
    expect(model.terms.has("deep neural network")).toBe(true);
  });
  it("finds a known term behind an unlisted combination of documented swaps", () => {
    expect(find("We trained a profound neural organization on the images.")).toContainEqual({ phrase: "profound neural organization", term: "deep neural network" });
    // Half swapped is still swapped: the list shows "discourse" for "speech".
    expect(find("Results of discourse recognition were compared.")).toEqual([{ phrase: "discourse recognition", term: "speech recognition" }]);
    expect(find("Results of the survey were compared with the census.")).toEqual([]);
  });
  it("never flags a term the list gives as correct, nor words inside one", () => {
    expect(find("We trained a deep neural network on the images.")).toEqual([]);
    expect(find("The image recognition results were good.")).toEqual([]);
  });
  it("restores through restore() only with the document's evidence, and in scientific text only", () => {
    const science =
      "We propose a method for the detection of tumours. The proposed model is a profound conviction organization trained on " +
      "two datasets, and the results show a significant improvement in accuracy over the baseline methods.";
    const alone = restore(science);
    expect(alone.text).toBe(science);
    expect(alone.flags.map((f) => [f.phrase, f.likely])).toContainEqual(["profound conviction organization", "deep belief network"]);
    // With a listed tortured phrase in the same text, the evidence is overwhelming.
    const r = restore(science.replace("two datasets", "two datasets against the arbitrary timber baseline"));
    expect(r.text).toContain("deep belief network");
    expect(r.text).toContain("random forest");
    const news = "The mayor said the bridge would reopen in May, after a profound neural organization of the city council.";
    expect(restore(news).flags).toEqual([]);
  });
  it("flags no words around a listed phrase that is also ordinary English and that nothing confirms", () => {
    // "shared data" is listed (→ mutual information) but is plain English: neither restored nor a flag's evidence.
    const study = "The study analysed shared data from twelve hospitals; the model was validated on a separate sample of patients before the results were published.";
    const r = restore(study);
    expect(r.edits).toEqual([]);
    expect(r.flags).toEqual([]);
  });
  it("counts one term written with and without a hyphen as one phrase, not as the second piece of evidence", () => {
    // A manual page says "signal handling" and "signal-handling": one unlisted match, reported, never changed.
    const manual =
      "The method installs a handler for the signal. Signal handling is reset in the child process before it starts, " +
      "and the signal-handling mask of the parent is kept, as the results of the study show for each process.";
    const r = restore(manual);
    expect(r.text).toBe(manual);
    const twice = r.flags.filter((f) => f.likely.toLowerCase().replace(/-/g, " ") === "signal processing");
    expect(twice.length).toBe(2);
  });

  it("restores a term the list does not know only when the model binds its words strongly", () => {
    // Everything else a restoration needs: documented swaps, no rival term, a context that does not object.
    const rest = { rivals: 0, thesaurusSwaps: 0, listSwaps: 2, swapShare: 0.5, spunShare: 0.6, context: 0.5 };
    expect(restorableFeatures({ ...rest, known: 1, chain: -1 })).toBe(true);
    expect(restorableFeatures({ ...rest, known: 0, chain: RESTORE_CHAIN })).toBe(true);
    expect(restorableFeatures({ ...rest, known: 0, chain: RESTORE_CHAIN - 0.1 })).toBe(false);
    expect(restorableFeatures({ ...rest, known: 0, chain: -1 })).toBe(false);
    // A strong chain does not lift the other conditions.
    expect(restorableFeatures({ ...rest, known: 0, chain: 4, thesaurusSwaps: 1 })).toBe(false);
    expect(restorableFeatures({ ...rest, known: 0, chain: 4, spunShare: 0.1 })).toBe(false);
  });

  it("restores beyond the rule only where the restore model is sure, and never outside the gate", () => {
    const rest = { rivals: 0, thesaurusSwaps: 0, listSwaps: 2, swapShare: 0.5, spunShare: 0.6, context: 0.5, known: 0, chain: -1 };
    // A model that trusts a term whose kept words are not themselves spinners' words.
    const restore = { features: ["keptSpun", "termInTerms"], w: [-20, 6], bias: -2, at: 0.9 };
    const withModel: FlagWeights = { ...weights, restore };
    expect(restorableBy({ ...rest, keptSpun: 0, termInTerms: 1 }, 0.5, withModel)).toBe(true);
    expect(restorableBy({ ...rest, keptSpun: 0.5, termInTerms: 1 }, 0.5, withModel)).toBe(false);
    expect(restorableBy({ ...rest, keptSpun: 0, termInTerms: 0.5 }, 0.5, withModel)).toBe(false);
    // Without the model, only the rule: a known term from restoreAt.
    expect(restorableBy({ ...rest, keptSpun: 0, termInTerms: 1 }, 0.5, weights)).toBe(false);
    expect(restorableBy({ ...rest, known: 1, keptSpun: 0, termInTerms: 1 }, 0.995, weights)).toBe(true);
    // The gate holds for both: a thesaurus-only swap or a rival term is never restored.
    expect(restorableBy({ ...rest, keptSpun: 0, termInTerms: 1, thesaurusSwaps: 1 }, 0.5, withModel)).toBe(false);
    expect(restorableBy({ ...rest, known: 1, keptSpun: 0, termInTerms: 1, rivals: 1 }, 0.995, withModel)).toBe(false);
    expect(restoreValues({ ...rest, known: 1 }, 0.7, RESTORE_FEATURES).slice(0, 3)).toEqual([0.7, 1, 1]);
  });

  it("swaps back a word left as written that the list shows swapped, towards words of correct terms", () => {
    const text = "We screened women for bosom malignant lesions in two hospitals.";
    const at = (m: ReturnType<typeof buildFlagModel>) => {
      const tokens = tokenizeWords(text);
      return findUnlisted(tokens, splitSentences(text, tokens), lm, m, weights).find((x) => text.slice(x.start, x.end) === "bosom malignant");
    };
    // The list knows "bosom" only: "malignant" stays, a word of no correct term.
    const half = at(buildFlagModel([...rows, row("bosom growth", "breast tumor")]));
    expect(half?.termWords).toEqual(["breast", "malignant"]);
    expect(half?.features.keptSpun).toBe(0);
    expect(half?.features.termInTerms).toBe(0.5);
    // Once the list shows "malignant" swapped (for "cancerous"), it is swapped back too.
    const whole = at(buildFlagModel([...rows, row("bosom growth", "breast tumor"), row("malignant development", "cancerous growth")]));
    expect(whole?.termWords).toEqual(["breast", "cancerous"]);
    expect(whole?.features.termInTerms).toBe(1);
  });

  it("restores through the restore model a term neither listed nor bound strongly enough for the rule, and only with the document's evidence", () => {
    const abstract =
      "We followed 212 adults with type 2 diabetes for three years in two rural clinics. Renal capacity was measured at every visit, " +
      "and the arbitrary timber model was trained to predict which patients would need dialysis. The model found the early decline in most of them.";
    const r = restore(abstract);
    expect(r.text).toContain("Renal function was measured");
    expect(r.edits.map((e) => e.entry)).toContain("unlisted:renal capacity→renal function");
    // Not by the rule: "renal function" is no term of the list, and the model binds its words less than RESTORE_CHAIN.
    const flagger = loadBundledFlagger();
    const tokens = tokenizeWords(abstract);
    const c = findUnlisted(tokens, splitSentences(abstract, tokens), lm, flagger.model, flagger.weights).find((x) => x.term === "renal function");
    expect(c && restorableFeatures(c.features)).toBe(false);
    // Without a listed phrase beside it, a flag; the same words in a clean sentence, nothing.
    const alone = abstract.replace("the arbitrary timber model", "a logistic model");
    expect(restore(alone).text).toBe(alone);
    const clean = "The renal function of each patient was measured twice, and the storage capacity of the clinic's freezer limited how many samples we kept.";
    expect(restore(clean)).toMatchObject({ text: clean, edits: [], flags: [] });
  });

  it("knows the word pairs and heads of the list's terms, and reads a would-be term by them", () => {
    // "neural network" is a pair of three terms; "recognition" ends two.
    expect(model.termBigrams.get("neural network")).toBe(3);
    expect(model.termHeads.get("recognition")).toBe(2);
    const featuresOf = (text: string, term: string) => {
      const tokens = tokenizeWords(text);
      return findUnlisted(tokens, splitSentences(text, tokens), lm, model, weights).find((x) => x.term === term)?.features;
    };
    expect(featuresOf("We trained a profound neural organization on the images.", "deep neural network")).toMatchObject({ termBigrams: 1, termHead: 2 });
    // "image network": both are words of terms ("network" ends three), but no term puts them together.
    expect(featuresOf("The picture organization was trained on the images.", "image network")).toMatchObject({ termBigrams: 0, termHead: 2 });
  });
});
