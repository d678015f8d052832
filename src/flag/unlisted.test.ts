import { describe, expect, it } from "vitest";
import { restore } from "../index.js";
import { loadBundledModel } from "../resources.js";
import type { TorturedRow } from "../dict/tortured.js";
import { splitSentences, tokenizeWords } from "../text/tokenize.js";
import { RESTORE_CHAIN, restorableFeatures } from "./apply.js";
import { FEATURES, buildFlagModel, findUnlisted, resolveOverlaps, type FlagWeights } from "./unlisted.js";

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
});
