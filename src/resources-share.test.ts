// Worker threads share the thesaurus as they share the model (shareBundledModelFile / useSharedModelFile): a thread
// given the shared file reads the thesaurus into shared memory once, and every thread's index reads those bytes.
// A file of its own: the module's loaded resources must start fresh.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ThesaurusIndex } from "./dict/thesaurus-index.js";
import { bundledFiles, loadBundledThesaurus, shareBundledModelFile, thesaurusIsShared, useSharedModelFile } from "./resources.js";

describe("shared thesaurus", () => {
  it("is read once into shared memory and gives the same candidates as the file", () => {
    const file = shareBundledModelFile();
    expect(file.thesaurus).toBeDefined();
    const state = new Int32Array(file.thesaurus!.state);
    expect(Atomics.load(state, 0)).toBe(0); // allocated, not read, until a thread needs it
    useSharedModelFile(file); // what a worker does with the workerData it is given
    const shared = loadBundledThesaurus();
    expect(thesaurusIsShared()).toBe(true);
    expect(Atomics.load(state, 0)).toBe(1);
    // Another thread builds its index over the same memory, without reading the file.
    const other = new ThesaurusIndex(new Uint8Array(file.thesaurus!.bytes));
    const own = new ThesaurusIndex(readFileSync(bundledFiles.thesaurus));
    for (const key of ["mentioned", "12 months", "stated", "huge", "not a key at all", "utilise"]) {
      expect(shared.lookup(key)).toEqual(own.lookup(key));
      expect(other.lookup(key)).toEqual(own.lookup(key));
    }
    expect(own.lookup("mentioned")?.length).toBeGreaterThan(0);
  });
});
