import { describe, expect, it } from "vitest";
import { loadBundledResources } from "../resources.js";
import { restore, restoreWith } from "../index.js";
import { benchText } from "../test-helpers/bench-text.js";
import { listOf } from "./candidates.js";
import {
  decide,
  FORM_REPEATS,
  FORMAL_EXTRA_FORMS,
  gateFrom,
  MIN_GATE_PLACES,
  PlaceCounts,
  rareInEnglish,
  SHORT_TEXT_FEW_FORMS,
  SHORT_TEXT_WORDS,
  type DecideResult,
  type Scoring,
  type TableModel,
} from "./decide.js";
import { FEATURE_COUNT } from "./features.js";
import { formalOf } from "./register.js";
import { configFor, prepareRun, siteEvidence } from "./restore.js";
import { combineDictionaries } from "../dict/combine.js";
import { compileUserDictionary } from "../dict/user.js";

const resources = loadBundledResources();

describe("sites scored in the same context share their deltas", () => {
  // Paragraphs drawn with repeats: many sites see the same words around them.
  const text = benchText(".spun.txt", 40_000, 11);

  const run = (share: boolean): { sc: Scoring; result: DecideResult } => {
    const r = prepareRun(resources.lm, text, {});
    const sc = r.scoring(r.sitesFrom(resources.dictionary));
    sc.shareScores = share;
    const result = decide(sc, configFor({}), true);
    return { sc, result };
  };

  it("gives the same deltas, fits and decisions as scoring every site", () => {
    const shared = run(true);
    const each = run(false);
    expect(shared.sc.n).toBeGreaterThan(100);
    expect(shared.sc.copied).toBeGreaterThan(0);
    expect(each.sc.copied).toBe(0);
    expect(Array.from(shared.sc.deltas)).toEqual(Array.from(each.sc.deltas));
    expect(Array.from(shared.sc.fit)).toEqual(Array.from(each.sc.fit));
    expect(shared.result).toEqual(each.result);
    expect(shared.result.decisions.length).toBeGreaterThan(10);
  });
});

describe("the gate on short texts", () => {
  const { lm } = loadBundledResources();
  it("knows which spun forms ordinary English seldom writes", () => {
    for (const common of ["stated", "individuals", "assist", "mentioned", "home"]) expect(rareInEnglish(lm, common), common).toBe(false);
    for (const rare of ["software program", "financial system", "invoice", "recordsdata", "^chinese language"]) expect(rareInEnglish(lm, rare), rare).toBe(true);
  });
  it("stays shut on a short text whose strong forms are all ordinary officialese, and opens when one is unusual", () => {
    // Three spinner forms that formal English writes too: a police or council statement, not a spun page.
    const official = restore("The minister stated that the government would assist individuals on low incomes with their energy bills.");
    expect(official.gate.strongForms).toBeGreaterThanOrEqual(3);
    expect(official.gate.spun).toBe(false);
    expect(official.edits).toEqual([]);
    const spun = restore("The minister stated that the invoice would assist individuals on low incomes.");
    expect(spun.gate.spun).toBe(true);
    expect(spun.text).toBe("The minister said that the bill would help people on low incomes.");
  });

  it("asks the same of a short text resting on up to SHORT_TEXT_FEW_FORMS forms, not of one with more", () => {
    const counts = (forms: string[]) => {
      const c = new PlaceCounts();
      const list = listOf([{ text: "x", tier: "mined", prior: 0, entry: "mined:a→x", sources: 1 }]);
      // Two strong places each, the model clearly for the candidate: evidence the gate opens on by itself.
      forms.forEach((form, k) => {
        c.add(list, Float64Array.of(5), 0, form, 20 * k, 20 * k + 1, 1);
        c.add(list, Float64Array.of(5), 0, form, 20 * k + 10, 20 * k + 11, 1);
      });
      return c;
    };
    const ordinary = ["stated", "individuals", "assist", "convention", "identical", "preliminary", "essential"];
    const config = configFor({});
    const gate = (n: number, rare: (form: string) => boolean) => gateFrom(120, counts(ordinary.slice(0, n)), config, false, rare);
    const none = () => false;
    // Three to five forms (SHORT_TEXT_FEW_FORMS): the paragraph of popular lore in its comment has four.
    for (const n of [MIN_GATE_PLACES, 4, 5]) {
      expect(gate(n, none).spun, `${n} ordinary forms`).toBe(false);
      expect(gate(n, (form) => form === "assist").spun, `${n} forms, one unusual`).toBe(true);
    }
    // With more forms the evidence is enough on its own, whatever the model thinks of each.
    expect(gate(6, none).spun).toBe(true);
    // And the rule is about short texts only.
    expect(gateFrom(SHORT_TEXT_WORDS, counts(ordinary.slice(0, 5)), config, false, none).spun).toBe(true);
  });
});

describe("the gate on formal text (contracts, terms, policies)", () => {
  // Written for this test: a contract's notices clause and tenancy terms, in the officialese such texts use
  // ("shall", "electronic mail", "after which", "in line with"), all of which spinners write too.
  const notices =
    "Notices. All notices under this Agreement shall be in writing and may be delivered by hand, by courier or by electronic mail to the address of the receiving party set out above, after which the notice shall be deemed received on the following business day. Each party shall keep its contact details up to date and shall inform the other party of any change in line with this clause.";
  const clause = (k: number) =>
    [
      `${k}. The Supplier shall provide the Services with reasonable skill and care and in line with good industry practice.`,
      "The Customer shall pay each invoice within thirty days after the date of the invoice.",
      "Either party may terminate this Agreement by written notice to the other party, after which the Agreement shall end.",
      "Any notice shall be sent by electronic mail to the address in the Schedule.",
    ].join(" ");
  const contract = Array.from({ length: 8 }, (_, k) => clause(k + 1)).join("\n\n");

  it("reads the register, not only the forms", () => {
    expect(formalOf(70, 5)).toBe(true);
    expect(formalOf(1000, 10)).toBe(false);
  });
  it("stays shut on the register's own forms, however often they come", () => {
    for (const text of [notices, contract]) {
      const r = restore(text);
      expect(r.gate.spun, text.slice(0, 40)).toBe(false);
      expect(r.edits).toEqual([]);
    }
  });
  it("opens on the same text spun: many different forms", () => {
    const spun = notices
      .replace("All notices", "All notices mentioned")
      .replace("delivered by hand", "delivered by hand to assist individuals")
      .replace("the following business day", "the following enterprise day within 12 months")
      .replace("up to date", "up to date for the financial system");
    const r = restore(spun);
    expect(r.gate.spun).toBe(true);
    expect(r.gate.strongForms).toBeGreaterThanOrEqual(MIN_GATE_PLACES + FORMAL_EXTRA_FORMS);
  });
});

describe("the gate's strong places per form", () => {
  it("count a form's repeats beyond FORM_REPEATS per 1000 words once: one habit, not many swaps", () => {
    const counts = (repeats: number) => {
      const c = new PlaceCounts();
      const list = listOf([{ text: "will", tier: "mined", prior: 0, entry: "mined:shall→will", sources: 1 }]);
      const deltas = Float64Array.of(3);
      let t = 0;
      for (let k = 0; k < repeats; k++, t += 10) c.add(list, deltas, 0, "shall", t, t + 1, 1);
      for (const form of ["a", "b"]) c.add(listOf([{ text: "x", tier: "mined", prior: 0, entry: `mined:${form}→x`, sources: 1 }]), deltas, 0, form, (t += 10), t + 1, 1);
      return c;
    };
    const config = configFor({});
    const few = gateFrom(600, counts(FORM_REPEATS), config, false);
    const many = gateFrom(600, counts(20), config, false);
    // Reported as found; the gate's rate and count of strong places (features 1 and 2) read the repeats as one.
    expect(many.strongSites).toBe(22);
    expect(few.strongSites).toBe(FORM_REPEATS + 2);
    expect(many.features[1]).toBe(few.features[1]);
    expect(many.features[2]).toBe(few.features[2]);
    expect(many.rate).toBeGreaterThan(few.rate);
  });
});

describe("a loaded candidate table is scored by its own model (TableModel)", () => {
  // metropolis → city is a bundled pair the table lists too; dwelling → house only the table has; mentioned → said
  // only the bundled dictionaries (the table does not list "mentioned"); small → little only the general thesaurus.
  const table = { text: "city|metropolis\nhouse|dwelling\n", kind: "candidates" as const, name: "t" };
  const text = "He moved to the metropolis last year, and he mentioned that his dwelling there was small.";
  const base = configFor({});
  const model = base.table!;
  const run = (table_: TableModel | undefined, extra = [table]) =>
    restoreWith(resources, text, { assumeSpun: true, extraDictionaries: extra }, { table: table_ });
  const entries = (r: ReturnType<typeof run>) => r.edits.map((e) => e.entry);

  it("ships one, and applies the table's candidates with its weights", () => {
    expect(model.weights).toHaveLength(FEATURE_COUNT);
    const r = run(model);
    expect(entries(r)).toContain("t:dwelling→house");
    // The table's own bias far down: its candidate loses to the bundled ones, and the text keeps no table edit.
    const shut = run({ ...model, weights: model.weights.map((w, i) => (i === 0 ? -50 : w)) });
    expect(entries(shut).some((e) => e.startsWith("t:"))).toBe(false);
    expect(entries(shut)).toContain("mined:metropolis→city");
  });

  it("moves the other sources' candidates by whether the table lists their form, times the document's table share", () => {
    // Two of the three places with a specific candidate are forms the table lists (metropolis, dwelling): share 2/3.
    const unlistedDown = run({ ...model, others: [-50, 0] });
    expect(unlistedDown.text).toBe("He moved to the city last year, and he mentioned that his house there was small.");
    // metropolis → city is the bundled pair, which won the table's same pair: the form still counts as listed.
    const listedDown = run({ ...model, others: [0, -50] });
    expect(entries(listedDown)).not.toContain("mined:metropolis→city");
    expect(entries(listedDown)).toContain("mined:mentioned→said");
    // Without the model, every source is scored alike: the thesaurus's small → little comes through.
    expect(run(undefined).text).toBe("He moved to the city last year, and he said that his house there was little.");
  });

  it("takes the keep offset, times the table share, from every choice before the threshold", () => {
    const logit = (p: number) => Math.log(p / (1 - p));
    const at = (keep: number) => run({ ...model, keep });
    const dictionary = combineDictionaries([compileUserDictionary(table.text, table.name, table.kind).dictionary, resources.dictionary]);
    const { tableShare } = siteEvidence({ lm: resources.lm, dictionary }, text, { assumeSpun: true });
    expect(tableShare).toBeGreaterThan(0.3);
    expect(tableShare).toBeLessThan(1);
    // The same edits (so the same context in the last round), each less sure by keep × share in log-odds.
    const [a, b] = [at(0), at(0.3)];
    expect(b.edits.map((e) => e.entry)).toEqual(a.edits.map((e) => e.entry));
    // Confidences are rounded to 3 decimals: compared where that leaves the log-odds precise enough.
    const mid = a.edits.map((e, k) => [e.confidence, b.edits[k]!.confidence] as const).filter(([p]) => p > 0.05 && p < 0.95);
    expect(mid.length).toBeGreaterThan(0);
    for (const [p, q] of mid) expect(logit(p) - logit(q)).toBeCloseTo(0.3 * tableShare, 1);
    // Far enough, nothing reaches the threshold.
    expect(run({ ...model, keep: 50 }).edits).toEqual([]);
  });

  it("changes nothing where no table is loaded", () => {
    const spun = benchText(".spun.txt", 6_000, 3);
    const extreme: TableModel = { weights: model.weights.map(() => 9), others: [-50, 50], keep: -5 };
    const a = restoreWith(resources, spun, {}, { table: extreme });
    const b = restoreWith(resources, spun, {}, { table: undefined });
    expect(a.edits.length).toBeGreaterThan(10);
    expect(a).toEqual(b);
    expect(restoreWith(resources, text, { assumeSpun: true }, { table: extreme })).toEqual(restoreWith(resources, text, { assumeSpun: true }, { table: undefined }));
  });
});
