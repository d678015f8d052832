/** Clean texts of many genres (fixtures/clean) come out exactly as written, whole and paragraph by paragraph. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { restore } from "../src/index.js";
import { ROOT } from "./cli/helpers/run.js";

const dir = join(ROOT, "fixtures", "clean");
const files = readdirSync(dir).filter((f) => f.endsWith(".txt")).sort();

describe("clean texts of many genres", () => {
  it("are at least 200", () => {
    expect(files.length).toBeGreaterThanOrEqual(200);
  });
  it("stay as written, whole and each paragraph alone", () => {
    const changed: string[] = [];
    for (const f of files) {
      const text = readFileSync(join(dir, f), "utf8");
      for (const unit of [text, ...text.split(/\n\s*\n|\n/).filter((p) => p.trim())]) {
        for (const e of restore(unit).edits) changed.push(`${f}: ${e.before} → ${e.after} (${e.entry})`);
      }
    }
    expect(changed).toEqual([]);
  }, 120_000);
});
