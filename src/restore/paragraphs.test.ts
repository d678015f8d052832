import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadBundledResources } from "../resources.js";
import { tokenTable } from "../text/tokenize.js";
import { paragraphIndex } from "./paragraphs.js";
import { restoreWith } from "./restore.js";
import { restoreWindowsWith } from "./windows.js";

describe("paragraphIndex", () => {
  const paragraphs = (text: string) => {
    const tok = tokenTable(text);
    const { of, count } = paragraphIndex(tok);
    const out: string[][] = Array.from({ length: count }, () => []);
    for (let t = 0; t < tok.n; t++) out[of[t]!]!.push(text.slice(tok.start[t]!, tok.end[t]!));
    return out.map((words) => words.join(" "));
  };

  it("ends a paragraph at a blank line and at a line per paragraph", () => {
    expect(paragraphs("One two.\nThree four.\n\nFive six.\r\n\r\nSeven")).toEqual(["One two", "Three four", "Five six", "Seven"]);
  });

  it("runs on across the soft line breaks of a hard-wrapped sentence", () => {
    expect(paragraphs("a fifth time\nperiod in office.\nThe next one\nstarts here.")).toEqual(["a fifth time period in office", "The next one starts here"]);
  });

  it("counts no paragraph in a text without words", () => {
    expect(paragraphIndex(tokenTable("  \n\n ")).count).toBe(0);
  });
});

describe("a paragraph that reads as clean inside a spun document", () => {
  const resources = loadBundledResources();
  const fixture = (name: string) => readFileSync(new URL(`../../fixtures/bench/${name}.txt`, import.meta.url), "utf8").trim();
  // Texts written for the project: a spun council report, then a press release as its author wrote it, on one line.
  const spun = fixture("council-budget.spun");
  const clean = fixture("phone-release.orig").split("\n").join(" ");
  const text = `${spun}\n\n${clean}\n`;
  const inClean = (edits: readonly { start: number }[]) => edits.filter((e) => e.start > spun.length);

  it("is left as written while the spun paragraph is restored", () => {
    const r = restoreWith(resources, text);
    expect(r.gate.spun).toBe(true);
    expect(r.edits.filter((e) => e.start < spun.length).length).toBeGreaterThan(10);
    expect(inClean(r.edits)).toEqual([]);
  });

  it("is restored like the rest when the caller declares the text spun (the veto reads evidence the caller overrules)", () => {
    expect(inClean(restoreWith(resources, text, { assumeSpun: true }).edits).length).toBeGreaterThan(0);
  });

  it("is judged alike when the text is read in windows", () => {
    const long = Array.from({ length: 6 }, () => text).join("\n");
    const whole = restoreWith(resources, long);
    const pieces = [...restoreWindowsWith(resources, long, {}, undefined, { windowChars: 2000, windowedAbove: 0 })];
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces.map((w) => w.text).join("")).toBe(whole.text);
  });
});
