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
import { parseThesaurus } from "./dict/thesaurus.js";
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
  mined: join(dictionariesDir, "mined", "spinner.tsv"),
  thesaurus: join(dictionariesDir, "thesaurus", "reverse.tsv"),
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

function loadDictionaries(): { all: PhraseDictionary; gate: PhraseDictionary } {
  if (!dictionaries) {
    const curated = buildCuratedDictionary(read(bundledFiles.curated, "curated dictionary"));
    const mined = buildMinedDictionary(read(bundledFiles.mined, "mined dictionary"));
    dictionaries = {
      all: combineDictionaries([curated, mined, lazyThesaurus(bundledFiles.thesaurus)]),
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
