import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { saveNeverTouch } from "./never-touch-store.js";

describe("saving never-touch words", () => {
  it("keeps the config's encoding: UTF-16 and a byte-order mark are written back as they were", async () => {
    for (const [bom, encoding] of [[Buffer.from([0xff, 0xfe]), "utf16le"], [Buffer.from([0xef, 0xbb, 0xbf]), "utf8"]] as const) {
      const dir = mkdtempSync(join(tmpdir(), "unspin-nt-"));
      const path = join(dir, ".unspinrc.json");
      writeFileSync(path, Buffer.concat([bom, Buffer.from('{\n  "level": "bold"\n}\n', encoding)]));
      expect(await saveNeverTouch(path, dir, ["Great Hall"])).toBe(`added ["Great Hall"] to neverTouch in ${path}`);
      const bytes = readFileSync(path);
      expect(bytes.subarray(0, bom.length)).toEqual(bom);
      expect(JSON.parse(bytes.subarray(bom.length).toString(encoding))).toEqual({ level: "bold", neverTouch: ["Great Hall"] });
    }
  });

  it("adds to the project's new config when files of two of its folders both create it", async () => {
    const root = mkdtempSync(join(tmpdir(), "unspin-nt-"));
    mkdirSync(join(root, ".git"));
    mkdirSync(join(root, "a"));
    mkdirSync(join(root, "b"));
    const path = join(root, ".unspinrc.json");
    expect(await saveNeverTouch(null, join(root, "a"), ["mentioned"])).toBe(`created ${path} with neverTouch ["mentioned"]`);
    expect(await saveNeverTouch(null, join(root, "b"), ["go to"])).toBe(`added ["go to"] to neverTouch in ${path}`);
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual({ neverTouch: ["mentioned", "go to"] });
  });

  it("leaves a broken config as it is and says where it is broken", async () => {
    const dir = mkdtempSync(join(tmpdir(), "unspin-nt-"));
    const path = join(dir, ".unspinrc.json");
    const broken = '{\n  "neverTouch": ["a",]\n}\n';
    writeFileSync(path, broken);
    expect(await saveNeverTouch(path, dir, ["b"])).toBe(`could not save never-touch words ["b"] to ${path}: invalid JSON at line 2, column 22: a value was expected`);
    expect(readFileSync(path, "utf8")).toBe(broken);
  });
});
