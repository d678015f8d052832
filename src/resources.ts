/**
 * The one place the library touches the file system: it reads the bundled model and dictionaries that
 * ship in the package. Everything it hands on (bytes, strings) is parsed by pure modules.
 */
import { isAscii } from "node:buffer";
import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { combineDictionaries } from "./dict/combine.js";
import { buildCuratedDictionary } from "./dict/curated.js";
import { buildMinedDictionary } from "./dict/mined.js";
import { parseTorturedRows, sortedTorturedDictionary, torturedMaxPhraseWords } from "./dict/tortured.js";
import type { Flagger } from "./flag/apply.js";
import { buildFlagModel, type FlagWeights } from "./flag/unlisted.js";
import { ThesaurusIndex } from "./dict/thesaurus-index.js";
import type { PhraseDictionary } from "./dict/types.js";
import { Scorer } from "./lm/scorer.js";
import { PAGE, TrieModel, type ModelBytes } from "./lm/trie-model.js";
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
  tortured: join(dictionariesDir, "tortured", "tortured.tsv"),
  flagger: join(dictionariesDir, "tortured", "flagger.json"),
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
    model = new LmView(new Scorer(TrieModel.fromLazyBytes(sharedModel ?? openModelBytes(bundledFiles.model))));
  }
  return model;
}

/**
 * What a thread needs to read the model file into memory that several threads share: the bytes and the flags of
 * the pages already read (both SharedArrayBuffers), and an open descriptor of the file (descriptors belong to the
 * process, so every thread can read through it).
 */
export interface SharedModelFile {
  fd: number;
  bytes: SharedArrayBuffer;
  pages: SharedArrayBuffer;
}

let sharedModel: ModelBytes | undefined;
let sharedFile: SharedModelFile | undefined;

/**
 * The model file opened for sharing: worker threads given this read the same memory, so a page one of them has
 * read costs the others nothing, and the file is held in memory once whatever the number of workers.
 */
export function shareBundledModelFile(): SharedModelFile {
  if (!sharedFile) {
    if (!existsSync(bundledFiles.model)) {
      throw new Error(`unspin: the language model is missing (${bundledFiles.model}); run scripts/fetch-model.sh.`);
    }
    const fd = openSync(bundledFiles.model, "r");
    const size = fstatSync(fd).size;
    sharedFile = { fd, bytes: new SharedArrayBuffer(size), pages: new SharedArrayBuffer(Math.ceil(size / PAGE)) };
    sharedModel ??= modelBytesOver(sharedFile);
  }
  return sharedFile;
}

/** Makes this thread read the model through memory shared with the thread that called shareBundledModelFile(). */
export function useSharedModelFile(file: SharedModelFile): void {
  sharedModel = modelBytesOver(file);
}

/**
 * The model file, read a page at a time as the model reaches it (a short text touches a few hundred KB of the
 * 26 MB). The memory is allocated up front but the system only backs the pages that are written.
 */
function openModelBytes(path: string): ModelBytes {
  const fd = openSync(path, "r");
  const size = fstatSync(fd).size;
  return modelBytesOver({ fd, bytes: new ArrayBuffer(size) as unknown as SharedArrayBuffer, pages: new ArrayBuffer(Math.ceil(size / PAGE)) as unknown as SharedArrayBuffer });
}

function modelBytesOver(file: SharedModelFile): ModelBytes {
  const bytes = new Uint8Array(file.bytes);
  const pages = new Uint8Array(file.pages);
  const shared = typeof SharedArrayBuffer !== "undefined" && file.pages instanceof SharedArrayBuffer;
  const loaded = (page: number) => (shared ? Atomics.load(pages, page) : pages[page]!) === 1;
  const readPages = (first: number, last: number) => {
    const start = first * PAGE;
    const end = Math.min(bytes.length, (last + 1) * PAGE);
    for (let at = start; at < end; ) {
      const n = readSync(file.fd, bytes, at, end - at, at);
      if (n <= 0) throw new Error(`unspin: the language model file ended early at byte ${at} (${bundledFiles.model}); the installation is broken.`);
      at += n;
    }
    for (let p = first; p <= last; p++) {
      if (shared) Atomics.store(pages, p, 1);
      else pages[p] = 1;
    }
  };
  return {
    bytes,
    ensure(offset, length) {
      if (length <= 0) return;
      const last = Math.floor((offset + length - 1) / PAGE);
      // Runs of missing pages are read with one call each.
      for (let p = Math.floor(offset / PAGE); p <= last; p++) {
        if (loaded(p)) continue;
        let q = p;
        while (q < last && !loaded(q + 1)) q++;
        readPages(p, q);
        p = q;
      }
    },
  };
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

let flagger: Flagger | undefined;

/** The unlisted-phrase flagger: the whole tortured list, the thesaurus and the fitted weights, read on first use. */
export function loadBundledFlagger(): Flagger {
  if (!flagger) {
    loadDictionaries();
    const weights = JSON.parse(read(bundledFiles.flagger, "flagger weights")) as FlagWeights;
    flagger = { model: buildFlagModel(parseTorturedRows(read(bundledFiles.tortured, "tortured-phrase list")), lazyThesaurus()), weights };
  }
  return flagger;
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
    // Fingerprints apply whether or not the gate opens, so they are part of the gate's dictionary too (they never
    // open it: decide.ts does not count them as evidence of spinning).
    const tortured = lazyTortured(bundledFiles.tortured);
    dictionaries = {
      all: combineDictionaries([curated, mined, tortured, lazyThesaurus()]),
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
