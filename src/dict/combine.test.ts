import { describe, expect, it } from "vitest";
import { restore } from "../index.js";
import { combineDictionaries } from "./combine.js";
import type { Candidate, PhraseDictionary, Tier } from "./types.js";

const dict = (tier: Tier, pairs: Record<string, string>): PhraseDictionary => {
  const map = new Map<string, Candidate[]>(Object.entries(pairs).map(([spun, original]) => [spun, [{ original, tier, prior: 0, source: tier, entry: `${tier}:${spun}→${original}` }]]));
  return { maxPhraseWords: 2, lookup: (k) => map.get(k) };
};

describe("combineDictionaries", () => {
  it("keeps the best tier for an original, and a user's correction remembers the spinner tier it shadows", () => {
    const user = dict("user", { mentioned: "said", recordsdata: "files" });
    const signature = dict("signature", { mentioned: "said" });
    const mined = dict("mined", { mentioned: "said", pal: "friend" });
    for (const order of [[user, signature, mined], [mined, signature, user]]) {
      const both = combineDictionaries(order);
      expect(both.lookup("mentioned")).toEqual([expect.objectContaining({ original: "said", tier: "user", shadows: "signature" })]);
      expect(both.lookup("recordsdata")![0]!.shadows).toBeUndefined();
      expect(both.lookup("pal")).toEqual([expect.objectContaining({ original: "friend", tier: "mined" })]);
      expect(both.lookup("pal")![0]!.shadows).toBeUndefined();
    }
  });

  it("lets a user's correction replace what the other dictionaries propose for its key, keeping their evidence", () => {
    const user = dict("user", { recordsdata: "archives" });
    const signature = dict("signature", { recordsdata: "files" });
    const thesaurus = dict("thesaurus", { recordsdata: "records" });
    for (const order of [[user, signature, thesaurus], [thesaurus, signature, user]]) {
      expect(combineDictionaries(order).lookup("recordsdata")).toEqual([expect.objectContaining({ original: "archives", tier: "user", shadows: "signature" })]);
    }
    // In a document found spun as well (the bundled "recordsdata → files" used to win there).
    const corrections = { text: "recordsdata\tarchives\n", kind: "corrections" as const };
    expect(restore("He sent the recordsdata to the office.", { extraDictionaries: [corrections] }).text).toBe("He sent the archives to the office.");
    expect(restore("He sent the recordsdata to the office.", { extraDictionaries: [corrections], assumeSpun: true }).text).toBe("He sent the archives to the office.");
  });

  it("lets a user's corrections of pairs the engine knows leave the document gate as it was", () => {
    const text =
      "The chief mentioned the financial system grew this 12 months. Officers mentioned the metropolis council would meet " +
      "once more, and lots of of residents from international locations close by got here to the assembly. The mayor " +
      "mentioned the plan would value extra than anticipated.";
    const alone = restore(text);
    const corrections = "mentioned\tsaid\nmetropolis\tcity\n12 months\tyear\nlots of of\thundreds of\ninternational locations\tcountries\n";
    const withDict = restore(text, { extraDictionaries: [{ text: corrections, kind: "corrections" }] });
    expect(alone.gate.spun).toBe(true);
    expect(withDict.gate).toEqual(alone.gate);
    // The same changes, now credited to the user's list where it has the pair.
    expect(withDict.edits.map((e) => [e.start, e.after])).toEqual(alone.edits.map((e) => [e.start, e.after]));
    expect(withDict.edits.some((e) => e.entry.startsWith("user:"))).toBe(true);
  });

  it("remembers that a loaded candidate table lists a form whose pair a better tier won (alsoTable)", () => {
    const table = dict("table", { metropolis: "city", dwelling: "house" });
    const mined = dict("mined", { metropolis: "city", pal: "friend" });
    const user = dict("user", { dwelling: "house" });
    for (const order of [[table, mined, user], [user, mined, table]]) {
      const both = combineDictionaries(order);
      expect(both.lookup("metropolis")).toEqual([expect.objectContaining({ original: "city", tier: "mined", entry: "mined:metropolis→city", alsoTable: true })]);
      // A user's correction keeps what it shadows, and is marked as the table's form too.
      expect(both.lookup("dwelling")).toEqual([expect.objectContaining({ original: "house", tier: "user", shadows: "table", alsoTable: true })]);
      expect(both.lookup("pal")![0]!.alsoTable).toBeUndefined();
    }
    // Without a table nothing is marked.
    expect(combineDictionaries([mined, user]).lookup("metropolis")![0]!.alsoTable).toBeUndefined();
  });
});
