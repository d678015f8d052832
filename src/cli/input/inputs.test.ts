import { spawnSync } from "node:child_process";
import { linkSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative, sep } from "node:path";
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
  it("follows links matched by a glob with follow (-L), as a folder walk does, and only then", async () => {
    const root = tree({ "real/r.txt": "x", "real/sub/s.txt": "y" });
    symlinkSync(join(root, "real", "r.txt"), join(root, "real", "li.txt"));
    symlinkSync(join(root, "real", "sub"), join(root, "real", "lsub.txt"));
    expect((await list(root, ["real/l*.txt"])).files).toEqual([]);
    expect((await list(root, ["real/l*.txt"], { follow: true })).files).toEqual(["real/li.txt"]);
    // The link to a file is listed, then done once, under its target's own path; the link to a folder is no file.
    const r = await collectInputs(["real/*.txt"], { cwd: root, hidden: false, ignoreFiles: true, exclude: [], extensions: DEFAULT_EXTENSIONS, follow: true });
    expect(r.files.map((f) => f.display)).toEqual(["real/r.txt"]);
    expect(r.notes).toEqual([{ arg: "real/li.txt", message: "the same file as real/r.txt (a link), restored once" }]);
    expect((await list(root, ["real/*.txt"])).files).toEqual(["real/r.txt"]);
  });

  it("lists a file reached by two paths (hard links, a file named twice over a link) once, with a note", async () => {
    const root = tree({ "a.txt": "x", "b.txt": "y" });
    linkSync(join(root, "a.txt"), join(root, "a-link.txt"));
    const r = await collectInputs(["."], { cwd: root, hidden: false, ignoreFiles: true, exclude: [], extensions: DEFAULT_EXTENSIONS });
    expect(r.files.map((f) => f.display)).toEqual(["a-link.txt", "b.txt"]);
    expect(r.notes).toEqual([{ arg: "a.txt", message: "the same file as a-link.txt (a link), restored once" }]);
  });

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
    const r = await list(root, ["build/out.txt", "image.png", "sub/**/*.txt", "missing.txt", "nothing/*.md", "a.txt", "a.txt/"]);
    expect(r.files).toEqual(["build/out.txt!", "image.png!", "sub/deep/x.txt", "a.txt!"]);
    expect(r.errors).toEqual([
      { arg: "missing.txt", message: "no such file or directory" },
      { arg: "nothing/*.md", message: "no files match this pattern" },
      { arg: "a.txt/", message: "not a folder (a file, named with a trailing /)" },
    ]);
  });

  it("applies the .gitignore of the enclosing repository when walking a subfolder", async () => {
    const root = tree({ ".git/HEAD": "", ".gitignore": "deep/\n", "sub/deep/x.txt": "", "sub/y.txt": "" });
    expect((await list(join(root, "sub"), ["."])).files).toEqual(["y.txt"]);
  });

  describe("honours .git/info/exclude for folders and globs alike", () => {
    const hasGit = spawnSync("git", ["--version"], { stdio: "ignore" }).status === 0;
    /** A repository "ig2" inside a folder that is not one; `git init` when available, else .git made by hand. */
    function repoInside(exclude: string, files: Record<string, string>): string {
      const outer = tree(Object.fromEntries(Object.entries(files).map(([n, c]) => [`ig2/${n}`, c])));
      const repo = join(outer, "ig2");
      if (hasGit) expect(spawnSync("git", ["init", "-q"], { cwd: repo }).status).toBe(0);
      mkdirSync(join(repo, ".git", "info"), { recursive: true });
      writeFileSync(join(repo, ".git", "info", "exclude"), exclude);
      return outer;
    }

    it("from outside the repository, with a glob as with the folder", async () => {
      const outer = repoInside("keep/\n", { "keep/d.txt": "", "e.txt": "" });
      expect((await list(outer, ["ig2"])).files).toEqual(["ig2/e.txt"]);
      expect((await list(outer, ["ig2/**/*.txt"])).files).toEqual(["ig2/e.txt"]);
      expect((await list(outer, ["."])).files).toEqual(["ig2/e.txt"]);
      expect((await list(outer, ["**/*.txt"])).files).toEqual(["ig2/e.txt"]);
      // From inside the repository, and from a folder elsewhere (a glob leading out of the current folder).
      expect((await list(join(outer, "ig2"), ["**/*.txt"])).files).toEqual(["e.txt"]);
      const elsewhere = tree({ "x.md": "" });
      // Each match is shown under the glob's base as given: absolute, or relative as written.
      const absolute = `${outer.split(sep).join("/")}/ig2/e.txt`;
      expect((await list(elsewhere, [`${outer.split(sep).join("/")}/ig2/**/*.txt`])).files).toEqual([absolute]);
      expect((await list(elsewhere, [`../${basename(outer)}/ig2/**/*.txt`])).files).toEqual([`../${basename(outer)}/ig2/e.txt`]);
      // --no-ignore turns it off for globs too.
      expect((await list(outer, ["ig2/**/*.txt"], { ignoreFiles: false })).files).toEqual(["ig2/e.txt", "ig2/keep/d.txt"]);
    });

    it("gives .gitignore precedence over info/exclude, as git does", async () => {
      const outer = repoInside("*.md\n", { ".gitignore": "!keep.md\n", "keep.md": "", "drop.md": "", "sub/.gitignore": "!sub.md\n", "sub/sub.md": "" });
      expect((await list(outer, ["ig2"])).files).toEqual(["ig2/keep.md", "ig2/sub/sub.md"]);
      expect((await list(outer, ["ig2/**/*.md"])).files).toEqual(["ig2/keep.md", "ig2/sub/sub.md"]);
    });

    it("reads the exclude file of a linked worktree's common git directory", async () => {
      // Hand-made layout of `git worktree add`: wt/.git is a file naming main/.git/worktrees/wt, whose commondir is ../..
      const root = tree({
        "main/.git/info/exclude": "private/\n",
        "main/.git/worktrees/wt/commondir": "../..\n",
        "wt/a.txt": "",
        "wt/private/b.txt": "",
      });
      writeFileSync(join(root, "wt", ".git"), `gitdir: ${join(root, "main", ".git", "worktrees", "wt")}\n`);
      expect((await list(root, ["wt/**/*.txt"])).files).toEqual(["wt/a.txt"]);
      expect((await list(join(root, "wt"), ["."])).files).toEqual(["a.txt"]);
    });
  });
});
