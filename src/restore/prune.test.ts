import { describe, expect, it } from "vitest";
import { loadBundledModel } from "../resources.js";
import { tokenizeWords } from "../text/tokenize.js";
import { rankThesaurusCandidates } from "./prune.js";
import type { Site, SiteCandidate } from "./sites.js";

const lm = loadBundledModel();
const cand = (text: string, tier: SiteCandidate["tier"] = "thesaurus", prior = -1): SiteCandidate => ({ text, tier, prior, entry: `${tier}:x→${text}`, sources: 1 });

function sitesOf(text: string, word: string, candidates: SiteCandidate[]): Site[] {
  const tokens = tokenizeWords(text);
  return tokens
    .map((t, i) => ({ t, i }))
    .filter(({ t }) => t.key === word)
    .map(({ t, i }) => ({ start: t.start, end: t.end, tokFrom: i, tokTo: i + 1, poolKey: word, spun: t.text, pattern: "lower" as const, candidates, forced: false }));
}

describe("ranking a thesaurus's candidates in context", () => {
  const text = "The mayor mentioned the plan. She mentioned it again on Monday.";
  const tokens = tokenizeWords(text);
  const many = ["said", "named", "cited", "noted", "told", "quoted", "spoke", "stated", "remarked", "hinted", "alluded", "broached"].map((w) => cand(w));

  it("keeps the best few thesaurus candidates per spun form, and every other source's", () => {
    const mined = cand("said", "mined", -0.1);
    const sites = sitesOf(text, "mentioned", [mined, ...many]);
    const ranked = rankThesaurusCandidates(sites, tokens, lm, { keep: 4, priorWeight: 1, unigramWeight: -1 });
    for (const s of ranked) {
      expect(s.candidates.filter((c) => c.tier === "thesaurus")).toHaveLength(4);
      expect(s.candidates).toContain(mined);
    }
    // One list per spun form: every site of the form sees the same candidates.
    expect(ranked[0]!.candidates).toBe(ranked[1]!.candidates);
  });

  it("ranks by fit in context, not by list order", () => {
    const sites = sitesOf(text, "mentioned", [...many.slice(1).reverse(), many[0]!]);
    const kept = rankThesaurusCandidates(sites, tokens, lm, { keep: 3, priorWeight: 1, unigramWeight: 0 })[0]!.candidates.map((c) => c.text);
    expect(kept).toContain("said");
  });

  it("leaves short lists alone", () => {
    const sites = sitesOf(text, "mentioned", many.slice(0, 3));
    expect(rankThesaurusCandidates(sites, tokens, lm, { keep: 4, priorWeight: 1, unigramWeight: -1 })[0]!.candidates).toBe(sites[0]!.candidates);
  });
});
