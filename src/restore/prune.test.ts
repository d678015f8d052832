import { describe, expect, it } from "vitest";
import { loadBundledModel, loadBundledThesaurus } from "../resources.js";
import { tokenTable, wordTable } from "../text/tokenize.js";
import { candidateObjects, listOf, type CandList } from "./candidates.js";
import { assignForms, Sites } from "./engine.js";
import { bestOf, NEIGHBOUR_RANKING, RANKING, rankForms, rankWork, THESAURUS_PER_SITE, type RankOptions } from "./prune.js";
import type { SiteCandidate } from "./sites.js";

const lm = loadBundledModel();
const cand = (text: string, tier: SiteCandidate["tier"] = "thesaurus", prior = -1): SiteCandidate => ({ text, tier, prior, entry: `${tier}:x→${text}`, sources: 1 });

/** Every site of `word` in the text, sharing one candidate list (one spun form), and the text's tokens. */
function sitesOf(text: string, word: string, candidates: SiteCandidate[]) {
  const tok = tokenTable(text);
  const list = listOf(candidates);
  const sites = new Sites();
  for (let i = 0; i < tok.n; i++) {
    if (wordTable.keys[wordTable.keyOf[tok.word[i]!]!] !== word) continue;
    sites.push(i, i + 1, tok.start[i]!, tok.end[i]!, -1, i + 1, 0, false, list, word, null);
  }
  return { tok, sites, forms: assignForms(sites), list };
}

const texts = (list: CandList) => candidateObjects(list).map((c) => c.text);

describe("ranking a thesaurus's candidates in context", () => {
  const text = "The mayor mentioned the plan. She mentioned it again on Monday.";
  const many = ["said", "named", "cited", "noted", "told", "quoted", "spoke", "stated", "remarked", "hinted", "alluded", "broached"].map((w) => cand(w));

  it("keeps the best few thesaurus candidates per spun form, and every other source's", () => {
    const mined = cand("said", "mined", -0.1);
    const { tok, sites, forms } = sitesOf(text, "mentioned", [mined, ...many]);
    expect(sites.n).toBe(2);
    rankForms(sites, forms, tok, lm, { keep: 4, priorWeight: 1, unigramWeight: -1 });
    for (let i = 0; i < sites.n; i++) {
      const kept = candidateObjects(sites.list[i]!);
      expect(kept.filter((c) => c.tier === "thesaurus")).toHaveLength(4);
      expect(kept).toContain(mined);
    }
    // One list per spun form: every site of the form sees the same candidates.
    expect(sites.list[0]).toBe(sites.list[1]);
  });

  it("ranks by fit in context, not by list order", () => {
    const { tok, sites, forms } = sitesOf(text, "mentioned", [...many.slice(1).reverse(), many[0]!]);
    rankForms(sites, forms, tok, lm, { keep: 3, priorWeight: 1, unigramWeight: 0 });
    expect(texts(sites.list[0]!)).toContain("said");
  });

  it("leaves short lists alone", () => {
    const { tok, sites, forms, list } = sitesOf(text, "mentioned", many.slice(0, 3));
    rankForms(sites, forms, tok, lm, { keep: 4, priorWeight: 1, unigramWeight: -1 });
    expect(sites.list[0]).toBe(list);
  });
});

describe("ranking the windows of a long text", () => {
  it("scores each neighbour pair of a candidate list once, and gives the same lists when a pair comes again", () => {
    const many = ["said", "named", "cited", "noted", "told", "quoted", "spoke", "stated", "remarked", "hinted"].map((w) => cand(w));
    const text = "The mayor mentioned the plan. The mayor mentioned the plan. She mentioned it again.";
    const list = listOf(many);
    const run = () => {
      const tok = tokenTable(text);
      const sites = new Sites();
      for (let i = 0; i < tok.n; i++) {
        if (wordTable.keys[wordTable.keyOf[tok.word[i]!]!] === "mentioned") sites.push(i, i + 1, tok.start[i]!, tok.end[i]!, -1, i + 1, 0, false, list, "mentioned", null);
      }
      const before = rankWork.pairs;
      rankForms(sites, assignForms(sites), tok, lm, { keep: 4, priorWeight: 1, unigramWeight: -1 });
      return { pairs: rankWork.pairs - before, kept: sites.list[0]! };
    };
    const first = run();
    // Three sites, two distinct (left, right) pairs: "mayor _ the" twice, "she _ it".
    expect(first.pairs).toBe(2);
    const second = run();
    expect(second.pairs).toBe(0);
    expect(second.kept).toBe(first.kept);
  });
});

describe("the best few of a ranking", () => {
  it("are what a stable sort puts first, ties in list order", () => {
    let seed = 3;
    const rand = (n: number) => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n;
    for (let t = 0; t < 500; t++) {
      const n = 1 + rand(60);
      const s = Float64Array.from({ length: n + 5 }, () => rand(8) - 4 + (rand(2) ? 0.5 : 0));
      // Item indices in increasing order (list order), some of the list skipped.
      const items = Int32Array.from(Array.from({ length: n + 5 }, (_, x) => x).filter((x) => x < 5 || rand(4) > 0));
      const keep = 1 + rand(20);
      const sorted = Array.from(items).sort((a, b) => s[b]! - s[a]! || a - b);
      expect(bestOf(s, items, keep)).toEqual(sorted.slice(0, keep));
    }
  });
});

describe("ranking a real thesaurus list in context", () => {
  // The bundled thesaurus's candidates for a spun word, as a site's list (one spun form).
  const thesaurus = loadBundledThesaurus();
  const listFor = (word: string) => (thesaurus.lookup(word) ?? []).map((c) => cand(c.original, "thesaurus", c.prior));
  const keptAfter = (text: string, word: string, options: RankOptions) => {
    const { tok, sites, forms } = sitesOf(text, word, listFor(word));
    rankForms(sites, forms, tok, lm, options);
    return texts(sites.list[0]!);
  };

  it("reads two words each side with the window: an original the one-word context cuts is kept", () => {
    const text = "The teacher asked the class to read the first section at home.";
    expect(listFor("section").map((c) => c.text)).toContain("chapter");
    expect(keptAfter(text, "section", NEIGHBOUR_RANKING)).not.toContain("chapter");
    expect(keptAfter(text, "section", { ...RANKING, keep: 16 })).toContain("chapter");
    expect(keptAfter(text, "section", RANKING)).toContain("chapter");
  });

  it("keeps 24 per form with the window: an original ranked just below 16 is proposed", () => {
    const text = "The team celebrated its success with a parade through the city.";
    expect(keptAfter(text, "success", { ...RANKING, keep: 16 })).not.toContain("victory");
    expect(keptAfter(text, "success", RANKING)).toContain("victory");
    expect(keptAfter(text, "success", RANKING)).toHaveLength(THESAURUS_PER_SITE);
    expect(keptAfter(text, "success", NEIGHBOUR_RANKING)).toHaveLength(16);
  });
});
