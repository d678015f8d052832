#!/usr/bin/env node
/**
 * Builds dictionaries/thesaurus/never-propose.txt: words a general thesaurus must never bring into a text as a
 * restoration (profanity, slurs, sexual and sexual-violence terms). Moby and WordNet relate such words to ordinary
 * ones ("violation" → "rape", "tools" → "dicks", "fails" → "sucks"); a restorer that writes one into an article
 * because the language model liked the context does far more harm than a missed restoration. Only the thesaurus
 * tier is filtered: a user's own dictionary, the mined and curated entries, and a spun form that is itself such a word
 * are left as they are (src/dict/thesaurus-index.ts).
 *
 *   node scripts/build-never-propose.mjs        (needs npm; the list is committed, so only to refresh it)
 *
 * Source: the npm package `naughty-words` 1.2.0, English list (en.json) of Shutterstock's "List of Dirty, Naughty,
 * Obscene, and Otherwise Bad Words" (LDNOOBW), licence CC BY 4.0. Kept: entries of letters, spaces, hyphens and
 * apostrophes, lower-cased, sorted, one per line.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const VERSION = "1.2.0";
const OUT = join(ROOT, "dictionaries", "thesaurus", "never-propose.txt");

const tmp = mkdtempSync(join(tmpdir(), "unspin-never-propose-"));
try {
  try {
    execFileSync("npm", ["pack", `naughty-words@${VERSION}`, "--silent"], { cwd: tmp, stdio: ["ignore", "pipe", "inherit"] });
    execFileSync("tar", ["xzf", `naughty-words-${VERSION}.tgz`], { cwd: tmp });
  } catch (err) {
    console.error(`build-never-propose: cannot fetch naughty-words@${VERSION} with npm pack (${err.message})`);
    process.exit(2);
  }
  const list = JSON.parse(readFileSync(join(tmp, "package", "en.json"), "utf8"));
  const words = [...new Set(list.map((w) => w.trim().toLowerCase()).filter((w) => /^[a-z][a-z '-]*[a-z]$/.test(w)))].sort();
  const header = [
    "# Words the thesaurus tier never proposes as an original (see scripts/build-never-propose.mjs).",
    `# Source: npm naughty-words ${VERSION}, en.json: "List of Dirty, Naughty, Obscene, and Otherwise Bad Words"`,
    "# (Shutterstock, https://github.com/LDNOOBW/List-of-Dirty-Naughty-Obscene-and-Otherwise-Bad-Words). Licence: CC BY 4.0.",
    `# ${words.length} entries, lower case, one per line.`,
  ];
  writeFileSync(OUT, `${header.join("\n")}\n${words.join("\n")}\n`);
  console.log(`build-never-propose: ${words.length} entries -> ${OUT}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
