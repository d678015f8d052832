import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadBundledResources } from "../resources.js";
import { benchText } from "../test-helpers/bench-text.js";
import { countStringWork } from "../test-helpers/string-work.js";
import { positionIn } from "../text/position.js";
import { applyEdits, candidateSites, restoreWith } from "./restore.js";
import { restoreWindowsWith } from "./windows.js";

const resources = loadBundledResources();
const restore = (text: string, options = {}) => restoreWith(resources, text, options);

// Words the dictionaries know as spun forms, ordinary words, and things that must never be touched.
const WORDS = [
  "mentioned", "12 months", "time period", "financial system", "international locations", "assist", "folks",
  "Individuals", "chief", "navy", "the", "a", "an", "expensive", "pal", "he", "said", "year", "city", "{dollars}",
  "{big|large}", "2", "3rd", "U.S.", "Mr.", "COVID-19", "e-mail", "IPHONE", "naïve", "café", "😀", "—", "“", "”", "’s",
];
const SEPARATORS = [" ", " ", " ", ", ", ". ", "\n", "\r\n", "\t", "  ", "; ", "-", " (", ") "];

const texts = fc
  .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), { maxLength: 60 })
  .map((parts) => parts.map(([w, s]) => w + s).join(""));

describe("restore keeps everything outside its edits", () => {
  it("edits are consistent with the input and the output, in any text", () => {
    fc.assert(
      fc.property(texts, fc.boolean(), (text, assumeSpun) => {
        const r = restore(text, { assumeSpun });
        let at = 0;
        for (const e of r.edits) {
          expect(e.start).toBeGreaterThanOrEqual(at);
          expect(text.slice(e.start, e.end)).toBe(e.before);
          expect(e.after).not.toBe(e.before);
          const lineStart = text.lastIndexOf("\n", e.start - 1) + 1;
          expect(e.line).toBe(text.slice(0, e.start).split("\n").length);
          expect(e.column).toBe(e.start - lineStart + 1);
          expect(e.confidence).toBeGreaterThan(0);
          expect(e.confidence).toBeLessThanOrEqual(1);
          at = e.end;
        }
        expect(applyEdits(text, r.edits)).toBe(r.text);
      }),
      { numRuns: 300 },
    );
  });

  it("never touches skipped spans or never-touch words", () => {
    fc.assert(
      fc.property(texts, (text) => {
        const skip = [{ start: 0, end: Math.floor(text.length / 2) }];
        for (const e of restore(text, { assumeSpun: true, skip }).edits) expect(e.start).toBeGreaterThanOrEqual(skip[0]!.end);
        const kept = restore(text, { assumeSpun: true, neverTouch: ["mentioned", "12 months"] });
        for (const e of kept.edits) expect(e.before.toLowerCase()).not.toMatch(/^(mentioned|12 months)$/);
      }),
      { numRuns: 100 },
    );
  });
  it("never touches URLs or e-mail addresses, in one piece or in windows", () => {
    // (Four strong forms: three common ones alone would leave a text this short unchanged.)
    const spun = "The metropolis council met. Officers mentioned the work will start subsequent month, ending a debate that had lasted greater than a 12 months. ";
    const text = `${spun}See https://example.com/mentioned/12-months or write to mentioned@individuals.org today.\n`;
    const r = restore(text);
    expect(r.text).toContain("Officials said the work will start next month");
    expect(r.text).toContain(" https://example.com/mentioned/12-months ");
    expect(r.text).toContain(" mentioned@individuals.org ");
    const pieces = [...restoreWindowsWith(loadBundledResources(), text.repeat(20), {}, undefined, { windowChars: 512, windowedAbove: 0 })];
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) for (const e of p.edits) expect(e.before).not.toMatch(/example|@/);
    expect(pieces.map((p) => p.text).join("").split(" https://example.com/mentioned/12-months ").length).toBe(21);
  });
  it("never touches file paths, Unix or Windows, in one piece or in windows", () => {
    const spun = "The metropolis council met. Officers mentioned the work will start subsequent month, ending a debate that had lasted greater than a 12 months. ";
    const paths = ["/srv/folks/mentioned.log", "~/information/12-months.csv", "docs/mentioned.md", "src/folks/information/assist", "C:\\Users\\folks\\mentioned.txt", "..\\information\\assist"];
    const text = `${spun}The notes are in ${paths.slice(0, 4).join(", ")} and (${paths[4]}) or ${paths[5]}.\n`;
    const r = restore(text);
    expect(r.text).toContain("Officials said the work will start next month");
    for (const p of paths) expect(r.text).toContain(p);
    const pieces = [...restoreWindowsWith(loadBundledResources(), text.repeat(20), {}, undefined, { windowChars: 512, windowedAbove: 0 })];
    expect(pieces.length).toBeGreaterThan(1);
    const out = pieces.map((p) => p.text).join("");
    for (const p of paths) expect(out.split(p).length).toBe(21);
  });
});

describe("phrases", () => {
  it("stop where no key of a dictionary that knows its keys continues them, with the sites of trying every phrase", () => {
    const gate = resources.gateDictionary!;
    // The same dictionary, without the knowledge of its keys.
    const opaque = { maxPhraseWords: gate.maxPhraseWords, lookup: (k: string) => gate.lookup(k), mayStartPhrase: (w: string) => gate.mayStartPhrase!(w) };
    const sites = (dictionary: typeof gate, text: string) =>
      candidateSites({ lm: resources.lm, dictionary }, text).map((s) => [s.start, s.end, s.poolKey, s.candidates.map((c) => c.text)]);
    const phraseTexts = fc
      .array(fc.tuple(fc.constantFrom("time", "period", "in", "order", "to", "a", "lot", "of", "set", "up", "well", "liked", "the", "one", "financial", "system", "put", "together"), fc.constantFrom(" ", " ", "-", ", ")), { maxLength: 30 })
      .map((parts) => parts.map(([w, s]) => w + s).join(""));
    fc.assert(
      fc.property(phraseTexts, (text) => {
        expect(sites(gate, text)).toEqual(sites(opaque, text));
      }),
      { numRuns: 300 },
    );
  });
});

describe("the gate dictionary", () => {
  it("keeps the full dictionary (a lazily loaded thesaurus) out of clean documents, and gives the same result", () => {
    let fullLookups = 0;
    const full = {
      maxPhraseWords: resources.dictionary.maxPhraseWords,
      lookup: (k: string) => {
        fullLookups++;
        return resources.dictionary.lookup(k);
      },
    };
    const clean = "The navy chief mentioned an expensive pipeline in the financial system review.";
    const spun = "The chief mentioned the financial system grew final 12 months, and folks mentioned the navy was sturdy.";
    const withGate = { lm: resources.lm, dictionary: full, gateDictionary: resources.gateDictionary! };
    expect(restoreWith(withGate, clean).text).toBe(clean);
    expect(fullLookups).toBe(0);
    expect(restoreWith(withGate, spun).text).toBe(restoreWith({ lm: resources.lm, dictionary: resources.dictionary }, spun).text);
    expect(fullLookups).toBeGreaterThan(0);
  });
});

describe("restore on examples", () => {
  it("does not fix an article that lies in a skipped span (found by the property test)", () => {
    const text = "said an navy ";
    for (const e of restore(text, { assumeSpun: true, skip: [{ start: 0, end: 6 }] }).edits) expect(e.start).toBeGreaterThanOrEqual(6);
  });

  it("restores a spun paragraph and reports why", () => {
    const r = restore("The chief mentioned the financial system grew final 12 months, and folks mentioned the navy was sturdy.");
    expect(r.gate.spun).toBe(true);
    expect(r.text).toContain("said the economy");
    expect(r.text).toContain("year");
    const said = r.edits.find((e) => e.before === "mentioned");
    expect(said).toMatchObject({ after: "said", entry: "mined:mentioned→said" });
    expect(said!.evidence).toMatch(/language model [+-]\d/);
  });

  it("leaves a clean sentence alone, even one full of spun-looking words", () => {
    const clean = "The navy chief mentioned an expensive pipeline in the financial system review.";
    expect(restore(clean).text).toBe(clean);
    expect(restore(clean).gate.spun).toBe(false);
  });

  it("resolves spintax with alternatives even in clean text, and carries case", () => {
    expect(restore("It was a {big|large} day.").text).toBe("It was a big day.");
    // Template and code syntax is not a spinner's: filters, placeholders with a sigil, notation without words.
    for (const text of [
      "Use {{ name|upper }} in the template.",
      "Use {{name|upper}} or {{ title }} in the template.",
      "In Smarty, write {$title|escape} to escape it.",
      "The shell expands ${HOME} and Ruby #{name|x} here.",
      "The pattern {0|1}* matches bits.",
      // TeX and subscripts: a spinner's braces stand where a word stood, never glued to a command or a letter.
      "Use \\emph{metropolis|city} and x_{big|large} in the paper.",
    ]) {
      expect(restore(text).text).toBe(text);
      expect(restore(text, { assumeSpun: true }).edits.filter((e) => e.entry.startsWith("artefact:"))).toEqual([]);
    }
    expect(restore("Individuals mentioned the plan, and folks mentioned it again.", { assumeSpun: true }).text).toMatch(/^People said the plan/);
    // A lone {word} glued to a TeX command keeps its braces (they were stripped: \textmetropolis).
    expect(restore("Use \\text{recordsdata} here.", { assumeSpun: true }).text).toMatch(/^Use \\text\{\w+\} here\.$/);
  });

  it("makes a/an agree with the restored word", () => {
    const r = restore("It is a economic system in trouble.", { assumeSpun: true });
    expect(r.text).toBe("It is an economy in trouble.");
    expect(r.edits[0]).toMatchObject({ before: "a economic system", after: "an economy", column: 7 });
    // Across the line break of hard-wrapped text, or a no-break space: the article still follows its word.
    for (const gap of ["\n", "\r\n", " \n  ", "\u00a0"]) {
      const wrapped = restore(`It is a${gap}economic system in trouble.`, { assumeSpun: true });
      expect(wrapped.text).toBe(`It is an${gap}economy in trouble.`);
    }
    // An article that may not change keeps its word as written too ("an massive" would be no fix).
    expect(restore("He met an huge crowd.", { assumeSpun: true }).text).toBe("He met a massive crowd.");
    expect(restore("He met an huge crowd.", { assumeSpun: true, neverTouch: ["an"] }).text).toBe("He met an huge crowd.");
    expect(restore("He met an huge crowd.", { assumeSpun: true, skip: [{ start: 7, end: 9 }] }).text).toBe("He met an huge crowd.");
    // A skipped span between the article and its word holds the article too.
    expect(restore("an 12 months ", { assumeSpun: true, skip: [{ start: 2, end: 3 }] }).edits.every((e) => e.end <= 2 || e.start >= 3)).toBe(true);
    // Across any width of space, and the Unicode line separator or NEL as a line break.
    for (const gap of ["\u2009", "\u202f", "\u3000", "\u2028", "\u0085", " \u2028 "]) {
      expect(restore(`He met an${gap}huge crowd.`, { assumeSpun: true }).text).toBe(`He met a${gap}massive crowd.`);
    }
    // Not across a blank line: that article belongs to another paragraph's last line.
    expect(restore("It is a\n\neconomic system in trouble.", { assumeSpun: true }).text).toBe("It is a\n\neconomy in trouble.");
  });
  it("restores hard-wrapped text as the same text unwrapped, keeping the line breaks where it can", () => {
    const flat = "Mr. Putin arrived in Beijing in quest of extra assist from the Chinese language chief, who began a fifth time period last 12 months. Officers mentioned the talks would proceed.";
    const wrapped = "Mr. Putin arrived in Beijing in quest\nof extra assist from the Chinese language\nchief, who began a fifth time\nperiod last 12 months. Officers mentioned\nthe talks would proceed.";
    const r = restore(wrapped, { assumeSpun: true });
    expect(r.text.replace(/\n/g, " ")).toBe(restore(flat, { assumeSpun: true }).text);
    // "in quest\nof" → "in search\nof": the break stays after as many words; "time\nperiod" → "term" takes it along
    // in place of the space before the next word.
    expect(r.text).toContain("in search\nof more help");
    expect(r.text).toContain("a fifth term\nlast year");
  });
  it("capitalises a restored phrase that starts a sentence where the spun span started with a digit", () => {
    const restored = (t: string) => restore(t, { assumeSpun: true }).text;
    expect(restored("12 months later the financial system grew, Mr. Putin mentioned.")).toBe("Year later the economy grew, Mr. Putin said.");
    expect(restored("He left. 12 months later the financial system grew.")).toBe("He left. Year later the economy grew.");
    expect(restored("“12 months ago the financial system grew,” he mentioned.")).toBe("“Year ago the economy grew,” he said.");
    expect(restored("It took 12 months for the financial system to grow.")).toContain("took year for");
    // Not after a bracket, a colon or a line break inside a sentence.
    expect(restored("It lasted (12 months) here.")).toBe("It lasted (year) here.");
    expect(restored("He waited: 12 months passed.")).toBe("He waited: year passed.");
    expect(restored("It lasted a\n12 months.")).toBe("It lasted a\nyear.");
  });
  it("keeps the spacing between a phrase's words: indentation, CRLF, Markdown hard breaks, tabs and NBSP", () => {
    const restored = (t: string) => restore(t, { assumeSpun: true }).text;
    expect(restored("    Mr. Putin mentioned the economy grew in quest\n    of extra assist from his expensive\n    pal this 12 months.\n")).toBe(
      "    Mr. Putin said the economy grew in search\n    of more help from his dear\n    friend this year.\n",
    );
    expect(restored("The financial\r\nsystem grew quickly, Mr. Putin mentioned.")).toBe("The economy\r\ngrew quickly, Mr. Putin said.");
    expect(restored("The financial  \nsystem grew.")).toBe("The economy  \ngrew.");
    expect(restored("He went in\u00a0quest\u00a0of extra assist from his expensive\tpal.")).toBe("He went in\u00a0search\u00a0of more help from his dear\tfriend.");
    // No word after it on the line: the break goes before it; no word on either side: it stays as written.
    expect(restored("The financial\nsystem.")).toBe("The\neconomy.");
    expect(restored("financial\nsystem.")).toBe("financial\nsystem.");
    // Never in place of a no-break space, nor between a/an and the word it must agree with.
    expect(restored("He mentioned\u00a0financial\nsystem\nmatters.")).toBe("He said\u00a0financial\nsystem\nmatters.");
    expect(restored("It lasted an 12\nmonths.")).toBe("It lasted an 12\nmonths.");
  });
  it("leaves a plural possessive alone when its replacement would not end in s", () => {
    const spun =
      "The mayor mentioned the repairs would assist native companies. Officers mentioned the work will start subsequent month, " +
      "ending a debate that had lasted greater than a 12 months. The individuals' homes were flooded, and the metropolis' roads closed.";
    const r = restore(spun);
    expect(r.text).toContain("Officials said the work will start next month");
    expect(r.text).toContain("The individuals' homes were flooded, and the metropolis' roads closed.");
    expect(r.text).not.toMatch(/\b(people|city)'/);
  });
});

describe("fingerprints", () => {
  it("decide a spun form whose sites hold different candidate lists (fingerprints only at a hyphen)", () => {
    // "area unit" (tortured: are) has a thesaurus candidate too, but not where it touches a hyphen: the form's sites
    // differ in their lists. Each site is still restored with the listed term.
    const text =
      "The proposed methods area unit evaluated on the dataset. The area unit-based results show significant accuracy, and the model parameters area unit estimated with regression.";
    const r = restore(text, { assumeSpun: true });
    expect(r.edits.filter((e) => e.entry === "tortured:area unit→are").map((e) => e.before)).toEqual(["area unit", "area unit", "area unit"]);
    expect(r.text).toContain(" are evaluated on the dataset");
  });
});

describe("listed tortured phrases need the evidence of the text's register", () => {
  // Written for this test: two ordinary-looking collocations the tortured list holds ("untamed life", "market
  // rivalry") a few paragraphs apart in an essay, and one in a market report that reads as technical by its
  // vocabulary (data, analysis, measured, …) but is no paper.
  const essay = [
    "When I first moved to the edge of the marsh, I thought of it as empty land. It took me a year to see how wrong I was. The marsh is crowded with untamed life: voles in the tussocks, eels in the ditches, harriers over the reeds at dusk.",
    "The town, by contrast, is loud. Our high street has three coffee shops within a hundred yards of each other, and the market rivalry between them is the main topic at the pub. One lowered its prices in March; another began roasting its own beans.",
    "I do not want to mock this. A small town needs its arguments. But on the days when I have walked on the marsh before breakfast, the arguments seem smaller, and the tide comes in at its own hour.",
  ].join("\n\n");
  const report =
    "Smartphone prices fell for the third quarter in a row, according to data released on Monday by a research firm. The firm's analysis found that the average price dropped by six per cent, as market rivalry grew with new brands. The report also measured how long people keep their phones: almost three years now.";
  // A paper-mill abstract: several listed phrases in research writing.
  const abstract =
    "We propose a novel approach based on deep mastering for the classification of medical images. The proposed counterfeit intelligence model is trained on three datasets, and the arbitrary forestland classifier is the baseline. Experimental results show a significant improvement in accuracy.";

  it("leave an essay with two of them, and a technical report with one, as written (whole and window by window)", () => {
    for (const text of [essay, report]) {
      expect(restore(text).edits.map((e) => e.before)).toEqual([]);
      const pieces = [...restoreWindowsWith(resources, text, {}, undefined, { windowChars: 2 * 1024, windowedAbove: 0 })];
      expect(pieces.flatMap((p) => p.edits).map((e) => e.before)).toEqual([]);
    }
  });
  it("restore them in research writing, one alone as well as several (whole and window by window)", () => {
    const want = ["deep mastering→deep learning", "counterfeit intelligence→artificial intelligence", "arbitrary forestland→random forest"];
    expect(restore(abstract).edits.map((e) => `${e.before}→${e.after}`)).toEqual(want);
    const pieces = [...restoreWindowsWith(resources, abstract, {}, undefined, { windowChars: 2 * 1024, windowedAbove: 0 })];
    expect(pieces.flatMap((p) => p.edits).map((e) => `${e.before}→${e.after}`)).toEqual(want);
    expect(restore("Each mystery layer of the proposed network has sixty four units, and the model was evaluated on two datasets.").text).toBe(
      "Each hidden layer of the proposed network has sixty four units, and the model was evaluated on two datasets.",
    );
  });
  it("restore two of them far apart in a page the gate finds spun by other evidence, and not in the same page unspun", async () => {
    const { readFileSync } = await import("node:fs");
    const add = (t: string) =>
      t.replace(/\n/, " Fishermen said the untamed life of the harbour would suffer.\n") + "\nShop owners fear market rivalry from the new ferry kiosks.\n";
    const read = (suffix: string) => add(readFileSync(new URL(`../../fixtures/harbour-bridge.${suffix}.txt`, import.meta.url), "utf8"));
    const tortured = (text: string) => restore(text).edits.filter((e) => e.entry.startsWith("tortured:")).map((e) => `${e.before}→${e.after}`);
    expect(tortured(read("spun"))).toEqual(["untamed life→wildlife", "market rivalry→market competition"]);
    expect(restore(read("orig")).edits).toEqual([]);
  });
  it("restore them anywhere when the text is assumed spun", () => {
    expect(restore(essay, { assumeSpun: true }).edits.some((e) => e.before === "untamed life")).toBe(true);
  });
});

describe("the learned gate and scorer", () => {
  it("opens on a long spun document and stays shut on the same length of clean text (length is no evidence)", async () => {
    const { readdirSync, readFileSync } = await import("node:fs");
    const dir = new URL("../../fixtures/bench/", import.meta.url);
    const read = (suffix: string) =>
      readdirSync(dir)
        .filter((f) => f.endsWith(suffix))
        .sort()
        .map((f) => readFileSync(new URL(f, dir), "utf8"))
        .join("\n\n");
    // About 4,800 words each: the project's own articles and their spun versions, twice over.
    const spun = `${read(".spun.txt")}\n\n${read(".spun.txt")}`;
    const clean = `${read(".orig.txt")}\n\n${read(".orig.txt")}`;
    const s = restore(spun);
    expect(s.gate.words).toBeGreaterThan(4000);
    expect(s.gate.spun).toBe(true);
    expect(s.edits.length).toBeGreaterThan(100);
    const c = restore(clean);
    expect(c.gate.spun).toBe(false);
    expect(c.edits).toEqual([]);
  });

  it("never opens the gate on strong places of fewer than three different forms, whatever the probability", () => {
    fc.assert(
      fc.property(texts, (text) => {
        const r = restore(text);
        expect(r.gate.strongForms).toBeLessThanOrEqual(r.gate.strongSites);
        if (r.gate.strongForms < 3) expect(r.gate.spun).toBe(false);
        expect(r.gate.probability).toBeGreaterThanOrEqual(0);
        expect(r.gate.probability).toBeLessThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });

  it("counts a form the text repeats once: one odd word on every line is not evidence of spinning", () => {
    // Strong places of two forms, repeated: many places, two forms, the gate stays shut.
    const repeated = Array.from({ length: 4 }, () => "The mayor mentioned the metropolis would grow.").join(" ");
    const r = restore(repeated);
    expect(r.gate.strongSites).toBeGreaterThanOrEqual(3);
    expect(r.gate.strongForms).toBe(2);
    expect(r.gate.spun).toBe(false);
    expect(r.edits).toEqual([]);
    // A third form, once: three forms, and the gate may open (it does here).
    const three = `${repeated} Trade with international locations grew last year.`;
    const t = restore(three);
    expect(t.gate.strongForms).toBeGreaterThanOrEqual(3);
    expect(t.gate.spun).toBe(true);
  });

  it("gives every edit the probability it was decided with, at or above the threshold", () => {
    const spun = "The chief mentioned the financial system grew final 12 months, and folks mentioned the navy was sturdy.";
    for (const threshold of [0.35, 0.5, 0.7]) {
      for (const e of restore(spun, { threshold }).edits) if (!e.entry.startsWith("artefact:")) expect(e.confidence).toBeGreaterThanOrEqual(threshold - 5e-4);
    }
    // A higher threshold never adds changes.
    expect(restore(spun, { threshold: 0.9 }).edits.length).toBeLessThanOrEqual(restore(spun, { threshold: 0.5 }).edits.length);
  });
});

describe("a long chain of hyphenated words", () => {
  it("costs dictionary work in proportion to its length (keys were as long as the chain: a 10 KB chain ran out of memory)", () => {
    const bundled = loadBundledResources();
    const keyChars = (words: number) => {
      let chars = 0;
      const dictionary = { ...bundled.dictionary, lookup: (key: string) => ((chars += key.length), bundled.dictionary.lookup(key)) };
      const chain = Array.from({ length: words }, (_, i) => ["mentioned", "metropolis", "assist", "native"][i % 4]).join("-");
      restoreWith({ lm: bundled.lm, dictionary }, `${chain}.`, { assumeSpun: true });
      return chars;
    };
    const small = keyChars(300);
    const large = keyChars(1200);
    expect(large / small).toBeLessThan(6);
  });
});

describe("the line and column of edits on one long line", () => {
  // A document with no line breaks (unwrapped or minified): each edit once searched from its own offset to the next
  // line break, that is to the end of the text, so the work grew with the square of the text's length.
  const oneLine = (chars: number) => benchText(".spun.txt", chars, 99).replace(/\s*\n\s*/g, " ");

  it("are right", () => {
    const text = oneLine(6_000);
    const { edits } = restore(text, { assumeSpun: true });
    expect(edits.length).toBeGreaterThan(20);
    const position = positionIn(text);
    for (const e of edits) expect({ line: e.line, column: e.column }).toEqual(position(e.start));
  });

  it("cost work in proportion to the text: four times the text, about four times the string work", () => {
    const workFor = (chars: number) => {
      const text = oneLine(chars);
      const { result, chars: work } = countStringWork(() => restore(text, { assumeSpun: true }));
      expect(result.edits.length).toBeGreaterThan(chars / 400);
      return work;
    };
    workFor(100_000); // warm the caches with every word of both texts, so both runs below do the same kind of work
    const small = workFor(25_000);
    const large = workFor(100_000);
    expect(large / small).toBeGreaterThan(2);
    expect(large / small).toBeLessThan(6);
  });
});

describe("applyEdits checks its arguments", () => {
  const edit = (start: number, end: number, after: string) => ({ start, end, line: 1, column: start + 1, before: "", after, confidence: 1, entry: "test", evidence: "" });
  // Edits as a caller may build them by hand (only start, end and after are read).
  const loose = (edits: unknown) => edits as Parameters<typeof applyEdits>[1];

  it("applies edits in any order, as sorted, without reordering the caller's array", () => {
    const text = "the big cat sat on the mat";
    const sorted = [edit(4, 7, "large"), edit(8, 11, "dog"), edit(12, 12, "quietly "), edit(12, 15, "lay"), edit(23, 26, "rug")];
    const expected = "the large dog quietly lay on the rug";
    expect(applyEdits(text, sorted)).toBe(expected);
    const shuffled = [sorted[3]!, sorted[0]!, sorted[4]!, sorted[2]!, sorted[1]!];
    const copy = [...shuffled];
    expect(applyEdits(text, shuffled)).toBe(expected);
    expect(shuffled).toEqual(copy);
    // An insertion and a replacement at one offset, replacement first in the array: the insertion still goes first.
    expect(applyEdits(text, [sorted[3]!, sorted[2]!])).toBe("the big cat quietly lay on the mat");
    fc.assert(
      fc.property(fc.array(fc.nat(1000)), (seeds) => {
        const perm = [...sorted].sort((a, b) => (seeds[sorted.indexOf(a)] ?? 0) - (seeds[sorted.indexOf(b)] ?? 0));
        expect(applyEdits(text, perm)).toBe(expected);
      }),
      { numRuns: 50 },
    );
    expect(applyEdits("abc", [])).toBe("abc");
    expect(applyEdits("abc", [edit(0, 3, "")])).toBe("");
    expect(applyEdits("abc", [edit(3, 3, "d")])).toBe("abcd");
  });

  it("throws a TypeError for a text that is not a string, edits that are not an array, or a malformed edit", () => {
    const bad = (text: unknown, edits: unknown) => () => applyEdits(text as string, loose(edits));
    expect(bad(null, [])).toThrow(new TypeError("unspin: applyEdits() expects the text as a string (got null)"));
    expect(bad("abc", null)).toThrow(new TypeError("unspin: applyEdits() expects the edits as an array (got null)"));
    expect(bad("abc", { start: 0, end: 1, after: "x" })).toThrow(new TypeError("unspin: applyEdits() expects the edits as an array (got an object)"));
    expect(bad("abc", [edit(0, 1, "x"), null])).toThrow(new TypeError("unspin: applyEdits(): edits[1] must be an object { start, end, after } (got null)"));
    expect(bad("abc", [{ start: "0", end: 1, after: "x" }])).toThrow(
      new TypeError('unspin: applyEdits(): edits[0] must have integer start and end offsets (got start "0", end 1)'),
    );
    expect(bad("abc", [{ start: 0, after: "x" }])).toThrow(new TypeError("unspin: applyEdits(): edits[0] must have integer start and end offsets (got start 0, end undefined)"));
    expect(bad("abc", [edit(0, 1.5, "x")])).toThrow(TypeError);
    expect(bad("abc", [edit(Number.NaN, 1, "x")])).toThrow(/edits\[0\] must have integer start and end offsets \(got start NaN, end 1\)/);
    expect(bad("abc", [edit(0, 1, "x"), { start: 1, end: 2 }])).toThrow(
      new TypeError("unspin: applyEdits(): edits[1].after must be the replacement text as a string (got undefined)"),
    );
    expect(bad("abc", [{ start: 1, end: 2, after: 5 }])).toThrow(/edits\[0\]\.after must be the replacement text as a string \(got 5\)/);
  });

  it("throws a RangeError for an edit outside the text, ending before it starts, or overlapping another", () => {
    expect(() => applyEdits("abc", [edit(-1, 1, "x")])).toThrow(new RangeError("unspin: applyEdits(): edits[0] starts before the text (start -1, end 1)"));
    expect(() => applyEdits("abc", [edit(0, 1, "x"), edit(5, 1, "x")])).toThrow(new RangeError("unspin: applyEdits(): edits[1] ends before it starts (start 5, end 1)"));
    expect(() => applyEdits("abc", [edit(2, 4, "x")])).toThrow(
      new RangeError("unspin: applyEdits(): edits[0] ends past the end of the text (start 2, end 4; the text has 3 characters)"),
    );
    expect(() => applyEdits("abc", [edit(5, 5, "x")])).toThrow(RangeError);
    expect(() => applyEdits("abcdef", [edit(0, 3, "x"), edit(2, 4, "y")])).toThrow(
      new RangeError("unspin: applyEdits(): edits[0] (start 0, end 3) and edits[1] (start 2, end 4) overlap"),
    );
    // Found overlapping after sorting: named by their indices in the caller's array.
    expect(() => applyEdits("abcdef", [edit(4, 5, "z"), edit(2, 4, "y"), edit(0, 3, "x")])).toThrow(
      new RangeError("unspin: applyEdits(): edits[1] (start 2, end 4) and edits[2] (start 0, end 3) overlap"),
    );
    expect(() => applyEdits("abcdef", [edit(1, 3, "x"), edit(1, 3, "y")])).toThrow(/edits\[0\] \(start 1, end 3\) and edits\[1\] \(start 1, end 3\) overlap/);
    // Two insertions at one offset: their order would be ambiguous.
    expect(() => applyEdits("abc", [edit(1, 1, "x"), edit(1, 1, "y")])).toThrow(RangeError);
    // Adjacent edits do not overlap.
    expect(applyEdits("abcdef", [edit(3, 6, "Z"), edit(0, 3, "X")])).toBe("XZ");
  });
});

describe("repeated text", () => {
  it("is no stronger evidence than the text once: a form's sites count once per context", async () => {
    const { restore } = await import("../index.js");
    const { readFileSync } = await import("node:fs");
    const text = readFileSync(new URL("../../fixtures/harbour-bridge.spun.txt", import.meta.url), "utf8");
    const pairs = (t: string) => new Set(restore(t).edits.map((e) => `${e.before} → ${e.after}`));
    const once = pairs(text);
    const tenTimes = pairs(Array.from({ length: 10 }, () => text).join("\n"));
    const extra = [...tenTimes].filter((p) => !once.has(p));
    const lost = [...once].filter((p) => !tenTimes.has(p));
    // Before contexts were counted, 9 restorations appeared only in the repeated text (debate → war, native → best, …).
    // What may differ is the document's length alone: a short text's rate of strong places is shrunk towards the prior
    // ("document rate"), so borderline pairs can pass in the longer text only. Today three: "waited lengthy
    // sufficient" → "long enough" (two spun words that need each other) and info → information.
    expect(extra.length).toBeLessThanOrEqual(3);
    expect(lost).toEqual([]);
  });
});
