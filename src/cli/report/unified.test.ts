import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diffPath } from "./unified.js";

describe("diffPath", () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "unspin-diffpath-")));
  mkdirSync(join(root, "real/sub"), { recursive: true });
  writeFileSync(join(root, "real/sub/x.txt"), "x");
  writeFileSync(join(root, "out.txt"), "x");
  symlinkSync(join(root, "real"), join(root, "lnk"));
  const cwd = join(root, "real"); // what process.cwd() gives in lnk: the real path

  it("names a file inside the working folder relative to it, also when given through a link to that folder", () => {
    expect(diffPath(cwd, "sub/x.txt")).toBe("sub/x.txt");
    expect(diffPath(cwd, join(root, "lnk/sub/x.txt"))).toBe("sub/x.txt");
  });
  it("names a file outside by its absolute path without the leading slash", () => {
    expect(diffPath(cwd, join(root, "out.txt"))).toBe(join(root, "out.txt").slice(1));
  });
});
