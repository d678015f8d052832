import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { PAGE, TrieModel } from "./trie-model.js";

const MODEL_PATH = fileURLToPath(new URL("../../dictionaries/lm/en-us.lm.bin", import.meta.url));
const LOG10_BASE = Math.log10(1.0001);

let bytes: Buffer;
let model: TrieModel;

beforeAll(() => {
  bytes = readFileSync(MODEL_PATH);
  model = TrieModel.fromBuffer(bytes);
});

/**
 * Reference values from sphinxbase itself (Debian sphinxbase-utils 0.8+5prealpha+1):
 *   sphinx_lm_eval -lm dictionaries/lm/en-us.lm.bin -verbose yes -lsn sentences.txt
 * prints lines "log P(w|h2 h1 ) = N" with N in log base 1.0001 (integer, truncated).
 * Entries: [w, h1, h2, N, expected longest stored n-gram order]. "" = no history.
 * The last columns say which path of the backoff computation is exercised:
 *   order 3: trigram found; order 2 with h2: bigram prob + backoff(h2,h1);
 *   order 1 with h1: unigram prob + backoff(h1) (+ backoff(h2,h1) when that bigram exists).
 * A random sample of 9,727 such queries (1,504 unigram, 1,504 bigram, 6,719 trigram queries)
 * matched this reader to within 4.4e-5 when this was written.
 */
const REFERENCE: ReadonlyArray<[string, string, string, number, 1 | 2 | 3]> = [
  ["the", "", "", -31995, 1],
  ["down", "", "", -70390, 1],
  ["spite", "", "", -118179, 1],
  ["president", "the", "", -66693, 2],
  ["my", "spite", "", -60556, 2],
  ["this", "to", "", -54830, 2],
  ["plano", "down", "", -163617, 1], // bigram absent: unigram + backoff(down)
  ["crashing", "like", "", -128935, 1],
  ["said", "president", "the", -36338, 3],
  ["states", "united", "the", -1211, 3],
  ["of", "states", "united", -32806, 3],
  ["united", "the", "of", -51912, 3],
  ["nations", "united", "the", -29399, 3],
  ["country", "a", "is", -62996, 3],
  ["the", "this", "to", -51326, 3],
  ["her", "day", "one", -70226, 3],
  ["mentioned", "president", "the", -94349, 2], // no trigram: bigram + backoff(the president)
  ["were", "through", "life", -96074, 2],
  ["into", "my", "spite", -102761, 2],
  ["through", "life", "reinvesting", -72892, 2], // no (reinvesting life) bigram: no bo2
  ["over", "out", "coloration", -62327, 2],
  ["life", "reinvesting", "prudhoe", -74684, 1], // bigram absent, no (prudhoe reinvesting)
  ["reinvesting", "prudhoe", "have", -167321, 1],
  ["summerlin", "than", "into", -177997, 1], // bigram absent, bo2 from (into than)
  ["than", "into", "my", -98452, 2],
  ["man", "did", "state", -96647, 1],
  ["silkwood", "two", "work", -192012, 1],
];

describe("TrieModel on the bundled en-us model", () => {
  it("reads the header and vocabulary", () => {
    expect(model.counts).toEqual([72547, 2051547, 1669625]);
    expect(model.vocabSize).toBe(72547);
    expect(model.word(model.bos)).toBe("<s>");
    expect(model.word(model.eos)).toBe("</s>");
    expect(model.id("the")).toBeGreaterThanOrEqual(0);
    expect(model.word(model.id("china's"))).toBe("china's");
    expect(model.id("putin")).toBe(-1);
    expect(model.id("The")).toBe(-1); // words are lower case
    expect(model.has("mr")).toBe(true);
    expect(() => model.word(model.vocabSize)).toThrow(RangeError);
  });

  it("every word maps to its own id", () => {
    const vocab = model.vocabulary();
    expect(vocab.length).toBe(model.vocabSize);
    expect(new Set(vocab).size).toBe(vocab.length);
    for (let i = 0; i < vocab.length; i += 97) expect(model.id(vocab[i]!)).toBe(i);
  });

  it.each(REFERENCE)("log P(%s | %s, %s) matches sphinx_lm_eval", (w, h1, h2, ref, order) => {
    const id = (s: string) => (s ? model.id(s) : -1);
    const [wi, h1i, h2i] = [id(w), id(h1), id(h2)];
    expect(wi).toBeGreaterThanOrEqual(0);
    expect(model.ngramOrder(wi, h1i, h2i)).toBe(order);
    expect(model.logProb(wi, h1i, h2i)).toBeCloseTo(ref * LOG10_BASE, 3);
  });

  it("unigram values match the ARPA dump of sphinx_lm_convert", () => {
    // sphinx_lm_convert -i en-us.lm.bin -o en-us.arpa -ofmt arpa writes the \1-grams section
    // (it then aborts on an internal assertion while writing bigrams).
    const cases: Array<[string, number, number]> = [
      ["a", -1.651, -0.9118],
      ["</s>", -1.1261, 0],
      ["<s>", -99, -1.3321],
      ["'s", -6.1604, -0.0448],
      ["zillion", -6.1175, -0.1806],
    ];
    for (const [w, p, bo] of cases) {
      expect(model.unigramLogProb(model.id(w))).toBeCloseTo(p, 3);
      expect(model.unigramBackoff(model.id(w))).toBeCloseTo(bo, 3);
    }
  });

  it("without history logProb is the unigram", () => {
    const w = model.id("government");
    expect(model.logProb(w, -1, -1)).toBe(model.unigramLogProb(w));
    expect(model.logProb(w, -1, model.id("the"))).toBe(model.unigramLogProb(w));
  });

  it("prefers fluent continuations", () => {
    const [the, president, said, mentioned] = ["the", "president", "said", "mentioned"].map((w) => model.id(w)) as [
      number, number, number, number,
    ];
    expect(model.logProb(said, president, the)).toBeGreaterThan(model.logProb(mentioned, president, the));
    const united = model.id("united");
    expect(model.logProb(model.id("states"), united, the)).toBeGreaterThan(-0.1);
  });

  it("gives the same probabilities when its bigram searches are remembered, through the memo's evictions", () => {
    // Two models over the same bytes: one asked each query twice and through 100,000 queries (more than its memo of bigram
    // searches holds, so entries are given up and searched again), one asked each query once, in another order.
    const fresh = TrieModel.fromBuffer(bytes);
    let seed = 7;
    const rand = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    const common = Math.min(model.vocabSize, 3000);
    const queries: [number, number, number][] = [];
    for (let q = 0; q < 100_000; q++) queries.push([rand(common), rand(common), q % 3 === 0 ? -1 : rand(common)]);
    const first = queries.map(([w, h1, h2]) => model.logProb(w, h1, h2));
    const again = queries.map(([w, h1, h2]) => model.logProb(w, h1, h2));
    expect(again).toEqual(first);
    for (let q = queries.length - 1; q >= 0; q -= 7) expect(fresh.logProb(...queries[q]!)).toBe(first[q]);
  });
});

describe("TrieModel.fromBuffer on bad input", () => {
  it("rejects a wrong magic", () => {
    const bad = Uint8Array.from(bytes.subarray(0, 4096));
    bad[0] = 0x58;
    expect(() => TrieModel.fromBuffer(bad)).toThrow(/bad magic/);
    expect(() => TrieModel.fromBuffer(new TextEncoder().encode("\\data\\\nngram 1=3\n"))).toThrow(/bad magic|truncated/);
  });

  it("rejects an empty or truncated buffer", () => {
    expect(() => TrieModel.fromBuffer(new Uint8Array(0))).toThrow(/truncated/);
    expect(() => TrieModel.fromBuffer(bytes.subarray(0, 30))).toThrow(/truncated/);
    expect(() => TrieModel.fromBuffer(bytes.subarray(0, 1_000_000))).toThrow(/truncated.*unigrams|truncated.*bigram/);
    expect(() => TrieModel.fromBuffer(bytes.subarray(0, bytes.length - 100))).toThrow(/truncated/);
  });

  it("rejects another order", () => {
    const bad = Uint8Array.from(bytes.subarray(0, 4096));
    bad[19] = 4;
    expect(() => TrieModel.fromBuffer(bad)).toThrow(/order is 4/);
  });

  it("works on a Uint8Array view at an unaligned offset", () => {
    const copy = new Uint8Array(bytes.length + 3);
    copy.set(bytes, 3);
    const m2 = TrieModel.fromBuffer(copy.subarray(3));
    const [w, h1, h2] = [m2.id("said"), m2.id("president"), m2.id("the")];
    expect(m2.logProb(w, h1, h2)).toBeCloseTo(-36338 * LOG10_BASE, 3);
  });
});

/** Bytes filled from `from` as a reader ensures them, counting the bytes copied (a ModelBytes, as resources.ts gives). */
function lazyCopy(from: Uint8Array): { bytes: Uint8Array; ensure(offset: number, length: number): void; copied(): number } {
  const bytes = new Uint8Array(from.length);
  const have = new Uint8Array(from.length);
  let copied = 0;
  return {
    bytes,
    ensure(offset, length) {
      for (let i = offset; i < offset + length; i++) {
        if (have[i]) continue;
        have[i] = 1;
        bytes[i] = from[i]!;
        copied++;
      }
    },
    copied: () => copied,
  };
}

describe("TrieModel.fromLazyBytes", () => {
  it("gives the same values as fromBuffer while reading only the pages its lookups reach", () => {
    const source = lazyCopy(bytes);
    const m2 = TrieModel.fromLazyBytes(source);
    const atLoad = source.copied();
    // Header, codebooks, unigrams and (indexed at load without a precomputed index) the words: under a tenth of the file.
    expect(atLoad).toBeLessThan(bytes.length / 10);
    for (const [w, h1, h2] of REFERENCE) {
      const ids = [w, h1, h2].map((s) => (s ? model.id(s) : -1)) as [number, number, number];
      expect(m2.id(w)).toBe(ids[0]);
      expect(m2.logProb(...ids)).toBe(model.logProb(...ids));
      expect(m2.ngramOrder(...ids)).toBe(model.ngramOrder(...ids));
    }
    // 27 queries reach a few dozen pages of the 25 MB of packed n-grams.
    expect(source.copied() - atLoad).toBeLessThan(100 * PAGE);
    expect(source.copied() - atLoad).toBeGreaterThan(0);
  });

  it("with a precomputed vocabulary index read lazily too, loads without the words or the index and finds the same words", () => {
    const source = lazyCopy(bytes);
    // The index as the build stores it (resources.ts, compileVocabulary), in a buffer filled as lookups reach it.
    const full = model.vocabularyIndex()!;
    const stored = new Uint8Array(4 * (full.starts.length + full.slots.length));
    new Uint32Array(stored.buffer, 0, full.starts.length).set(full.starts);
    new Int32Array(stored.buffer, 4 * full.starts.length, full.slots.length).set(full.slots);
    const index = lazyCopy(stored);
    const m2 = TrieModel.fromLazyBytes(source, {
      starts: new Uint32Array(index.bytes.buffer, 0, full.starts.length),
      slots: new Int32Array(index.bytes.buffer, 4 * full.starts.length, full.slots.length),
      ensure: index.ensure,
    });
    // The header, codebooks and unigram records (1.6 MB) and a sample of the words: not the other 24 MB.
    expect(source.copied()).toBeLessThan(1.7e6);
    // A few pages of the 1.3 MB index (a sample checked, the sentence marks looked up).
    expect(index.copied()).toBeLessThan(16 * PAGE);
    for (const [w, h1, h2] of REFERENCE) {
      const ids = [w, h1, h2].map((s) => (s ? model.id(s) : -1)) as [number, number, number];
      expect([w, h1, h2].map((s) => (s ? m2.id(s) : -1))).toEqual(ids);
      expect(m2.logProb(...ids)).toBe(model.logProb(...ids));
      expect(m2.word(ids[0])).toBe(w);
    }
    expect(m2.id("no-such-word-in-the-model")).toBe(-1);
    expect(m2.vocabSize).toBe(model.vocabSize);
  });
});
