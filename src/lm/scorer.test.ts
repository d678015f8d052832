import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { Scorer } from "./scorer.js";
import { TrieModel } from "./trie-model.js";

const MODEL_PATH = fileURLToPath(new URL("../../dictionaries/lm/en-us.lm.bin", import.meta.url));
const LOG10_BASE = Math.log10(1.0001);

let model: TrieModel;
let scorer: Scorer;

beforeAll(() => {
  model = TrieModel.fromBuffer(readFileSync(MODEL_PATH));
  scorer = new Scorer(model);
});

const words = (s: string) => s.split(" ");

describe("Scorer", () => {
  it("maps words to ids with -1 for OOV", () => {
    const ids = scorer.ids(["the", "putin", "said"]);
    expect(ids).toBeInstanceOf(Int32Array);
    expect(Array.from(ids)).toEqual([model.id("the"), -1, model.id("said")]);
    expect(scorer.model).toBe(model);
    expect(scorer.oovPenalty).toBe(-8);
  });

  it("sums trigram log-probabilities as sphinx_lm_eval does", () => {
    // sphinx_lm_eval -lm en-us.lm.bin -verbose yes -text "the president said":
    // log P(the|) = -31995, log P(president|the) = -66693, log P(said|the president) = -36338 (base 1.0001).
    const ids = scorer.ids(words("the president said"));
    expect(scorer.logProbRange(ids, 0, 3)).toBeCloseTo((-31995 - 66693 - 36338) * LOG10_BASE, 3);
    expect(scorer.logProbRange(ids, 2, 3)).toBeCloseTo(-36338 * LOG10_BASE, 3);
  });

  it("sentenceLogProb adds <s> and </s>", () => {
    const ws = words("the president said");
    const ids = [model.bos, ...scorer.ids(ws), model.eos];
    let manual = 0;
    for (let i = 1; i < ids.length; i++) manual += model.logProb(ids[i]!, ids[i - 1]!, i >= 2 ? ids[i - 2]! : -1);
    expect(scorer.sentenceLogProb(ws)).toBeCloseTo(manual, 10);
    expect(scorer.sentenceLogProb([])).toBeCloseTo(model.logProb(model.eos, model.bos, -1), 10);
  });

  it("ranges add up", () => {
    const ids = [model.bos, ...scorer.ids(words("the united states of america is a country")), model.eos];
    const whole = scorer.logProbRange(ids, 1, ids.length);
    expect(scorer.logProbRange(ids, 1, 4) + scorer.logProbRange(ids, 4, ids.length)).toBeCloseTo(whole, 10);
    expect(scorer.logProbRange(ids, 5, 5)).toBe(0);
    expect(scorer.logProbRange(ids, -3, 1)).toBeCloseTo(model.unigramLogProb(model.bos), 10); // clamped to 0
  });

  it("prefers the fluent sentence", () => {
    expect(scorer.sentenceLogProb(words("the president said"))).toBeGreaterThan(
      scorer.sentenceLogProb(words("the president mentioned")),
    );
    expect(scorer.sentenceLogProb(words("he said it was a very good idea"))).toBeGreaterThan(
      scorer.sentenceLogProb(words("he said it was a very good notion")),
    );
    expect(scorer.sentenceLogProb(words("the united states"))).toBeGreaterThan(
      scorer.sentenceLogProb(words("the joined states")),
    );
  });

  it("charges the OOV penalty and resets the context after an OOV word", () => {
    const ids = Int32Array.from([model.bos, model.id("the"), -1, model.id("united"), model.id("states"), model.eos]);
    const expected =
      model.logProb(model.id("the"), model.bos, -1) +
      -8 +
      model.unigramLogProb(model.id("united")) + // history stopped at the OOV
      model.logProb(model.id("states"), model.id("united"), -1) + // no h2 across the OOV
      model.logProb(model.eos, model.id("states"), model.id("united"));
    expect(scorer.logProbRange(ids, 1, ids.length)).toBeCloseTo(expected, 10);
    expect(scorer.logProbRange(ids, 2, 3)).toBe(-8);

    const strict = new Scorer(model, { oovPenalty: -20 });
    expect(strict.logProbRange(ids, 1, ids.length)).toBeCloseTo(expected - 12, 10);
    expect(strict.sentenceLogProb(["putin", "said"])).toBeLessThan(scorer.sentenceLogProb(["putin", "said"]));
  });
});
