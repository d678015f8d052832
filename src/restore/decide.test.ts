import { describe, expect, it } from "vitest";
import { loadBundledResources } from "../resources.js";
import { restore } from "../index.js";
import { benchText } from "../test-helpers/bench-text.js";
import { listOf } from "./candidates.js";
import { decide, FORM_REPEATS, FORMAL_EXTRA_FORMS, gateFrom, MIN_GATE_PLACES, PlaceCounts, rareInEnglish, type DecideResult, type Scoring } from "./decide.js";
import { formalOf } from "./register.js";
import { configFor, prepareRun } from "./restore.js";

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
