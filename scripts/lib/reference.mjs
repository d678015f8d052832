// The reference material in ../shared (third-party texts, read only to measure and to train the scorers; never
// copied into the project): the seed article and the devset pairs, grouped by article, and resources with the
// pairs mined from a given article held out.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const shared = resolve(process.env.UNSPIN_SHARED ?? join(root, "..", "shared"));

export function requireShared(tool) {
  if (!existsSync(join(shared, "eval", "score.py"))) {
    console.error(`${tool}: reference material not found at ${shared} (expected ../shared/eval/score.py beside the repository).`);
    console.error("Set UNSPIN_SHARED=/path/to/shared to point at it. Nothing was done.");
    process.exit(2);
  }
  if (!existsSync(join(root, "dist", "index.js"))) {
    console.error(`${tool}: dist/ is missing; run \`npm run build\` first.`);
    process.exit(2);
  }
}

export const dist = (p) => import(join(root, "dist", p));

/** Seed and devset pairs: { name, ids, spun, gold, clean } (paths) plus texts { spunText, cleanText }. */
export function referencePairs() {
  const seedDir = join(shared, "seed");
  const seed = [
    {
      name: "putin-beijing",
      ids: ["seed"],
      spun: join(seedDir, "putin-beijing.spun.txt"),
      gold: join(seedDir, "putin-beijing.gold.txt"),
      clean: join(seedDir, "putin-beijing.clean.txt"),
    },
  ];
  const devDir = join(shared, "devset");
  const dev = readdirSync(devDir)
    .filter((f) => f.endsWith(".spun.txt"))
    .sort()
    .map((f) => {
      const stem = f.slice(0, -".spun.txt".length);
      const orig = join(devDir, `${stem}.orig.txt`);
      return { name: stem, id: `devset:${stem.split("-")[0]}`, spun: join(devDir, f), gold: orig, clean: orig };
    });
  // Spins of the same original are held out together: they share their mined pairs. Two originals are the same
  // article when a fifth of the 8-word sequences of the shorter are in the other.
  const grams = (text) => {
    const w = text.toLowerCase().split(/\s+/).filter(Boolean);
    const out = new Set();
    for (let i = 0; i + 8 <= w.length; i++) out.add(w.slice(i, i + 8).join(" "));
    return out;
  };
  for (const p of dev) p.grams = grams(readFileSync(p.clean, "utf8"));
  const sameArticle = (a, b) => {
    const [small, big] = a.grams.size <= b.grams.size ? [a.grams, b.grams] : [b.grams, a.grams];
    let n = 0;
    for (const g of small) if (big.has(g)) n++;
    return small.size > 0 && n >= 0.2 * small.size;
  };
  for (const p of dev) p.ids = dev.filter((q) => sameArticle(p, q)).map((q) => q.id);
  for (const p of [...seed, ...dev]) {
    p.spunText = readFileSync(p.spun, "utf8");
    p.cleanText = readFileSync(p.clean, "utf8");
    p.article = [...p.ids].sort().join("+");
    delete p.grams;
  }
  return { seed, dev };
}

/** A function giving resources without what was mined only from the given documents (ids as in spinner.tsv). */
export async function heldOutResources() {
  const { loadBundledResources } = await dist("index.js");
  const { combineDictionaries } = await dist("dict/combine.js");
  const { parseMinedTsv, minedDictionary } = await dist("dict/mined.js");
  const { bundledFiles } = await dist("resources.js");
  const shipped = loadBundledResources();
  const curated = (await dist("resources.js")).loadCuratedDictionary();
  const thesaurus = (await dist("resources.js")).loadBundledThesaurus();
  const minedRows = parseMinedTsv(readFileSync(bundledFiles.mined, "utf8"));
  const cache = new Map();
  /** The mined dictionary without what was seen only in the given documents, counts reduced accordingly. */
  const minedWithout = (docIds) =>
    minedDictionary(
      minedRows
        .filter((row) => row.docs.some((d) => !docIds.includes(d)))
        .map((row) => {
          const left = row.docs.filter((d) => !docIds.includes(d));
          return { ...row, docs: left, count: Math.max(1, Math.round((row.count * left.length) / row.docs.length)) };
        }),
    );
  return {
    shipped,
    curated,
    thesaurus,
    minedWithout,
    heldOut(docIds) {
      const key = [...docIds].sort().join(",");
      let r = cache.get(key);
      if (!r) {
        const mined = minedWithout(docIds);
        r = {
          lm: shipped.lm,
          dictionary: combineDictionaries([curated, mined, thesaurus]),
          gateDictionary: combineDictionaries([curated, mined]),
        };
        cache.set(key, r);
      }
      return r;
    },
  };
}
