// Worker threads share the thesaurus as they share the model (shareBundledModelFile / useSharedModelFile): a thread
// given the shared file reads the pages of the thesaurus it needs into shared memory, and every thread's index reads
// those bytes.
// A file of its own: the module's loaded resources must start fresh.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ThesaurusIndex } from "./dict/thesaurus-index.js";
import { bundledFiles, loadBundledThesaurus, shareBundledModelFile, thesaurusIsShared, useSharedModelFile } from "./resources.js";

describe("shared thesaurus", () => {
  it("is read into shared memory a page at a time, only where lookups reach, and gives the same candidates as the file", () => {
    const file = shareBundledModelFile();
    expect(file.thesaurus).toBeDefined();
    const pages = new Uint8Array(file.thesaurus!.pages);
    const read = () => pages.reduce((n, p) => n + p, 0);
    expect(read()).toBe(0); // allocated, not read, until a thread needs it
    useSharedModelFile(file); // what a worker does with the workerData it is given
    const shared = loadBundledThesaurus();
    expect(thesaurusIsShared()).toBe(true);
    const keys = ["mentioned", "12 months", "stated", "huge", "not a key at all", "utilise"];
    const own = new ThesaurusIndex(readFileSync(bundledFiles.thesaurus));
    for (const key of keys) expect(shared.lookup(key)).toEqual(own.lookup(key));
    // The term tables and pool (about a fifth of the file) and a page or two per key, not the whole candidate array.
    expect(read()).toBeGreaterThan(0);
    expect(read()).toBeLessThan(pages.length / 3);
    // Another thread's index over the same memory finds those keys' pages read already.
    const before = read();
    const other = new ThesaurusIndex(new Uint8Array(file.thesaurus!.bytes));
    for (const key of keys) expect(other.lookup(key)).toEqual(own.lookup(key));
    expect(read()).toBe(before);
    expect(own.lookup("mentioned")?.length).toBeGreaterThan(0);
  });
});
