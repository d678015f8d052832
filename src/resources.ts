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
import { parseThesaurus } from "./dict/thesaurus.js";
import { parseTorturedRows, sortedTorturedDictionary, torturedMaxPhraseWords } from "./dict/tortured.js";
import type { Flagger } from "./flag/apply.js";
import { buildFlagModel, type FlagWeights } from "./flag/unlisted.js";
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
  mined: join(dictionariesDir, "mined", "spinner.tsv"),
  thesaurus: join(dictionariesDir, "thesaurus", "reverse.tsv"),
  tortured: join(dictionariesDir, "tortured", "tortured.tsv"),
  flagger: join(dictionariesDir, "tortured", "flagger.json"),
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

/** The thesaurus's longest key, from its header, without reading the 8 MB file. */
function thesaurusMaxPhraseWords(path: string): number | undefined {
  const head = Buffer.alloc(4096);
  const fd = openSync(path, "r");
  try {
    const n = readSync(fd, head, 0, head.length, 0);
    const m = /maxPhraseWords=(\d+)/.exec(head.subarray(0, n).toString("latin1"));
    return m ? Number(m[1]) : undefined;
  } finally {
    closeSync(fd);
  }
}

/** The thesaurus, read on its first lookup: clean documents never need it (the gate closes without it). */
function lazyThesaurus(path: string): PhraseDictionary {
  if (!existsSync(path)) throw new Error(`unspin: the bundled thesaurus is missing (${path}); the installation is incomplete.`);
  let loaded: PhraseDictionary | undefined;
  const get = () => (loaded ??= parseThesaurus(read(path, "thesaurus")));
  return {
    maxPhraseWords: thesaurusMaxPhraseWords(path) ?? get().maxPhraseWords,
    lookup: (key) => get().lookup(key),
    mayStartPhrase: (word) => get().mayStartPhrase?.(word) ?? true,
  };
}

/**
 * The tortured-phrase list (tier fingerprint): read on its first lookup and binary-searched, never parsed whole.
 * Its longest phrase comes from the header, so building the combined dictionary reads only that.
 */
function lazyTortured(path: string): PhraseDictionary {
  if (!existsSync(path)) throw new Error(`unspin: the bundled tortured-phrase list is missing (${path}); the installation is incomplete.`);
  const head = Buffer.alloc(8192);
  const fd = openSync(path, "r");
  let maxWords: number | undefined;
  try {
    maxWords = torturedMaxPhraseWords(head.subarray(0, readSync(fd, head, 0, head.length, 0)).toString("utf8"));
  } finally {
    closeSync(fd);
  }
  return sortedTorturedDictionary(() => read(path, "tortured-phrase list"), maxWords ?? 12);
}

let thesaurus: PhraseDictionary | undefined;
let flagger: Flagger | undefined;

/** The unlisted-phrase flagger: the whole tortured list, the thesaurus and the fitted weights, read on first use. */
export function loadBundledFlagger(): Flagger {
  if (!flagger) {
    loadDictionaries();
    const weights = JSON.parse(read(bundledFiles.flagger, "flagger weights")) as FlagWeights;
    flagger = { model: buildFlagModel(parseTorturedRows(read(bundledFiles.tortured, "tortured-phrase list")), thesaurus), weights };
  }
  return flagger;
}

function loadDictionaries(): { all: PhraseDictionary; gate: PhraseDictionary } {
  if (!dictionaries) {
    thesaurus = lazyThesaurus(bundledFiles.thesaurus);
    const curated = buildCuratedDictionary(read(bundledFiles.curated, "curated dictionary"));
    const mined = buildMinedDictionary(read(bundledFiles.mined, "mined dictionary"));
    // Fingerprints apply whether or not the gate opens, so they are part of the gate's dictionary too (they never
    // open it: decide.ts does not count them as evidence of spinning).
    const tortured = lazyTortured(bundledFiles.tortured);
    dictionaries = {
      all: combineDictionaries([curated, mined, tortured, thesaurus]),
      gate: combineDictionaries([curated, mined, tortured]),
    };
  }
  return dictionaries;
}

export function loadBundledDictionary(): PhraseDictionary {
  return loadDictionaries().all;
}

export function loadBundledResources(): Resources {
  const { all, gate } = loadDictionaries();
  return { lm: loadBundledModel(), dictionary: all, gateDictionary: gate, flagger: loadBundledFlagger };
}
