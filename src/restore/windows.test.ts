import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadBundledResources } from "../resources.js";
import { benchText } from "../test-helpers/bench-text.js";
import { positionIn } from "../text/position.js";
import type { Edit } from "../types.js";
import { applyEdits, restoreWith } from "./restore.js";
import {
  changesIn,
  countWindowFormsPart,
  countWindowPart,
  cutNear,
  joinWindows,
  mergeFormSites,
  planFromCounts,
  planWindowsWith,
  portablePlan,
  restoreSourceWindowsWith,
  restoreWindowPart,
  restoreWindowsWith,
  SourceLines,
  SEARCH_CHARS,
  windowCuts,
  WINDOWED_ABOVE,
  WindowJoiner,
  windowSpans,
  type RestoredWindow,
  type TextSource,
  type WindowSettings,
} from "./windows.js";
import type { RestoreOptions } from "../types.js";

const resources = loadBundledResources();
/** A long text from the project's own bench fixtures, drawn with a fixed seed. */
const longText = (suffix: ".spun.txt" | ".orig.txt", chars: number) => benchText(suffix, chars, 4242);

/** Pieces cover the text in order, and every edit is where it says, inside its piece. */
function expectConsistent(text: string, pieces: RestoredWindow[]) {
  let at = 0;
  let lastEnd = 0;
  const position = positionIn(text);
  for (const p of pieces) {
    expect(p.from).toBe(at);
    expect(p.to).toBeGreaterThan(p.from);
    const inPiece: Edit[] = [];
    for (const e of p.edits) {
      expect(e.start).toBeGreaterThanOrEqual(Math.max(p.from, lastEnd));
      expect(e.end).toBeLessThanOrEqual(p.to);
      expect(text.slice(e.start, e.end)).toBe(e.before);
      expect({ line: e.line, column: e.column }).toEqual(position(e.start));
      inPiece.push({ ...e, start: e.start - p.from, end: e.end - p.from });
      lastEnd = e.end;
    }
    expect(p.text).toBe(applyEdits(text.slice(p.from, p.to), inPiece));
    at = p.to;
  }
  expect(at).toBe(text.length);
}

const key = (e: Edit) => `${e.start}:${e.end}:${e.after}`;

describe("window cuts", () => {
  it("fall at line starts when there are lines, and cover the text in order", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ maxLength: 300 }), fc.constantFrom("\n", "\n\n", ". ", " ", "")), { maxLength: 80 }), fc.integer({ min: 64, max: 2000 }), (parts, size) => {
        const text = parts.map(([s, sep]) => s + sep).join("");
        const cuts = windowCuts(text, size);
        expect(cuts[0]).toBe(0);
        expect(cuts[cuts.length - 1]).toBe(text.length);
        if (text.length === 0) expect(cuts).toEqual([0, 0]);
        else for (let k = 1; k < cuts.length; k++) expect(cuts[k]!).toBeGreaterThan(cuts[k - 1]!);
        for (let k = 1; k + 1 < cuts.length; k++) {
          const c = cuts[k]!;
          expect(c).toBeGreaterThanOrEqual(cuts[k - 1]! + size);
          // The first line start after the target, whenever a line break lies within reach.
          const target = cuts[k - 1]! + size;
          const br = text.indexOf("\n", target - 1);
          if (br >= 0 && br + 1 <= target + 16 * 1024) expect(c).toBe(br + 1);
          const code = text.charCodeAt(c);
          expect(code >= 0xdc00 && code <= 0xdfff).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("prefer a line start, then a sentence end, then a space", () => {
    expect(cutNear("aaa bbb\nccc ddd", 2, 1)).toBe(8);
    expect(cutNear("aaa bbb. ccc ddd", 2, 1)).toBe(9);
    expect(cutNear("aaa bbb ccc ddd", 2, 1)).toBe(4);
    expect(cutNear("aaa bbb\nccc ddd", 13, -1)).toBe(8);
    expect(cutNear("aaaaaaa,bbb", 3, 1)).toBe(8);
    expect(cutNear("aaaaaaa", 3, 1)).toBe(3);
  });

  it("take a line start only within SEARCH_CHARS, either way", () => {
    const pos = 20_000;
    const at = (k: number) => "a ".repeat(30_000).slice(0, k) + "\n" + "a ".repeat(30_000).slice(k + 1);
    // Forward: a break at pos + SEARCH_CHARS - 1 is the last one taken (the cut after it is at the limit).
    expect(cutNear(at(pos + SEARCH_CHARS - 1), pos, 1)).toBe(pos + SEARCH_CHARS);
    expect(cutNear(at(pos + SEARCH_CHARS), pos, 1)).toBe(pos);
    // Back: a break at pos - SEARCH_CHARS - 1 is the first one taken.
    expect(cutNear(at(pos - SEARCH_CHARS - 1), pos, -1)).toBe(pos - SEARCH_CHARS);
    expect(cutNear(at(pos - SEARCH_CHARS - 2), pos, -1)).toBe(pos);
  });
});

describe("restoreWindowsWith", () => {
  it("places the flags of scientific text at their line and column, window after window", () => {
    const science =
      "We propose a method for the detection of tumours. The proposed model is a profound conviction organization trained on " +
      "two datasets, and the results show a significant improvement in accuracy over the baseline methods.";
    // Paragraphs on lines of their own, and some run together on one long line.
    const text = Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? `${science} ${science}` : science)).join("\n");
    const pieces = [...restoreWindowsWith(resources, text, {}, undefined, { windowChars: 2 * 1024, windowedAbove: 0 })];
    expect(pieces.length).toBeGreaterThan(4);
    const position = positionIn(text);
    const flags = pieces.flatMap((p) => p.flags);
    expect(flags.length).toBeGreaterThan(20);
    for (const f of flags) {
      expect(text.slice(f.start, f.end)).toBe(f.phrase);
      expect({ line: f.line, column: f.column }).toEqual(position(f.start));
    }
  });

  it("gives a text that fits in one window as one piece, the same as restoreWith", () => {
    const text = longText(".spun.txt", 8_000);
    expect(text.length).toBeLessThan(WINDOWED_ABOVE);
    const pieces = [...restoreWindowsWith(resources, text)];
    expect(pieces).toHaveLength(1);
    const whole = restoreWith(resources, text);
    expect(pieces[0]).toEqual({ from: 0, to: text.length, text: whole.text, edits: whole.edits, flags: whole.flags, gate: whole.gate });
    expect(joinWindows(pieces)).toEqual(whole);
  });

  const spun = longText(".spun.txt", 60_000);
  const settings = { windowChars: 12 * 1024, windowedAbove: 0 };

  it("restores a long spun text in pieces that cover it, with the whole document's gate, and mostly the same edits", () => {
    const pieces = [...restoreWindowsWith(resources, spun, {}, undefined, settings)];
    expect(pieces.length).toBeGreaterThan(4);
    expectConsistent(spun, pieces);
    const whole = restoreWith(resources, spun);
    const joined = joinWindows(pieces);
    // The gate reads document-level counts gathered in the first pass: exactly the one-pass gate.
    expect(joined.gate).toEqual(whole.gate);
    expect(whole.gate.spun).toBe(true);
    // Pooling means stay per window (its sites' counts are the document's): nearly every edit is the one-pass edit.
    const one = new Set(whole.edits.map(key));
    const same = joined.edits.filter((e) => one.has(key(e))).length;
    expect(whole.edits.length).toBeGreaterThan(500);
    expect(same / whole.edits.length).toBeGreaterThan(0.97);
    expect(same / joined.edits.length).toBeGreaterThan(0.97);
  });

  it("changes exactly what one pass changes in clean text (the closed gate leaves only local, near-certain changes)", () => {
    const clean = longText(".orig.txt", 90_000) + "Their {big|large} plan.\nRun it with {start|stop} today.\n";
    const pieces = [...restoreWindowsWith(resources, clean, {}, undefined, settings)];
    expectConsistent(clean, pieces);
    const whole = restoreWith(resources, clean);
    expect(whole.gate.spun).toBe(false);
    const joined = joinWindows(pieces);
    expect(joined.gate).toEqual(whole.gate);
    expect(joined.edits).toEqual(whole.edits);
    expect(joined.text).toBe(whole.text);
    expect(whole.edits.length).toBeGreaterThan(0);
    // A spinner's template is resolved, notation of unrelated words is not (see spintax.ts), in windows as in one pass.
    expect(joined.text).toContain("Their big plan.");
    expect(joined.text).toContain("Run it with {start|stop} today.");
  });

  it("consults the full dictionary (a general thesaurus) only when the document's gate is open", () => {
    // Counts lookups of the full dictionary: a long clean text must cost what a short one does (the gate's
    // dictionary only), as in restoreWith.
    let lookups = 0;
    const counting = {
      ...resources,
      dictionary: Object.assign(Object.create(Object.getPrototypeOf(resources.dictionary)), resources.dictionary, {
        lookup: (key: string) => {
          lookups++;
          return resources.dictionary.lookup(key);
        },
      }),
    };
    const clean = longText(".orig.txt", 90_000);
    const pieces = [...restoreWindowsWith(counting, clean, {}, undefined, settings)];
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces[0]!.gate.spun).toBe(false);
    expect(lookups).toBe(0);
    const spunPieces = [...restoreWindowsWith(counting, spun.slice(0, 90_000), {}, undefined, settings)];
    expect(spunPieces[0]!.gate.spun).toBe(true);
    expect(lookups).toBeGreaterThan(0);
  });

  it("keeps skipped spans and never-touch words untouched across windows", () => {
    const text = spun.slice(0, 40_000);
    const skip = [{ start: 10_000, end: 25_000 }];
    const pieces = [...restoreWindowsWith(resources, text, { skip, neverTouch: ["mentioned"] }, undefined, { windowChars: 8 * 1024, windowedAbove: 0 })];
    expect(pieces.length).toBeGreaterThan(3);
    expectConsistent(text, pieces);
    for (const p of pieces) {
      for (const e of p.edits) {
        expect(e.end <= skip[0]!.start || e.start >= skip[0]!.end).toBe(true);
        expect(e.before.toLowerCase()).not.toBe("mentioned");
      }
    }
  });
});

/**
 * A text's windows counted (pass 1) and restored (pass 2) one by one from the context slices a worker thread gets,
 * in reverse order (so no window leans on what an earlier one left in this thread's caches), and joined in order.
 * Also checks that the plan so made is the one restoreWindowsWith makes.
 */
function restoredByParts(text: string, options: RestoreOptions, settings: WindowSettings): RestoredWindow[] {
  const windows = windowSpans(text, settings)!;
  const slice = (k: number) => text.slice(windows[k]!.ctxFrom, windows[k]!.ctxTo);
  const backwards = windows.map((_, k) => windows.length - 1 - k);
  const counts = backwards.map((k) => structuredClone(countWindowPart(resources, slice(k), windows[k]!, k, options)));
  let plan = planFromCounts(windows, counts, null, options);
  if (plan.gate.spun) plan = planFromCounts(windows, counts, mergeFormSites(backwards.map((k) => countWindowFormsPart(resources, slice(k), windows[k]!, options))), options);
  const whole = portablePlan(planWindowsWith(resources, text, options, undefined, settings)!);
  const { id: _a, presentKeys: keysByParts, ...byParts } = plan;
  const { id: _b, presentKeys: keysWhole, ...wholePlan } = whole;
  expect(byParts).toEqual(wholePlan);
  expect(new Set(keysByParts)).toEqual(new Set(keysWhole));
  // As sent to a worker: plain data, cloned.
  const portable = structuredClone(plan);
  const parts = backwards.map((k) => restoreWindowPart(resources, slice(k), portable, k, options)).reverse();
  const joiner = new WindowJoiner(text, plan);
  const pieces: RestoredWindow[] = [];
  parts.forEach((part, k) => {
    const piece = joiner.add(k, part);
    if (piece) pieces.push(piece);
  });
  return pieces;
}

describe("windows restored on their own (restoreWindowPart) and joined (WindowJoiner)", () => {
  const spun = longText(".spun.txt", 50_000);

  it("give exactly the pieces of restoreWindowsWith on spun text, with skipped spans and never-touch words", () => {
    const settings = { windowChars: 8 * 1024, windowedAbove: 0 };
    const options = { skip: [{ start: 10_000, end: 25_000 }], neverTouch: ["mentioned"] };
    const pieces = restoredByParts(spun, options, settings);
    expect(pieces.length).toBeGreaterThan(4);
    expect(pieces.flatMap((p) => p.edits).length).toBeGreaterThan(50);
    expectConsistent(spun, pieces);
    expect(pieces).toEqual([...restoreWindowsWith(resources, spun, options, undefined, settings)]);
  });

  it("give the same pieces on clean text, where a shut gate leaves most windows alone", () => {
    const clean = longText(".orig.txt", 60_000);
    const settings = { windowChars: 4 * 1024, windowedAbove: 0 };
    expect(restoredByParts(clean, {}, settings)).toEqual([...restoreWindowsWith(resources, clean, {}, undefined, settings)]);
  });

  it("give the same flags of scientific text, at the same lines and columns", () => {
    const science =
      "We propose a method for the detection of tumours. The proposed model is a profound conviction organization trained on " +
      "two datasets, and the results show a significant improvement in accuracy over the baseline methods.";
    const text = Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? `${science} ${science}` : science)).join("\n");
    const settings = { windowChars: 2 * 1024, windowedAbove: 0 };
    const pieces = restoredByParts(text, {}, settings);
    expect(pieces.flatMap((p) => p.flags).length).toBeGreaterThan(20);
    expect(pieces).toEqual([...restoreWindowsWith(resources, text, {}, undefined, settings)]);
  });

  it("has no plan and no windows for a text short enough for one pass", () => {
    expect(planWindowsWith(resources, "Short text.", {}, undefined, {})).toBeNull();
    expect(windowSpans("Short text.")).toBeNull();
  });
});

describe("a long text restored from its slices (restoreSourceWindowsWith)", () => {
  /** A source over a string that records the longest slice asked for. */
  const sourceOf = (text: string) => {
    const source = { length: text.length, longest: 0, slice: (from: number, to: number) => text.slice(from, to) };
    source.slice = (from, to) => {
      source.longest = Math.max(source.longest, to - from);
      return text.slice(from, to);
    };
    return source;
  };
  // Line breaks of every kind, so that lines and columns are counted across slices as over the whole text.
  const mixedBreaks = (text: string) => text.replace(/\n/g, (_, at: number) => ["\n", "\r\n", "\r", "\n\n"][at % 4]!);

  it("gives the pieces restoreWindowsWith gives for the whole text, reading a window's slice at a time", () => {
    const spun = mixedBreaks(longText(".spun.txt", 60_000));
    const settings = { windowChars: 8 * 1024, windowedAbove: 0 };
    const options = { skip: [{ start: 10_000, end: 25_000 }], neverTouch: ["mentioned"] };
    const source = sourceOf(spun);
    const pieces = [...restoreSourceWindowsWith(resources, source, options, undefined, settings)];
    expect(pieces.flatMap((p) => p.edits).length).toBeGreaterThan(50);
    expectConsistent(spun, pieces);
    expect(pieces).toEqual([...restoreWindowsWith(resources, spun, options, undefined, settings)]);
    // A window's context at most (its core, a quarter more at the end, and the margins found within SEARCH_CHARS).
    expect(source.longest).toBeLessThan(8 * 1024 * 1.25 + 2 * (2048 + SEARCH_CHARS) + 64);
  });

  it("gives the same pieces on clean text and the same flags of scientific text", () => {
    const clean = longText(".orig.txt", 60_000);
    const settings = { windowChars: 4 * 1024, windowedAbove: 0 };
    expect([...restoreSourceWindowsWith(resources, sourceOf(clean), {}, undefined, settings)]).toEqual([...restoreWindowsWith(resources, clean, {}, undefined, settings)]);
    const science =
      "We propose a method for the detection of tumours. The proposed model is a profound conviction organization trained on " +
      "two datasets, and the results show a significant improvement in accuracy over the baseline methods.";
    const text = mixedBreaks(Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? `${science} ${science}` : science)).join("\n"));
    const pieces = [...restoreSourceWindowsWith(resources, sourceOf(text), {}, undefined, { windowChars: 2 * 1024, windowedAbove: 0 })];
    expect(pieces.flatMap((p) => p.flags).length).toBeGreaterThan(20);
    expect(pieces).toEqual([...restoreWindowsWith(resources, text, {}, undefined, { windowChars: 2 * 1024, windowedAbove: 0 })]);
  });

  it("restores a source short enough for one pass in one piece, as restoreWindowsWith does", () => {
    const text = "The chief mentioned the plan.\r\nHe stated it was a good 12 months.";
    expect([...restoreSourceWindowsWith(resources, sourceOf(text))]).toEqual([...restoreWindowsWith(resources, text)]);
  });
});

describe("a piece's edits, settled when read", () => {
  const spun = longText(".spun.txt", 40_000);
  const settings = { windowChars: 8 * 1024, windowedAbove: 0 };
  const EDIT_KEYS = ["start", "end", "line", "column", "before", "after", "confidence", "entry", "evidence"];

  it("are counted without being settled, and read as plain edits with their entry and evidence", () => {
    const pieces = [...restoreWindowsWith(resources, spun, {}, undefined, settings)];
    const counts = pieces.map(changesIn);
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(50);
    // Counting leaves the edits to be made: the property is still the accessor that settles them on first read.
    for (const p of pieces) expect(typeof Object.getOwnPropertyDescriptor(p, "edits")!.get).toBe("function");
    pieces.forEach((p, k) => expect(p.edits.length).toBe(counts[k]));
    for (const e of pieces.flatMap((p) => p.edits)) {
      expect(Object.keys(e)).toEqual(EDIT_KEYS);
      expect(e.entry).toMatch(/^[a-z-]+:.+→/);
      expect(e.evidence).toMatch(/^(p \d\.\d\d: language model [+-]\d+\.\d\d here|spintax artefact)/);
    }
    // Read twice, the same objects; in JSON and spreads as an ordinary property.
    expect(pieces[0]!.edits).toBe(pieces[0]!.edits);
    const withEdits = pieces.find((p) => p.edits.length > 0)!;
    expect(JSON.parse(JSON.stringify(withEdits)).edits).toEqual(withEdits.edits);
    expect({ ...withEdits }.edits).toEqual(withEdits.edits);
    // Assignable, as a plain object's property is.
    withEdits.edits = [];
    expect(withEdits.edits).toEqual([]);
    expect(changesIn(withEdits)).toBe(0);
  });

  it("are the edits a whole text's restore reports for the same changes (entry and evidence alike)", () => {
    // A window that holds the whole text (one window, read by the windowed path) against the one-pass restore.
    const text = longText(".spun.txt", 6_000);
    const [piece] = [...restoreWindowsWith(resources, text, {}, undefined, { windowChars: 64 * 1024, windowedAbove: 0 })];
    expect(piece!.edits.length).toBeGreaterThan(5);
    expect(JSON.stringify(piece!.edits)).toBe(JSON.stringify(restoreWith(resources, text).edits));
  });

  it("are plain data in a window restored on its own (restoreWindowPart), as another thread is sent it", () => {
    const windows = windowSpans(spun, settings)!;
    const plan = portablePlan(planWindowsWith(resources, spun, {}, undefined, settings)!);
    const parts = windows.map((w, k) => restoreWindowPart(resources, spun.slice(w.ctxFrom, w.ctxTo), plan, k));
    const edits = parts.flatMap((p) => p?.edits ?? []);
    expect(edits.length).toBeGreaterThan(50);
    for (const e of edits) expect(Object.keys(e)).toEqual(EDIT_KEYS);
    expect(structuredClone(parts)).toEqual(parts);
  });
});

describe("SourceLines", () => {
  it("counts lines and columns as positionIn does, over slices, whatever the breaks", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("a", "b ", "\n", "\r", "\r\n", "é"), { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 10 }), (parts, picks) => {
        const text = parts.join("");
        const source: TextSource = { length: text.length, slice: (a, b) => text.slice(a, b) };
        const lines = new SourceLines(source);
        const position = positionIn(text);
        const offsets = picks.map((p) => p % (text.length + 1)).sort((a, b) => a - b);
        for (const at of offsets) {
          const { line, lineStart } = lines.at(at);
          expect({ line, column: at - lineStart + 1 }).toEqual(position(at));
        }
      }),
      { numRuns: 500 },
    );
  });
});
