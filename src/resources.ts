/**
 * The one place the library touches the file system: it reads the bundled model and dictionaries that
 * ship in the package. Everything it hands on (bytes, strings) is parsed by pure modules.
 */
import { isAscii } from "node:buffer";
import { closeSync, existsSync, openSync, readFileSync, readSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { combineDictionaries } from "./dict/combine.js";
import { buildCuratedDictionary } from "./dict/curated.js";
import { buildMinedDictionary } from "./dict/mined.js";
import { ThesaurusIndex } from "./dict/thesaurus-index.js";
import type { PhraseDictionary } from "./dict/types.js";
import { Scorer } from "./lm/scorer.js";
import { TrieModel } from "./lm/trie-model.js";
import { LmView } from "./restore/lm-view.js";
import type { Resources } from "./restore/restore.js";

/** The package root (where dictionaries/ lives), from dist/ or src/. */
export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
export const dictionariesDir = join(packageRoot, "dictionaries");

export const bundledFiles = {
  model: join(dictionariesDir, "lm", "en-us.lm.bin"),
  curated: join(dictionariesDir, "curated", "signature.json"),
  closedClass: join(dictionariesDir, "curated", "closed-class.json"),
  mined: join(dictionariesDir, "mined", "spinner.tsv"),
  thesaurus: join(dictionariesDir, "thesaurus", "reverse.bin"),
} as const;

function read(path: string, what: string): string {
  if (!existsSync(path)) throw new Error(`unspin: the bundled ${what} is missing (${path}); the installation is incomplete.`);
  const bytes = readFileSync(path);
  // The big data files are plain ASCII: decoding them as Latin-1 gives the same string three times faster.
  return bytes.toString(isAscii(bytes) ? "latin1" : "utf8");
}

let model: LmView | undefined;
let dictionaries: { all: PhraseDictionary; gate: PhraseDictionary } | undefined;

export function loadBundledModel(): LmView {
  if (!model) {
    if (!existsSync(bundledFiles.model)) {
      throw new Error(`unspin: the language model is missing (${bundledFiles.model}); run scripts/fetch-model.sh.`);
    }
    model = new LmView(new Scorer(TrieModel.fromBuffer(readFileSync(bundledFiles.model))));
  }
  return model;
}

let thesaurus: ThesaurusIndex | undefined;

/** The general-thesaurus reverse index (views over the file's bytes; lookups parse only what they need). */
export function loadBundledThesaurus(): ThesaurusIndex {
  if (!thesaurus) {
    const path = bundledFiles.thesaurus;
    if (!existsSync(path)) throw new Error(`unspin: the bundled thesaurus is missing (${path}); the installation is incomplete.`);
    thesaurus = new ThesaurusIndex(readFileSync(path));
  }
  return thesaurus;
}

/** The thesaurus, read on its first lookup: clean documents never need it (the gate closes without it). */
function lazyThesaurus(): PhraseDictionary {
  return {
    maxPhraseWords: 4,
    lookup: (key) => loadBundledThesaurus().lookup(key),
    mayStartPhrase: (word) => loadBundledThesaurus().mayStartPhrase(word),
  };
}

/** The curated tiers: the spinner family's signature phrasings and the closed-class swaps. */
export function loadCuratedDictionary(): PhraseDictionary {
  return combineDictionaries([
    buildCuratedDictionary(read(bundledFiles.curated, "curated dictionary")),
    buildCuratedDictionary(read(bundledFiles.closedClass, "closed-class dictionary")),
  ]);
}

function loadDictionaries(): { all: PhraseDictionary; gate: PhraseDictionary } {
  if (!dictionaries) {
    const curated = loadCuratedDictionary();
    const mined = buildMinedDictionary(read(bundledFiles.mined, "mined dictionary"));
    dictionaries = {
      all: combineDictionaries([curated, mined, lazyThesaurus()]),
      gate: combineDictionaries([curated, mined]),
    };
  }
  return dictionaries;
}

export function loadBundledDictionary(): PhraseDictionary {
  return loadDictionaries().all;
}

export function loadBundledResources(): Resources {
  const { all, gate } = loadDictionaries();
  return { lm: loadBundledModel(), dictionary: all, gateDictionary: gate };
}
