#!/usr/bin/env node
// Tortured phrases, measured on abstracts generated from this project's own templates (scripts/lib/abstracts.mjs):
//   1. the bundled list: every entry planted in a ~200-word abstract (one or two entries per abstract, beside the
//      correct term of another entry): share restored, correct terms changed, other words changed.
// Needs only the repository (dist/ built). Called by scripts/eval.mjs; `node scripts/eval-tortured.mjs` alone works.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { makeAbstract } from "./lib/abstracts.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dist = (p) => import(join(root, "dist", p));
const { restoreWith, loadBundledResources } = await dist("index.js");
const { parseTorturedRows } = await dist("dict/tortured.js");
const { bundledFiles } = await dist("resources.js");
const verbose = process.argv.includes("--verbose");
const limit = Number(process.env.TORTURED_LIMIT ?? Infinity);

const rows = parseTorturedRows(readFileSync(bundledFiles.tortured, "utf8"));
const entries = rows.filter((r) => r.key === r.entry).slice(0, limit);
const resources = loadBundledResources();

let planted = 0, restored = 0, correctSlots = 0, correctChanged = 0, otherEdits = 0, abstracts = 0;
const misses = [];
const t0 = performance.now();
for (let i = 0; i < entries.length; i++) {
  const e = entries[i];
  // Every other abstract holds a second entry; the correct term comes from an entry further on.
  const second = i % 2 === 1 ? entries[(i + 7) % entries.length] : undefined;
  const other = entries[(i + entries.length / 2) % entries.length | 0];
  const plantedEntries = second ? [e, second] : [e];
  const { text, spans } = makeAbstract(plantedEntries.map((x) => x.entry), [other.terms[0]], 1000 + i);
  const r = restoreWith(resources, text);
  abstracts++;
  const used = new Set();
  for (const span of spans) {
    const hits = r.edits.filter((ed) => ed.start < span.end && span.start < ed.end);
    hits.forEach((h) => used.add(h));
    if (span.kind === "correct") {
      correctSlots++;
      if (hits.length) {
        correctChanged++;
        if (verbose) console.log(`  correct term changed: ${span.phrase} -> ${hits.map((h) => h.after).join(", ")}`);
      }
      continue;
    }
    const entry = plantedEntries.find((x) => x.entry === span.phrase);
    planted++;
    // Restored: the text of the slot, with the edits inside it applied, reads as one of the entry's terms (an a/an
    // before it may have changed with it). Nothing beyond the slot may change.
    const from = Math.min(span.start, ...hits.map((h) => h.start));
    const to = Math.max(span.end, ...hits.map((h) => h.end));
    let slot = text.slice(from, to);
    for (const h of [...hits].sort((a, b) => b.start - a.start)) slot = slot.slice(0, h.start - from) + h.after + slot.slice(h.end - from);
    const ok = to === span.end && hits.length > 0 && entry.terms.some((t) => slot.toLowerCase().endsWith(t.toLowerCase()) && slot.length - t.length <= span.start - from + 1);
    if (ok) restored++;
    else misses.push(`${span.phrase} -> ${hits.length ? hits.map((h) => `${h.before}→${h.after}`).join(", ") : "(unchanged)"}`);
  }
  for (const ed of r.edits) if (!used.has(ed)) {
    otherEdits++;
    if (verbose) console.log(`  other word changed: ${ed.before} -> ${ed.after} (${ed.entry})`);
  }
}
const secs = (performance.now() - t0) / 1000;
const pct = (a, b) => (b ? ((100 * a) / b).toFixed(1) : "0.0");
console.log(
  `tortured list (${entries.length} entries, ${abstracts} abstracts of ~200 words): restored ${restored}/${planted} (${pct(restored, planted)} %), ` +
    `correct terms changed ${correctChanged}/${correctSlots}, other words changed ${otherEdits} (${secs.toFixed(0)} s)`,
);
if (verbose) for (const m of misses) console.log(`  missed: ${m}`);
else if (misses.length) console.log(`  first misses: ${misses.slice(0, 8).join("; ")}`);
