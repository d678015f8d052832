/**
 * The one place the library touches the file system: it reads the bundled model and dictionaries that
 * ship in the package. Everything it hands on (bytes, strings) is parsed by pure modules.
 */
import { isAscii } from "node:buffer";
import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { combineDictionaries, declareKeys, declarePrefixesLazily, keyPrefixes } from "./dict/combine.js";
import { curatedDictionary, expandedKeys, parseCurated } from "./dict/curated.js";
import { minedDictionary, parseMinedTsv } from "./dict/mined.js";
import { parseTorturedRows, sortedTorturedDictionary, torturedMaxPhraseWords } from "./dict/tortured.js";
import type { Flagger } from "./flag/apply.js";
import { buildFlagModel, type FlagWeights } from "./flag/unlisted.js";
import { parseNeverPropose } from "./dict/never-propose.js";
import { ThesaurusIndex } from "./dict/thesaurus-index.js";
import { phraseStarts, type Candidate, type PhraseDictionary, type Tier } from "./dict/types.js";
import { Scorer } from "./lm/scorer.js";
import { PAGE, TrieModel, type ModelBytes, type PrecomputedVocabulary } from "./lm/trie-model.js";
import { LmView } from "./restore/lm-view.js";
import type { Resources } from "./restore/restore.js";

/**
 * The package root (where dictionaries/ lives), from dist/ or src/ (or the bundled pipe entry, dist/pipe.cjs, see
 * scripts/bundle-pipe.mjs), or from one folder deeper: the nearest folder above with a dictionaries/.
 */
export const packageRoot = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(here: string): string {
  for (let dir = join(here, ".."), up = 0; up < 2; dir = join(dir, ".."), up++) if (existsSync(join(dir, "dictionaries"))) return dir;
  return join(here, "..");
}
export const dictionariesDir = join(packageRoot, "dictionaries");

export const bundledFiles = {
  model: join(dictionariesDir, "lm", "en-us.lm.bin"),
  curated: join(dictionariesDir, "curated", "signature.json"),
  closedClass: join(dictionariesDir, "curated", "closed-class.json"),
  mined: join(dictionariesDir, "mined", "spinner.tsv"),
  tortured: join(dictionariesDir, "tortured", "tortured.tsv"),
  flagger: join(dictionariesDir, "tortured", "flagger.json"),
  thesaurus: join(dictionariesDir, "thesaurus", "reverse.bin"),
  neverPropose: join(dictionariesDir, "thesaurus", "never-propose.txt"),
} as const;

function read(path: string, what: string): string {
  return decode(readBytes(path, what));
}

function readBytes(path: string, what: string): Buffer {
  if (!existsSync(path)) throw new Error(`unspin: the bundled ${what} is missing (${path}); the installation is incomplete.`);
  return readFileSync(path);
}

function decode(bytes: Buffer): string {
  // The big data files are plain ASCII: decoding them as Latin-1 gives the same string three times faster.
  return bytes.toString(isAscii(bytes) ? "latin1" : "utf8");
}

/**
 * What a compiled dictionary records of its source (the source is compared by it, not kept): a 64-bit hash of its
 * bytes, two 32-bit multiplicative lanes and the length. Computed here rather than with node:crypto, whose loading
 * alone cost the bare pipe's start-up several milliseconds (an edited source is what it must tell apart, not an attack).
 */
export function fingerprint(bytes: Uint8Array): string {
  let a = 0x811c9dc5 | 0;
  let b = 0x2f3a5c71 | 0;
  // Four bytes (little-endian) at a time, then the last few one by one. The loops are written out rather than through
  // a helper or a DataView: they run before the code is optimised (half a megabyte of sources at every start), where
  // those cost about 9 ms and this about 4.
  const words = bytes.length >>> 2;
  for (let w = 0; w < words; w++) {
    const i = 4 * w;
    const x = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    a = Math.imul(a ^ x, 0x01000193);
    b = Math.imul(b ^ x, 0x5bd1e995);
    b ^= b >>> 15;
  }
  for (let i = 4 * words; i < bytes.length; i++) {
    const x = bytes[i]!;
    a = Math.imul(a ^ x, 0x01000193);
    b = Math.imul(b ^ x, 0x5bd1e995);
    b ^= b >>> 15;
  }
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, "0");
  return `${hex(a)}${hex(b)}-${bytes.length}`;
}

let model: LmView | undefined;
let dictionaries: { all: PhraseDictionary; gate: PhraseDictionary } | undefined;

export function loadBundledModel(): LmView {
  if (!model) {
    if (!existsSync(bundledFiles.model)) {
      throw new Error(`unspin: the language model is missing (${bundledFiles.model}); run scripts/fetch-model.sh.`);
    }
    model = new LmView(new Scorer(TrieModel.fromLazyBytes(sharedModel ?? openModelBytes(bundledFiles.model), compiledVocabulary() ?? undefined)));
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
  /**
   * The thesaurus index in shared memory too, read a page at a time as any thread's lookups reach it (pages: 1 once
   * read), through its own descriptor: at most 12 MB once for the process, not once per worker.
   */
  thesaurus?: { fd: number; bytes: SharedArrayBuffer; pages: SharedArrayBuffer };
  /**
   * The compiled vocabulary index likewise (1.3 MB, nearly all of it read by a batch of varied files): once for the
   * process, not once per worker. Absent when there is no valid compiled index (the model then indexes its words).
   */
  vocabulary?: VocabularyFile;
}

/** The compiled vocabulary index's file (see vocabularyFile): how many word starts and hash slots its header gives. */
interface VocabularyFile {
  fd: number;
  bytes: SharedArrayBuffer;
  pages: SharedArrayBuffer;
  starts: number;
  slots: number;
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
    if (existsSync(bundledFiles.thesaurus)) {
      // Allocated, not read: the system backs its pages only once a thread reads the file into them.
      const tfd = openSync(bundledFiles.thesaurus, "r");
      const thesaurusSize = fstatSync(tfd).size;
      sharedFile.thesaurus = { fd: tfd, bytes: new SharedArrayBuffer(thesaurusSize), pages: new SharedArrayBuffer(Math.ceil(thesaurusSize / THESAURUS_PAGE)) };
    }
    const vocabulary = vocabularyFile(true);
    if (vocabulary) sharedFile.vocabulary = vocabulary;
    sharedModel ??= modelBytesOver(sharedFile);
    sharedThesaurus ??= sharedFile.thesaurus;
    sharedVocabulary ??= sharedFile.vocabulary;
  }
  return sharedFile;
}

/** Makes this thread read the model through memory shared with the thread that called shareBundledModelFile(). */
export function useSharedModelFile(file: SharedModelFile): void {
  sharedModel = modelBytesOver(file);
  sharedThesaurus = file.thesaurus;
  sharedVocabulary = file.vocabulary;
}

let sharedVocabulary: SharedModelFile["vocabulary"];

let sharedThesaurus: SharedModelFile["thesaurus"];

/**
 * Page of the thesaurus file read at a time. A key's candidates are a few hundred bytes in the 10 MB candidate array, so
 * small pages: a one-page text reads about 2 MB of the 12 MB file (the term table and pool, and the pages its keys
 * reach), not all of it.
 */
export const THESAURUS_PAGE = 4096;

/**
 * The thesaurus file's bytes, read as lookups reach them: into the shared memory when there is one, else this
 * thread's. Only the header, the term tables and the pool are read into them; each lookup reads its key's candidates
 * straight from the file (`readFresh`), so they take no memory once looked at.
 */
function thesaurusBytes(path: string): ModelBytes & { readFresh(offset: number, length: number): Uint8Array } {
  const file = sharedThesaurus ?? ownThesaurusFile(path);
  const paged = pagedBytes(file, THESAURUS_PAGE, path, "thesaurus");
  return { ...paged, readFresh: (offset, length) => readInto(file.fd, offset, length, path, "thesaurus") };
}

function ownThesaurusFile(path: string): { fd: number; bytes: SharedArrayBuffer; pages: SharedArrayBuffer } {
  const fd = openSync(path, "r");
  const size = fstatSync(fd).size;
  return { fd, bytes: new ArrayBuffer(size) as unknown as SharedArrayBuffer, pages: new ArrayBuffer(Math.ceil(size / THESAURUS_PAGE)) as unknown as SharedArrayBuffer };
}

/** This thread's buffer for `readInto` (grown as needed; its own ArrayBuffer, so 4-byte aligned). */
let scratch = new Uint8Array(4096);

/** Bytes [offset, offset + length) of a file, in a buffer that the next call reuses. */
function readInto(fd: number, offset: number, length: number, path: string, what: string): Uint8Array {
  if (scratch.length < length) scratch = new Uint8Array(Math.max(length, 2 * scratch.length));
  for (let at = 0; at < length; ) {
    const n = readSync(fd, scratch, at, length - at, offset + at);
    if (n <= 0) throw new Error(`unspin: the bundled ${what} ended early at byte ${offset + at} (${path}); the installation is broken.`);
    at += n;
  }
  return scratch.subarray(0, length);
}

/** Whether this thread's thesaurus, once loaded, reads shared memory (for tests). */
export function thesaurusIsShared(): boolean {
  return thesaurus !== undefined && sharedThesaurus !== undefined && thesaurusShared;
}
let thesaurusShared = false;

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
  return pagedBytes(file, PAGE, bundledFiles.model, "language model file");
}

/** Bytes of a file read `pageSize` bytes at a time through `file.fd` as they are first needed (see ModelBytes). */
function pagedBytes(file: { fd: number; bytes: SharedArrayBuffer; pages: SharedArrayBuffer }, pageSize: number, path: string, what: string): ModelBytes {
  const bytes = new Uint8Array(file.bytes);
  const pages = new Uint8Array(file.pages);
  const shared = typeof SharedArrayBuffer !== "undefined" && file.pages instanceof SharedArrayBuffer;
  const loaded = (page: number) => (shared ? Atomics.load(pages, page) : pages[page]!) === 1;
  const readPages = (first: number, last: number) => {
    const start = first * pageSize;
    const end = Math.min(bytes.length, (last + 1) * pageSize);
    for (let at = start; at < end; ) {
      const n = readSync(file.fd, bytes, at, end - at, at);
      if (n <= 0) throw new Error(`unspin: the bundled ${what} ended early at byte ${at} (${path}); the installation is broken.`);
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
      const last = Math.floor((offset + length - 1) / pageSize);
      // Runs of missing pages are read with one call each.
      for (let p = Math.floor(offset / pageSize); p <= last; p++) {
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
    const source = thesaurusBytes(path);
    thesaurusShared = typeof SharedArrayBuffer !== "undefined" && source.bytes.buffer instanceof SharedArrayBuffer;
    thesaurus = new ThesaurusIndex(
      source.bytes,
      (offset, length) => source.ensure(offset, length),
      (offset, length) => source.readFresh(offset, length),
      parseNeverPropose(read(bundledFiles.neverPropose, "never-propose list of the thesaurus")),
    );
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
  let bytes: Buffer | undefined;
  const getBytes = () => (bytes ??= readBytes(path, "tortured-phrase list"));
  let text: string | undefined;
  const getText = () => (text ??= decode(getBytes()));
  const sorted = sortedTorturedDictionary(getText, maxWords ?? 12);
  // Its keys are known (the first column, read with the list; compiled by npm run build): a word or phrase that is no
  // key is answered without a search, and the site finder stops a phrase as soon as no key continues it.
  let index: { keys: ReadonlySet<string>; prefixes: ReadonlySet<string> } | undefined;
  const keyIndex = () => {
    if (!index) {
      const compiled = compiledDictionaries();
      const c = compiled?.tortured;
      // Unchanged by size and time, the list is read only when a key is found in the text.
      if (c && compiledFrom(path, compiled.stats?.tortured, c.hash, getBytes)) index = { keys: new Set(c.keys), prefixes: new Set(c.prefixes) };
      else {
        const keys = torturedKeys(getText());
        index = { keys: new Set(keys), prefixes: keyPrefixes(keys) };
      }
    }
    return index;
  };
  let starts: ((word: string) => boolean) | undefined;
  const dict: PhraseDictionary = {
    maxPhraseWords: sorted.maxPhraseWords,
    lookup: (key) => (keyIndex().keys.has(key) ? sorted.lookup(key) : undefined),
    mayStartPhrase: (word) => (starts ??= phraseStarts(keyIndex().keys))(word),
  };
  return declarePrefixesLazily(dict, () => keyIndex().prefixes);
}

/** The keys of the tortured list's text (first column of each data line). */
export function torturedKeys(text: string): string[] {
  const keys: string[] = [];
  for (let at = 0; at < text.length; ) {
    let nl = text.indexOf("\n", at);
    if (nl < 0) nl = text.length;
    if (text.charCodeAt(at) !== 0x23 && nl > at) {
      const tab = text.indexOf("\t", at);
      if (tab > at && tab < nl) keys.push(text.slice(at, tab));
    }
    at = nl + 1;
  }
  return keys;
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
  return combineDictionaries([bundledDictionary("curated"), bundledDictionary("closedClass")]);
}

// ---- Precompiled dictionaries --------------------------------------------------------------------------------------
// `npm run build` compiles the bundled curated and mined dictionaries (scripts/compile-dictionaries.mjs) into
// dist/compiled/dictionaries.json: every key with its candidates as the parsers give them, and a fingerprint of the source
// each was compiled from. A dictionary is read from there when its source is unchanged (same fingerprint), and parsed
// from its source otherwise: the same dictionary either way, without the parsing and inflecting at start-up.

type DictName = "curated" | "closedClass" | "mined";

type CompiledCandidate = [string, Tier, number, string, string] | [string, Tier, number, string, string, 1];

export interface CompiledDictionary {
  maxPhraseWords: number;
  /** Key → candidates as [original, tier, prior, source, entry], and 1 after them for an unmistakable pair. */
  entries: Array<[string, Array<CompiledCandidate>]>;
}

export interface CompiledDictionaries {
  version: 4;
  /** Fingerprint (see fingerprint) of the source each dictionary was compiled from: a start-up reads no second copy of it. */
  hashes: Record<DictName, string>;
  dicts: Record<DictName, CompiledDictionary>;
  /** The tortured list's keys and their phrase prefixes (keyPrefixes), and the fingerprint of the source they come from. */
  tortured?: { hash: string; keys: string[]; prefixes: string[] };
  /**
   * Size and modification time of each source when compiled: a source that still has both is taken as unchanged
   * without being read (as make and tsc --incremental do); one that does not is compared by its fingerprint.
   */
  stats?: Partial<Record<DictName | "tortured", SourceStat>>;
}

/** Size and modification time of a file (ms since the epoch, as fs.Stats.mtimeMs gives it). */
export interface SourceStat {
  size: number;
  mtimeMs: number;
}

function statOf(path: string): SourceStat {
  const st = statSync(path);
  return { size: st.size, mtimeMs: st.mtimeMs };
}

/**
 * Whether a source is the one its compiled form was made from: by size and modification time when they are as recorded
 * (the source is not read), else by the fingerprint of its bytes.
 */
function compiledFrom(path: string, stat: SourceStat | undefined, hash: string | undefined, bytes: () => Uint8Array): boolean {
  return unchangedSince(path, stat) || (hash !== undefined && hash === fingerprint(bytes()));
}

/** Whether a source has the size and modification time it had when compiled (false when unknown or unreadable). */
export function unchangedSince(path: string, compiled: SourceStat | undefined): boolean {
  if (!compiled) return false;
  try {
    const now = statOf(path);
    return now.size === compiled.size && now.mtimeMs === compiled.mtimeMs;
  } catch {
    return false;
  }
}

export const compiledFiles = {
  dictionaries: join(packageRoot, "dist", "compiled", "dictionaries.json"),
  vocabulary: join(packageRoot, "dist", "compiled", "en-us.vocab.bin"),
} as const;

const VOCAB_MAGIC = "UNSPINVOCAB1";

/** The model's vocabulary hash, stored ahead of time (TrieModel checks that it fits the model before using it). */
export function compileVocabulary(): Uint8Array | null {
  const model = TrieModel.fromBuffer(readFileSync(bundledFiles.model));
  const full = model.vocabularyIndex();
  if (!full) return null;
  // Rehashed at most half full (the model builds its own a quarter full): half the bytes to read at start-up.
  let size = 1;
  while (size < 2 * model.vocabSize) size *= 2;
  const slots = new Int32Array(size);
  for (let id = 0; id < model.vocabSize; id++) {
    const w = model.word(id);
    let h = 0x811c9dc5 | 0;
    for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), 0x01000193);
    let slot = (h >>> 0) & (size - 1);
    while (slots[slot] !== 0) slot = (slot + 1) & (size - 1);
    slots[slot] = id + 1;
  }
  const index = { starts: full.starts, slots };
  const out = new Uint8Array(20 + 4 * (index.starts.length + index.slots.length));
  const view = new DataView(out.buffer);
  for (let i = 0; i < VOCAB_MAGIC.length; i++) out[i] = VOCAB_MAGIC.charCodeAt(i);
  view.setUint32(12, index.starts.length, true);
  view.setUint32(16, index.slots.length, true);
  new Uint32Array(out.buffer, 20, index.starts.length).set(index.starts);
  new Int32Array(out.buffer, 20 + 4 * index.starts.length, index.slots.length).set(index.slots);
  return out;
}

/** Page of the compiled vocabulary index read at a time: a lookup reads one slot and two offsets. */
const VOCAB_PAGE = 4096;

/**
 * The compiled vocabulary index (dist/compiled/en-us.vocab.bin), read a page at a time as lookups reach it: a line of
 * text looks up a few dozen words of the 1.3 MB.
 */
function compiledVocabulary(): PrecomputedVocabulary | null {
  const file = sharedVocabulary ?? vocabularyFile(false);
  if (!file) return null;
  const source = pagedBytes(file, VOCAB_PAGE, compiledFiles.vocabulary, "vocabulary index");
  const buffer = source.bytes.buffer;
  return {
    starts: new Uint32Array(buffer, 20, file.starts),
    slots: new Int32Array(buffer, 20 + 4 * file.starts, file.slots),
    ensure: (offset, length) => source.ensure(offset, length),
  };
}

/**
 * The compiled vocabulary index opened to be read a page at a time: its descriptor (kept open), its sizes from the
 * header, and its bytes and their page flags (allocated, not read), in memory shared between threads or this
 * thread's own. Null when the index is missing or not a valid one.
 */
function vocabularyFile(shared: boolean): VocabularyFile | null {
  let fd: number | undefined;
  try {
    if (!existsSync(compiledFiles.vocabulary)) return null;
    fd = openSync(compiledFiles.vocabulary, "r");
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(20);
    if (size < 20 || readSync(fd, head, 0, 20, 0) !== 20 || head.toString("latin1", 0, 12) !== VOCAB_MAGIC) return null;
    const starts = head.readUInt32LE(12);
    const slots = head.readUInt32LE(16);
    if (size !== 20 + 4 * (starts + slots)) return null;
    const pageCount = Math.ceil(size / VOCAB_PAGE);
    const file: VocabularyFile = shared
      ? { fd, bytes: new SharedArrayBuffer(size), pages: new SharedArrayBuffer(pageCount), starts, slots }
      : { fd, bytes: new ArrayBuffer(size) as unknown as SharedArrayBuffer, pages: new ArrayBuffer(pageCount) as unknown as SharedArrayBuffer, starts, slots };
    fd = undefined; // kept open for the pages still to read
    return file;
  } catch {
    return null; // the model indexes its vocabulary itself
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const dictSources: Record<DictName, [string, string]> = {
  curated: [bundledFiles.curated, "curated dictionary"],
  closedClass: [bundledFiles.closedClass, "closed-class dictionary"],
  mined: [bundledFiles.mined, "mined dictionary"],
};

/** A dictionary parsed from its source text, with all its keys. */
function parseDictionary(name: DictName, text: string): { dict: PhraseDictionary; keys: string[] } {
  if (name === "mined") {
    const rows = parseMinedTsv(text);
    return { dict: minedDictionary(rows), keys: [...new Set(rows.filter((r) => r.spun !== r.original).map((r) => r.spun))] };
  }
  const entries = parseCurated(text);
  return { dict: curatedDictionary(entries), keys: expandedKeys(entries) };
}

/** The compiled form of the bundled curated and mined dictionaries (for scripts/compile-dictionaries.mjs). */
export function compileBundledDictionaries(): CompiledDictionaries {
  const hashes = {} as Record<DictName, string>;
  const dicts = {} as Record<DictName, CompiledDictionary>;
  const stats: NonNullable<CompiledDictionaries["stats"]> = {};
  for (const name of Object.keys(dictSources) as DictName[]) {
    stats[name] = statOf(dictSources[name][0]);
    const bytes = readBytes(...dictSources[name]);
    const { dict, keys } = parseDictionary(name, decode(bytes));
    hashes[name] = fingerprint(bytes);
    dicts[name] = {
      maxPhraseWords: dict.maxPhraseWords,
      entries: keys.map((k) => [
        k,
        (dict.lookup(k) ?? []).map((c): CompiledCandidate => (c.unmistakable ? [c.original, c.tier, c.prior, c.source, c.entry, 1] : [c.original, c.tier, c.prior, c.source, c.entry])),
      ]),
    };
  }
  // Each source's size and time are taken before it is read: a source edited in between is then compared by its
  // fingerprint at run time rather than taken as the one compiled.
  stats.tortured = statOf(bundledFiles.tortured);
  const tortured = readBytes(bundledFiles.tortured, "tortured-phrase list");
  const keys = torturedKeys(decode(tortured));
  return { version: 4, hashes, dicts, tortured: { hash: fingerprint(tortured), keys, prefixes: [...keyPrefixes(keys)] }, stats };
}

let compiled: CompiledDictionaries | null | undefined;

function compiledDictionaries(): CompiledDictionaries | null {
  if (compiled === undefined) {
    compiled = null;
    if (existsSync(compiledFiles.dictionaries)) {
      try {
        const c = JSON.parse(decode(readFileSync(compiledFiles.dictionaries))) as CompiledDictionaries;
        if (c.version === 4) compiled = c;
      } catch {
        // An unreadable compiled file: the sources are parsed instead.
      }
    }
  }
  return compiled;
}

function bundledDictionary(name: DictName): PhraseDictionary {
  const c = compiledDictionaries();
  const d = c?.dicts[name];
  let bytes: Buffer | undefined;
  const getBytes = () => (bytes ??= readBytes(...dictSources[name]));
  if (c && d && compiledFrom(dictSources[name][0], c.stats?.[name], c.hashes?.[name], getBytes)) return dictionaryFromCompiled(d);
  const { dict, keys } = parseDictionary(name, decode(getBytes()));
  return declareKeys(dict, keys);
}

/** A dictionary from its compiled form (see compileBundledDictionaries). */
export function dictionaryFromCompiled(d: CompiledDictionary): PhraseDictionary {
  const map = new Map<string, Candidate[]>();
  for (const [key, cands] of d.entries) {
    map.set(
      key,
      cands.map(([original, tier, prior, source, entry, unmistakable]) => (unmistakable === 1 ? { original, tier, prior, source, entry, unmistakable: true } : { original, tier, prior, source, entry })),
    );
  }
  const dict: PhraseDictionary = { maxPhraseWords: d.maxPhraseWords, lookup: (key) => map.get(key), mayStartPhrase: phraseStarts(map.keys()) };
  return declareKeys(dict, map.keys());
}

function loadDictionaries(): { all: PhraseDictionary; gate: PhraseDictionary } {
  if (!dictionaries) {
    const curated = loadCuratedDictionary();
    const mined = bundledDictionary("mined");
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
