#!/usr/bin/env node
// Writes fixtures/bench/*.spun.txt from the *.orig.txt beside them: each word or phrase that the project's mined and
// curated dictionaries list as an original is swapped, most of the time, for a spun form they list for it (chosen
// by a fixed pseudo-random sequence, weighted by how often it was seen), as a synonym spinner would. Only the
// project's own dictionaries and texts are read. Run after changing the texts: node scripts/spin-fixtures.mjs
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dir = join(root, "fixtures", "bench");

/** original (lower case) → [{ spun, weight }] */
const forms = new Map();
// Small function words are left alone, and pairs seen once only (some are alignment noise, such as "of" → "in all").
const KEEP = new Set("a an the of to in on at by for with as and or but is are was be it its this that new".split(" "));
const add = (original, spun, weight) => {
  const key = original.toLowerCase();
  if (!key || key === spun.toLowerCase() || KEEP.has(key)) return;
  const list = forms.get(key) ?? [];
  list.push({ spun, weight });
  forms.set(key, list);
};
for (const line of readFileSync(join(root, "dictionaries", "mined", "spinner.tsv"), "utf8").split("\n")) {
  if (!line || line.startsWith("#")) continue;
  const [spun, original, count] = line.split("\t");
  if (Number(count) >= 2) add(original, spun, Number(count));
}
for (const e of JSON.parse(readFileSync(join(root, "dictionaries", "curated", "signature.json"), "utf8")).entries) {
  for (const original of [e.original].flat()) if (typeof original === "string" && typeof e.spun === "string") add(original, e.spun, 2);
}
const longest = Math.max(...[...forms.keys()].map((k) => k.split(" ").length));

let seed = 20261201;
const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
const pick = (list) => {
  let r = rand() * list.reduce((s, x) => s + x.weight, 0);
  for (const x of list) if ((r -= x.weight) < 0) return x.spun;
  return list[list.length - 1].spun;
};
const withCase = (spun, like) => (/^[A-Z]/.test(like) ? spun[0].toUpperCase() + spun.slice(1) : spun);

function spin(text) {
  const parts = text.match(/[A-Za-z']+|[^A-Za-z']+/g) ?? [];
  const out = [];
  for (let i = 0; i < parts.length; ) {
    let done = false;
    // Longest phrase first: words at even offsets from i, single spaces between them.
    for (let n = longest; n >= 1 && !done; n--) {
      const words = [];
      let j = i;
      for (; j < parts.length && words.length < n; j += 2) {
        words.push(parts[j]);
        if (words.length < n && parts[j + 1] !== " ") break;
      }
      if (words.length !== n || !/[A-Za-z]/.test(words[0])) continue;
      const list = forms.get(words.join(" ").toLowerCase());
      if (!list || rand() > 0.75) continue;
      out.push(withCase(pick(list), words[0]));
      i += 2 * n - 1;
      done = true;
    }
    if (!done) out.push(parts[i++]);
  }
  return out.join("");
}

for (const f of readdirSync(dir).filter((f) => f.endsWith(".orig.txt")).sort()) {
  writeFileSync(join(dir, f.replace(/\.orig\.txt$/, ".spun.txt")), spin(readFileSync(join(dir, f), "utf8")));
}
console.log(`spun ${forms.size} originals into ${dir}`);
