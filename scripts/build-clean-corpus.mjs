#!/usr/bin/env node
/**
 * Builds a clean corpus: ordinary English prose, never spun, to measure damage on (issue 6 item 6).
 *
 *   node scripts/build-clean-corpus.mjs [--out DIR]      (default .cache/clean-corpus, gitignored)
 *
 * Sources: Debian packages of documentation and essays (fetched with `apt-get download`, unpacked with `dpkg -x`
 * into .cache/clean-corpus-debs/), and the README files of the npm packages in node_modules. Their licences (GPL,
 * CC-BY-SA, MIT, public domain, …) allow copying for this use; the corpus is built here and never committed
 * (.cache/ is gitignored), and every file's source and licence is listed in MANIFEST.tsv.
 *
 * Prose only: from HTML, the <p> paragraphs outside code blocks, tables, lists, headers, navigation and tables of
 * contents; from Markdown, paragraphs outside fenced or indented code, tables, lists and headers. A paragraph is kept
 * when it has at least 15 words, ends like a sentence and has little inline code (≤ 15 % of its words look like code:
 * paths, options, identifiers). Paragraphs are deduplicated across the corpus.
 *
 * One output file = one article (a chapter or section page, a README, or ~700 words of consecutive Jargon File
 * entries), so evaluation can split the corpus by article. Needs apt-get and dpkg (Debian); says so when missing.
 */
import { execFileSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const OUT = args.includes("--out") ? args[args.indexOf("--out") + 1] : join(ROOT, ".cache", "clean-corpus");
const DEBS = join(ROOT, ".cache", "clean-corpus-debs");

/** Debian packages: which files hold the English prose, and the licence (from the package's copyright file). */
const PACKAGES = [
  { pkg: "debian-handbook", licence: "GPL-2.0+ or CC-BY-SA-3.0", files: [/^usr\/share\/doc\/debian-handbook\/html\/en-US\/[^/]+\.html$/] },
  { pkg: "debian-reference-en", licence: "GPL-2.0+", files: [/^usr\/share\/debian-reference\/[^/]+\.en\.html$/] },
  { pkg: "developers-reference", licence: "GPL-2", files: [/^usr\/share\/developers-reference\/(?!index|developers-reference|genindex|search)[^/]+\.html$/] },
  { pkg: "debian-faq", licence: "GPL-2.0+", files: [/^usr\/share\/doc\/debian\/FAQ\/(?!index)[^/]+\.en\.html$/] },
  { pkg: "debian-history", licence: "GPL-2.0+", files: [/^usr\/share\/doc\/debian-history\/docs\/(?!index)[^/]+\.en\.html$/] },
  { pkg: "maint-guide", licence: "GPL-2.0+ or MIT", files: [/^usr\/share\/doc\/maint-guide\/html\/(?!index)[^/]+\.en\.html$/] },
  { pkg: "harden-doc", licence: "GPL-2.0", files: [/^usr\/share\/doc\/harden-doc\/html\/en-US\/[^/]+\.html$/] },
  { pkg: "debian-policy", licence: "GPL-2.0+", files: [/^usr\/share\/doc\/debian-policy\/policy\.html\/(?!index)[^/]+\.html$/] },
  { pkg: "jargon-text", licence: "public domain (Jargon File 4.4.7; Debian packaging GPL-2)", files: [/^usr\/share\/doc\/jargon-text\/jargon\.txt\.gz$/] },
];

const MIN_WORDS = 15;
const MIN_ARTICLE_WORDS = 120;

function die(msg) {
  console.error(`build-clean-corpus: ${msg}`);
  process.exit(2);
}

function have(cmd) {
  try {
    execFileSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

function walk(dir, base = dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = lstatSync(p);
    if (st.isDirectory()) walk(p, base, out);
    else if (st.isFile()) out.push(p.slice(base.length + 1));
  }
  return out;
}

function fetchPackage(pkg) {
  const dir = join(DEBS, pkg);
  if (existsSync(join(dir, ".done"))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync("apt-get", ["download", pkg], { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
  } catch (err) {
    die(`apt-get download ${pkg} failed (run "apt-get update" first?): ${String(err.stderr ?? err.message).trim().split("\n").pop()}`);
  }
  const deb = readdirSync(dir).find((f) => f.endsWith(".deb"));
  if (!deb) die(`apt-get download ${pkg} produced no .deb`);
  execFileSync("dpkg", ["-x", deb, "x"], { cwd: dir });
  writeFileSync(join(dir, ".done"), deb + "\n");
  return dir;
}

// ---------------------------------------------------------------- prose extraction

const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", mdash: "—", ndash: "–", rsquo: "’", lsquo: "‘", ldquo: "“", rdquo: "”", hellip: "…", copy: "©", reg: "®", trade: "™", eacute: "é", egrave: "è", uuml: "ü", ouml: "ö", auml: "ä", ccedil: "ç" };

function decode(s) {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e) => {
    if (e[0] === "#") return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** Remove every element with one of these tag names, innermost first (so nesting is handled). */
function dropElements(html, tags) {
  const re = new RegExp(`<(${tags})\\b[^>]*>(?:(?!<(?:${tags})\\b)[\\s\\S])*?</\\1\\s*>`, "gi");
  for (let prev = ""; prev !== html; ) {
    prev = html;
    html = html.replace(re, " ");
  }
  return html;
}

const CODE_TAGS = /<(code|tt|kbd|samp|var|span class="(?:command|filename|literal|option|replaceable|userinput|systemitem|package|application|computeroutput)")\b[^>]*>([\s\S]*?)<\/(?:code|tt|kbd|samp|var|span)>/gi;

function htmlParagraphs(html) {
  html = html.replace(/<!--[\s\S]*?-->/g, " ");
  html = dropElements(html, "script|style|pre|table|h[1-6]|ul|ol|dl|nav|header|footer|blockquote|figure|math|svg|button|form|select");
  html = html.replace(/<div class="(?:navheader|navfooter|toc|footer|related|sphinxsidebar)[\s\S]*?<\/div>/gi, " ");
  const out = [];
  for (let inner of [...[...html.matchAll(/<p\b[^>]*>([\s\S]*?)<\/p\s*>/gi)].map((m) => m[1]), ...divParas(html)]) {
    let codeWords = 0;
    inner = inner.replace(CODE_TAGS, (_, _t, c) => {
      const text = decode(c.replace(/<[^>]+>/g, ""));
      codeWords += text.split(/\s+/).filter(Boolean).length;
      return text;
    });
    const text = decode(inner.replace(/<[^>]+>/g, "")).replace(/\s+/g, " ").trim();
    out.push({ text, codeWords });
  }
  return out;
}

/** Publican (the Debian Administrator's Handbook) writes paragraphs as <div class="para">, possibly nested. */
function divParas(html) {
  const out = [];
  const open = /<div class="para"[^>]*>/g;
  for (let m = open.exec(html); m; m = open.exec(html)) {
    const tag = /<(\/?)div\b[^>]*>/g;
    tag.lastIndex = m.index + m[0].length;
    let depth = 1;
    let t;
    while (depth > 0 && (t = tag.exec(html))) depth += t[1] ? -1 : 1;
    if (!t) break;
    // Nested blocks (a list, an example) are not part of the paragraph's running text.
    out.push(html.slice(m.index + m[0].length, t.index).replace(/<div\b[\s\S]*<\/div>/, " "));
    open.lastIndex = t.index;
  }
  return out;
}

/** Jargon File: entries ":word: n." followed by indented paragraphs; {cross references} lose their braces. */
function jargonParagraphs(txt) {
  const start = txt.indexOf("\n   :(TM):");
  const body = start > 0 ? txt.slice(start) : txt;
  const out = [];
  for (const block of body.split(/\n\s*\n/)) {
    const t = block.replace(/\s+/g, " ").trim();
    if (t === "" || /^:[^:]+:/.test(t) || /^\[[^\]]*\]$/.test(t)) {
      out.push(null); // an entry boundary
      continue;
    }
    out.push({ text: t.replace(/^\d+\.\s+/, "").replace(/\{([^{}]+)\}/g, "$1"), codeWords: 0 });
  }
  return out;
}

/** Markdown: paragraphs outside code, tables, lists, headings, HTML blocks. */
function markdownParagraphs(md) {
  md = md.replace(/\r\n/g, "\n").replace(/^(```|~~~)[\s\S]*?^\1[^\n]*$/gm, "\n");
  md = md.replace(/<!--[\s\S]*?-->/g, "\n");
  const out = [];
  for (const block of md.split(/\n\s*\n/)) {
    const lines = block.split("\n").filter((l) => l.trim() !== "");
    if (lines.length === 0) continue;
    if (lines.some((l) => /^(\s{4,}|\t)/.test(l) || /^\s*([-*+]|\d+[.)])\s/.test(l) || /^\s*#/.test(l) || /\|/.test(l) || /^\s*[=-]{3,}\s*$/.test(l) || /^\s*</.test(l))) continue;
    let codeWords = 0;
    let text = lines.join(" ").replace(/^>\s?/, "");
    text = text.replace(/!\[[^\]]*\]\([^)]*\)/g, " ").replace(/\[([^\]]+)\]\([^)]*\)/g, "$1").replace(/\[([^\]]+)\]\[[^\]]*\]/g, "$1");
    text = text.replace(/`([^`]+)`/g, (_, c) => {
      codeWords += c.split(/\s+/).filter(Boolean).length;
      return c;
    });
    text = text.replace(/<[^>]+>/g, " ").replace(/(\*\*|__|\*|_)(\S[^*_]*?\S|\S)\1/g, "$2");
    out.push({ text: decode(text).replace(/\s+/g, " ").trim(), codeWords });
  }
  return out;
}

const words = (t) => t.split(/\s+/).filter(Boolean);
const CODEY = /[/\\_=<>{}$@#|~^]|::|\(\)|^--?[a-z]|\.(?:sh|conf|txt|js|json|py|deb|html|md|cfg|d)$|^[A-Z0-9_]{4,}$/;

function isProse(p, seen) {
  if (!p || !p.text) return false;
  const w = words(p.text);
  if (w.length < MIN_WORDS) return false;
  if (!/[.!?]["'”’)]?$/.test(p.text)) return false;
  const codey = w.filter((x) => CODEY.test(x)).length;
  if ((Math.max(codey, p.codeWords) / w.length) > 0.15) return false;
  if (!/^[“"'‘(A-Z0-9]/.test(p.text)) return false;
  if (/https?:\/\/|www\./.test(p.text)) return false;
  const letters = p.text.replace(/[^A-Za-z]/g, "").length;
  if (letters / p.text.length < 0.7) return false;
  if (seen.has(p.text)) return false;
  seen.add(p.text);
  return true;
}

// ---------------------------------------------------------------- main

if (!have("apt-get") || !have("dpkg")) die("needs apt-get and dpkg (a Debian-based system) to fetch the documentation packages");
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
const manifest = [["file", "source", "licence", "words"]];
const seen = new Set();
let total = 0;

function writeArticle(name, source, licence, paragraphs) {
  const text = paragraphs.join("\n\n") + "\n";
  const n = words(text).length;
  if (n < MIN_ARTICLE_WORDS) return;
  writeFileSync(join(OUT, name), text);
  manifest.push([name, source, licence, String(n)]);
  total += n;
}

for (const { pkg, licence, files } of PACKAGES) {
  const dir = join(fetchPackage(pkg), "x");
  const wanted = walk(dir)
    .filter((f) => files.some((re) => re.test(f)))
    .sort();
  if (wanted.length === 0) die(`${pkg}: no files matched (package layout changed?)`);
  const before = total;
  for (const f of wanted) {
    const raw = f.endsWith(".gz") ? gunzipSync(readFileSync(join(dir, f))).toString("utf8") : readFileSync(join(dir, f), "utf8");
    if (pkg === "jargon-text") {
      // ~700 words of consecutive entries per article.
      let chunk = [];
      let n = 0;
      let k = 0;
      for (const p of jargonParagraphs(raw)) {
        if (p === null) {
          if (n >= 700) {
            writeArticle(`${pkg}--${String(++k).padStart(3, "0")}.txt`, `${pkg}:${f}`, licence, chunk);
            chunk = [];
            n = 0;
          }
          continue;
        }
        if (!isProse(p, seen)) continue;
        chunk.push(p.text);
        n += words(p.text).length;
      }
      if (chunk.length) writeArticle(`${pkg}--${String(++k).padStart(3, "0")}.txt`, `${pkg}:${f}`, licence, chunk);
      continue;
    }
    const paras = htmlParagraphs(raw).filter((p) => isProse(p, seen)).map((p) => p.text);
    writeArticle(`${pkg}--${basename(f).replace(/\.(en\.)?html$/, "")}.txt`, `${pkg}:${f}`, licence, paras);
  }
  console.error(`${pkg}: ${total - before} words`);
}

// READMEs of the npm packages installed for this project (documentation prose, licences from package.json).
{
  const before = total;
  const nm = join(ROOT, "node_modules");
  const dirs = [];
  for (const name of existsSync(nm) ? readdirSync(nm).sort() : []) {
    if (name.startsWith(".")) continue;
    if (name.startsWith("@")) for (const sub of readdirSync(join(nm, name)).sort()) dirs.push(`${name}/${sub}`);
    else dirs.push(name);
  }
  for (const d of dirs) {
    const readme = existsSync(join(nm, d)) ? readdirSync(join(nm, d)).find((f) => /^readme(\.md|\.markdown)?$/i.test(f)) : undefined;
    if (!readme) continue;
    let licence = "see package";
    try {
      const pj = JSON.parse(readFileSync(join(nm, d, "package.json"), "utf8"));
      licence = typeof pj.license === "string" ? pj.license : (pj.license?.type ?? licence);
    } catch {
      continue;
    }
    if (!/MIT|ISC|BSD|Apache|0BSD|Unlicense|CC0|BlueOak/i.test(licence)) continue;
    const paras = markdownParagraphs(readFileSync(join(nm, d, readme), "utf8"))
      .filter((p) => isProse(p, seen))
      .map((p) => p.text);
    writeArticle(`npm--${d.replace("/", "__")}.txt`, `npm:${d}/${readme}`, licence, paras);
  }
  console.error(`npm READMEs: ${total - before} words`);
}

writeFileSync(join(OUT, "MANIFEST.tsv"), manifest.map((r) => r.join("\t")).join("\n") + "\n");
console.error(`wrote ${manifest.length - 1} articles, ${total} words, to ${OUT}`);
if (total < 200000) console.error("build-clean-corpus: warning: fewer than 200,000 words");
