#!/usr/bin/env node
// Quality figures: runs unspin over ../shared/seed and ../shared/devset (third-party reference texts, read
// here only to measure; never copied into the project) and scores it with ../shared/eval/score.py.
//   npm run eval            word error rate before/after per set, damage on clean text, legit sentences
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const shared = resolve(process.env.UNSPIN_SHARED ?? join(root, "..", "shared"));
if (!existsSync(join(shared, "eval", "score.py"))) {
  console.error(`unspin eval: reference material not found at ${shared} (expected ../shared/eval/score.py beside the repository).`);
  console.error("Set UNSPIN_SHARED=/path/to/shared to point at it. Nothing was measured.");
  process.exit(2);
}
if (!existsSync(join(root, "dist", "index.js"))) {
  console.error("unspin eval: dist/ is missing; run `npm run build` first.");
  process.exit(2);
}
const { restore } = await import(join(root, "dist", "index.js"));
const tmp = mkdtempSync(join(tmpdir(), "unspin-eval-"));
const py = (args) => {
  const r = spawnSync("python3", args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`python3 ${args.join(" ")}: ${r.stderr}`);
  return r.stdout.trim();
};
const score = (gold, text) => {
  const f = join(tmp, "out.txt");
  writeFileSync(f, text);
  const [errors, tokens] = py([join(shared, "eval", "score.py"), gold, f]).split(/\s+/).map(Number);
  return { errors, tokens };
};
const damage = (clean) => {
  const f = join(tmp, "clean-out.txt");
  const text = readFileSync(clean, "utf8");
  writeFileSync(f, restore(text).text);
  const per1000 = Number(py([join(shared, "eval", "score.py"), "--changes", clean, f]));
  const tokens = (text.match(/[A-Za-z0-9\u00C0-\u024F]+(?:'[A-Za-z]+)?|[^\sA-Za-z0-9\u00C0-\u024F]/g) ?? []).length;
  return { changed: (per1000 * tokens) / 1000, tokens };
};

function runSet(name, pairs) {
  let before = 0, after = 0, tokens = 0, changed = 0, cleanTokens = 0;
  const worse = [];
  for (const { id, spun, gold, clean } of pairs) {
    const spunText = readFileSync(spun, "utf8");
    const b = score(gold, spunText);
    const a = score(gold, restore(spunText).text);
    before += b.errors; after += a.errors; tokens += b.tokens;
    if (a.errors > b.errors) worse.push(id);
    const d = damage(clean);
    changed += d.changed; cleanTokens += d.tokens;
    if (process.argv.includes("--verbose")) {
      console.log(`  ${id.padEnd(40)} wer ${(b.errors / b.tokens).toFixed(3)} -> ${(a.errors / b.tokens).toFixed(3)}  clean changed ${d.changed.toFixed(0)}`);
    }
  }
  const cut = before ? 1 - after / before : 0;
  console.log(`${name.padEnd(8)} wer ${(before / tokens).toFixed(4)} -> ${(after / tokens).toFixed(4)}  (errors ${before} -> ${after}, cut ${(cut * 100).toFixed(1)} %)  ` +
    `damage ${((changed * 1000) / cleanTokens).toFixed(2)}/1000 clean tokens  made worse: ${worse.length ? worse.join(", ") : "none"}`);
  return { before, after, tokens, changed, cleanTokens };
}

const seedDir = join(shared, "seed");
const seed = runSet("seed", [{
  id: "putin-beijing", spun: join(seedDir, "putin-beijing.spun.txt"),
  gold: join(seedDir, "putin-beijing.gold.txt"), clean: join(seedDir, "putin-beijing.clean.txt"),
}]);
const devDir = join(shared, "devset");
const { readdirSync } = await import("node:fs");
const devPairs = readdirSync(devDir).filter((f) => f.endsWith(".spun.txt")).sort().map((f) => {
  const stem = f.slice(0, -".spun.txt".length);
  return { id: stem, spun: join(devDir, f), gold: join(devDir, `${stem}.orig.txt`), clean: join(devDir, `${stem}.orig.txt`) };
});
const dev = runSet("devset", devPairs);
const all = [seed, dev].reduce((a, b) => ({ before: a.before + b.before, after: a.after + b.after, tokens: a.tokens + b.tokens, changed: a.changed + b.changed, cleanTokens: a.cleanTokens + b.cleanTokens }));
console.log(`total    wer ${(all.before / all.tokens).toFixed(4)} -> ${(all.after / all.tokens).toFixed(4)}  cut ${((1 - all.after / all.before) * 100).toFixed(1)} %  damage ${((all.changed * 1000) / all.cleanTokens).toFixed(2)}/1000`);

// Legitimate sentences: the left side of {as written|naive proposal} must come out unchanged when given alone.
const legit = readFileSync(join(shared, "eval", "legit-sentences.txt"), "utf8").split("\n").filter((l) => l.trim() && !l.startsWith("#"));
let kept = 0;
const changedLegit = [];
for (const line of legit) {
  const sentence = line.replace(/\{([^|}]*)\|[^}]*\}/g, "$1");
  const out = restore(sentence).text;
  if (out === sentence) kept++;
  else changedLegit.push(`${sentence}\n      -> ${out}`);
}
console.log(`legit    ${kept}/${legit.length} sentences unchanged`);
for (const c of changedLegit) console.log(`    ${c}`);
rmSync(tmp, { recursive: true, force: true });
