#!/usr/bin/env node
/**
 * Spins a text with a `key|synonym|synonym…` table the way the seed's spinner does (../shared/notes/spinners.md),
 * test tooling for issue 6:
 *
 *   node scripts/simulate-spin.mjs TABLE [--seed N] < original.txt > spun.txt
 *   import { loadSpinTable, spin } from "./simulate-spin.mjs"
 *
 * - Lines are tried in file order and the earliest wins; a replaced span is never matched again (no chaining), so
 *   phrase lines (first in the table) shadow word lines. Equivalently: every match of every line, taken by line
 *   order, accepted when it overlaps no accepted span.
 * - One random choice per key and case per document, used at every occurrence; a key that fires never keeps the
 *   original.
 * - Case: two passes with separate picks, first the lower-case forms as written in the table, then their
 *   Capitalised forms (first letter upper). The lower-case pass leaves a word next to a hyphen alone
 *   ("military-security"); the Capitalised pass does not ("Military-technological" → "Navy-technological").
 * - Matching is whole words, case-sensitive; a word is a run of letters and apostrophes, so digits are never spun.
 *   Number words are, when the table has lines for them (`five|5`).
 * - A line with a single field leaves its key in braces: `{dollars}`.
 * - Finally every `'` becomes `’` (WordPress renders the spun article).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Parse a table: [{ key, syns }] in file order; `#` comment lines and blank lines skipped. */
/**
 * The spinner-like table's text (.cache/spinner-table.txt under `root`), built by scripts/spinner-table.mjs first
 * when it is missing; exits 2 when it cannot be built (that script says why).
 */
export function readSpinnerTable(root) {
  const path = join(root, ".cache", "spinner-table.txt");
  if (!existsSync(path)) {
    const r = spawnSync(process.execPath, [join(root, "scripts", "spinner-table.mjs")], { stdio: ["ignore", "ignore", "inherit"] });
    if (r.status !== 0) process.exit(2);
  }
  return readFileSync(path, "utf8");
}

export function loadSpinTable(text) {
  const lines = [];
  for (const raw of text.split(/\r?\n/)) {
    const t = raw.trim();
    if (!t || t.startsWith("#")) continue;
    const f = t.split("|").map((x) => x.trim());
    if (!f[0]) continue;
    lines.push({ key: f[0], syns: [...new Set(f.slice(1).filter((s) => s && s !== f[0]))] });
  }
  // Index: first word of each key → line numbers, for both passes.
  const byFirst = new Map();
  lines.forEach((l, i) => {
    for (const form of [l.key, capitalise(l.key)]) {
      const first = form.split(" ")[0];
      const list = byFirst.get(first) ?? [];
      if (list.at(-1) !== i) list.push(i);
      byFirst.set(first, list);
    }
  });
  return { lines, byFirst };
}

const capitalise = (s) => s.charAt(0).toUpperCase() + s.slice(1);

/** Deterministic PRNG (mulberry32) from a number or a string. */
export function rng(seed) {
  let a = typeof seed === "number" ? seed >>> 0 : [...String(seed)].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, 2166136261);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORD = /[A-Za-z']+/g;
const isWordChar = (c) => c !== undefined && /[A-Za-z0-9'’]/.test(c);

/** Spin `text` with a loaded table; `random` is a function returning [0, 1). Returns the spun text. */
export function spin(text, table, random) {
  const words = [];
  for (const m of text.matchAll(WORD)) {
    // Digits glued to a word ("3rd", "mp3") make it no word the table can match.
    if (isWordChar(text[m.index - 1]) || isWordChar(text[m.index + m[0].length])) continue;
    words.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  const taken = new Uint8Array(text.length);
  const replacements = [];
  const choice = new Map();
  for (const pass of ["lower", "capitalised"]) {
    // Every match of this pass: [line, wordIndex, nWords].
    const matches = [];
    for (let w = 0; w < words.length; w++) {
      for (const li of table.byFirst.get(words[w].text) ?? []) {
        const line = table.lines[li];
        const key = pass === "lower" ? line.key : capitalise(line.key);
        if (pass === "capitalised" && key === line.key) continue; // no letter to capitalise
        const parts = key.split(" ");
        if (w + parts.length > words.length) continue;
        let ok = true;
        for (let k = 0; k < parts.length && ok; k++) {
          if (words[w + k].text !== parts[k]) ok = false;
          // Words of a phrase are separated by exactly one space.
          else if (k > 0 && text.slice(words[w + k - 1].end, words[w + k].start) !== " ") ok = false;
        }
        if (ok) matches.push([li, w, parts.length]);
      }
    }
    matches.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (const [li, w, n] of matches) {
      const start = words[w].start;
      const end = words[w + n - 1].end;
      if (pass === "lower" && (text[start - 1] === "-" || text[end] === "-")) continue;
      let free = true;
      for (let i = start; i < end && free; i++) if (taken[i]) free = false;
      if (!free) continue;
      taken.fill(1, start, end);
      const line = table.lines[li];
      const id = `${pass}:${line.key}`;
      let pick = choice.get(id);
      if (pick === undefined) {
        pick = line.syns.length === 0 ? `{${line.key}}` : line.syns[Math.floor(random() * line.syns.length)];
        if (pass === "capitalised") pick = pick.startsWith("{") ? `{${capitalise(pick.slice(1))}` : capitalise(pick);
        choice.set(id, pick);
      }
      replacements.push({ start, end, text: pick });
    }
  }
  replacements.sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  for (const r of replacements) {
    out += text.slice(at, r.start) + r.text;
    at = r.end;
  }
  out += text.slice(at);
  return out.replace(/'/g, "’");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const tablePath = args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--seed");
  if (!tablePath) {
    console.error("usage: node scripts/simulate-spin.mjs TABLE [--seed N] < original.txt > spun.txt");
    process.exit(2);
  }
  const seed = args.includes("--seed") ? Number(args[args.indexOf("--seed") + 1]) : 1;
  const table = loadSpinTable(readFileSync(tablePath, "utf8"));
  process.stdout.write(spin(readFileSync(0, "utf8"), table, rng(seed)));
}
