import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_EXTENSIONS } from "./extensions.js";
import { collectInputs, type WalkOptions } from "./inputs.js";

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "unspin-inputs-"));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(root, name, ".."), { recursive: true });
    writeFileSync(join(root, name), content);
  }
  return root;
}

const FILES = {
  ".gitignore": "build/\n*.log.txt\n!keep.log.txt\n",
  "a.txt": "",
  "b.md": "",
  "image.png": "",
  "notes.log.txt": "",
  "keep.log.txt": "",
  "build/out.txt": "",
  ".hidden/secret.txt": "",
  ".dot.txt": "",
  "sub/.ignore": "skip.txt\n",
  "sub/skip.txt": "",
  "sub/z.html": "",
  "sub/deep/x.txt": "",
  "node_modules/pkg/readme.md": "",
};

async function list(root: string, args: string[], extra: Partial<WalkOptions> = {}) {
  const r = await collectInputs(args, { cwd: root, hidden: false, ignoreFiles: true, exclude: [], extensions: DEFAULT_EXTENSIONS, ...extra });
  return { files: r.files.map((f) => f.display + (f.explicit ? "!" : "")), errors: r.errors };
}

describe("inputs", () => {
  it("walks a folder with ignore files, hidden rules and extensions, in sorted order", async () => {
    const root = tree(FILES);
    expect((await list(root, ["."])).files).toEqual(["a.txt", "b.md", "keep.log.txt", "sub/deep/x.txt", "sub/z.html"]);
    // node_modules is skipped like an ignored folder, unless ignore rules are off.
    expect((await list(root, ["."], { ignoreFiles: false })).files).toContain("node_modules/pkg/readme.md");
  });

  it("can include hidden and ignored files, exclude globs and change extensions", async () => {
    const root = tree(FILES);
    expect((await list(root, ["."], { hidden: true, ignoreFiles: false, exclude: ["node_modules", "sub/deep/**"], extensions: ["txt"] })).files).toEqual([
      ".dot.txt",
      ".hidden/secret.txt",
      "a.txt",
      "build/out.txt",
      "keep.log.txt",
      "notes.log.txt",
      "sub/skip.txt",
    ]);
  });

  it("always takes explicitly named files, expands globs, and reports missing paths", async () => {
    const root = tree(FILES);
    const r = await list(root, ["build/out.txt", "image.png", "sub/**/*.txt", "missing.txt", "nothing/*.md", "a.txt"]);
    expect(r.files).toEqual(["build/out.txt!", "image.png!", "sub/deep/x.txt", "a.txt!"]);
    expect(r.errors).toEqual([
      { arg: "missing.txt", message: "no such file or directory" },
      { arg: "nothing/*.md", message: "no files match this pattern" },
    ]);
  });

  it("applies the .gitignore of the enclosing repository when walking a subfolder", async () => {
    const root = tree({ ".git/HEAD": "", ".gitignore": "deep/\n", "sub/deep/x.txt": "", "sub/y.txt": "" });
    expect((await list(join(root, "sub"), ["."])).files).toEqual(["y.txt"]);
  });
});
