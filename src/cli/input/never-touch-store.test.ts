import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
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
});
