/** Folders: ignore rules, hidden and binary files, --write touching only changed files. Stand-in engine. */
import { chmodSync, readFileSync, statSync, utimesSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempTree } from "./helpers/run.js";

const SPUN = "The chief mentioned the plan.\n";
const CLEAN = "The chief said the plan.\n";

function project() {
  return tempTree({
    ".gitignore": "drafts/\n",
    "a.txt": SPUN,
    "b.md": "Intro mentioned.\n\n```\ncode mentioned\n```\n\nAnd `mentioned` inline, [link](https://x.org/mentioned).\n",
    "clean.txt": CLEAN,
    "drafts/d.txt": SPUN,
    ".hidden.txt": SPUN,
    ".private/p.txt": SPUN,
    "photo.txt": Buffer.from([0x47, 0x49, 0x46, 0x00, 0x6d, 0x65]),
    "latin1.txt": Buffer.from("caf\xe9 mentioned\n", "latin1"),
    "script.js": "// mentioned\n",
    "sub/c.html": '<p title="mentioned">He mentioned it.</p>\n',
  });
}

describe("folders", () => {
  it("reports changes in text files, respecting .gitignore, hidden files and binary files", async () => {
    const dir = project();
    const r = await runCli(["."], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      [
        "a.txt:1:11  mentioned → said",
        "    The chief [-mentioned-]{+said+} the plan.",
        "b.md:1:7  mentioned → said",
        "    Intro [-mentioned-]{+said+}.",
        "sub/c.html:1:25  mentioned → said",
        "    <p title=\"mentioned\">He [-mentioned-]{+said+} it.</p>",
        "",
      ].join("\n"),
    );
    expect(r.stderr).toContain("unspin: latin1.txt: not valid UTF-8");
    expect(r.stderr).toContain("unspin: photo.txt: binary file, skipped");
    expect(r.stderr).toMatch(/4 files checked in [\d.]+ s: 3 changes in 3 files \(run with -w to write them\), 2 skipped\n$/);
  });

  it("includes hidden and ignored files on request, and honours --exclude and --ext", async () => {
    const dir = project();
    const r = await runCli([".", "--hidden", "--no-ignore", "--exclude", "sub", "--ext", "txt,js", "--format", "json", "-q"], { cwd: dir });
    const files = r.out.trim().split("\n").map((l) => JSON.parse(l).file);
    expect(files).toEqual([".hidden.txt", ".private/p.txt", "a.txt", "drafts/d.txt", "script.js"]);
    expect(r.stderr).toBe("");
  });

  it("writes changed files only and leaves others untouched, mtime included", async () => {
    const dir = project();
    const old = new Date("2020-01-01T00:00:00Z");
    for (const f of ["a.txt", "clean.txt", "photo.txt"]) utimesSync(join(dir, f), old, old);
    const r = await runCli(["-w", "."], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, "a.txt"), "utf8")).toBe(CLEAN);
    expect(readFileSync(join(dir, "b.md"), "utf8")).toBe(
      "Intro said.\n\n```\ncode mentioned\n```\n\nAnd `mentioned` inline, [link](https://x.org/mentioned).\n",
    );
    expect(readFileSync(join(dir, "drafts/d.txt"), "utf8")).toBe(SPUN);
    expect(statSync(join(dir, "clean.txt")).mtime).toEqual(old);
    expect(statSync(join(dir, "photo.txt")).mtime).toEqual(old);
    expect(statSync(join(dir, "a.txt")).mtime).not.toEqual(old);
    expect(r.stderr).toMatch(/3 changes written to 3 files/);
  });

  it("refuses read-only files with a clear message, exit 2, original intact, others written", async () => {
    const dir = tempTree({ "ro.txt": SPUN, "rw.txt": SPUN });
    chmodSync(join(dir, "ro.txt"), 0o444);
    const r = await runCli(["-w", "ro.txt", "rw.txt"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unspin: ro.txt: file is read-only; not written\n");
    expect(readFileSync(join(dir, "ro.txt"), "utf8")).toBe(SPUN);
    expect(readFileSync(join(dir, "rw.txt"), "utf8")).toBe(CLEAN);
  });

  it("shows files as named: an absolute path stays absolute, a folder's files under the folder as given", async () => {
    const dir = project();
    const elsewhere = tempTree({ "x.md": "" });
    const files = async (args: string[]) => (await runCli(["-f", "json", ...args], { cwd: elsewhere })).out.trim().split("\n").map((l) => JSON.parse(l).file);
    expect(await files([join(dir, "a.txt")])).toEqual([join(dir, "a.txt")]);
    expect(await files([join(dir, "sub") + "/"])).toEqual([join(dir, "sub", "c.html")]);
    expect(await files([`../${basename(dir)}/./sub`])).toEqual([`../${basename(dir)}/sub/c.html`]);
    expect(await files([`${join(dir, "s*")}/*.html`])).toEqual([join(dir, "sub", "c.html")]);
    // Files named from inside the folder keep their short names.
    expect((await runCli(["-f", "brief", "./a.txt", "sub"], { cwd: dir })).out).toMatch(/^a\.txt:1:11 .*\nsub\/c\.html:1:/);
  });

  it("says so when a folder holds no text files", async () => {
    const dir = tempTree({ "x.bin": "mentioned" });
    const r = await runCli(["."], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("unspin: no text files found (see --ext, --hidden and --no-ignore)\n");
  });
});
