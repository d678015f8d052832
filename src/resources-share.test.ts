// Worker threads share the thesaurus as they share the model (shareBundledModelFile / useSharedModelFile): a thread
// given the shared file reads the thesaurus's term tables and pool into shared memory, which every thread's index
// reads; each key's candidates are read from the file at lookup and not kept.
// A file of its own: the module's loaded resources must start fresh.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ThesaurusIndex } from "./dict/thesaurus-index.js";
import { TrieModel } from "./lm/trie-model.js";
import { bundledFiles, loadBundledModel, loadBundledThesaurus, shareBundledModelFile, thesaurusIsShared, useSharedModelFile } from "./resources.js";

describe("shared thesaurus", () => {
  it("is read into shared memory a page at a time (its tables and pool only) and gives the same candidates as the file", () => {
    const file = shareBundledModelFile();
    expect(file.thesaurus).toBeDefined();
    const pages = new Uint8Array(file.thesaurus!.pages);
    const read = () => pages.reduce((n, p) => n + p, 0);
    expect(read()).toBe(0); // allocated, not read, until a thread needs it
    useSharedModelFile(file); // what a worker does with the workerData it is given
    const shared = loadBundledThesaurus();
    expect(thesaurusIsShared()).toBe(true);
    // Building the index reads the term tables and pool (about a fifth of the file), not the candidate array.
    const tables = read();
    expect(tables).toBeGreaterThan(0);
    expect(tables).toBeLessThan(pages.length / 3);
    const keys = ["mentioned", "12 months", "stated", "huge", "not a key at all", "utilise"];
    const own = new ThesaurusIndex(readFileSync(bundledFiles.thesaurus));
    for (const key of keys) expect(shared.lookup(key)).toEqual(own.lookup(key));
    // A lookup reads its key's candidates from the file into a scratch buffer: no page is kept for them.
    expect(read()).toBe(tables);
    expect(own.lookup("mentioned")?.length).toBeGreaterThan(0);
  });

  it("shares the compiled vocabulary index too: a thread's model reads its pages into the shared memory, with the same ids", () => {
    const file = shareBundledModelFile();
    expect(file.vocabulary).toBeDefined();
    expect(file.vocabulary!.bytes).toBeInstanceOf(SharedArrayBuffer);
    const pages = new Uint8Array(file.vocabulary!.pages);
    const read = () => pages.reduce((n, p) => n + p, 0);
    useSharedModelFile(file);
    const model = loadBundledModel().scorer.model;
    const before = read();
    expect(before).toBeGreaterThan(0); // the model checked a sample of the index at load, through the shared pages
    expect(before).toBeLessThan(pages.length);
    const own = TrieModel.fromBuffer(readFileSync(bundledFiles.model));
    const words = ["the", "mentioned", "stated", "zebra", "notaword-at-all", "</s>", "utilise", "huge"];
    for (const w of words) expect(model.id(w)).toBe(own.id(w));
    expect(read()).toBeGreaterThan(before); // the lookups brought in more of the shared index
  });
});
