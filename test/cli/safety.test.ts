/**
 * Never write outside the tree, never lose an update, never hide a failure (issue 10, items 1–9). Stand-in engine
 * unless said otherwise; every case reproduces a failure of the CLI before it was fixed.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  existsSync,
  linkSync,
  lstatSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FAKE_CLI, runCli, tempTree, UNPRIVILEGED } from "./helpers/run.js";

const SPUN = "The chief mentioned the plan.\n";
const CLEAN = "The chief said the plan.\n";
const NO_STACK = /^\s+at /m;

describe("symbolic links (item 1)", () => {
  function linked() {
    const root = tempTree({ "o/notes": SPUN, "d/a.txt": SPUN, "d/sub/inside.md": SPUN });
    symlinkSync("../o/notes", join(root, "d/readme.md")); // leads outside d
    symlinkSync("sub/inside.md", join(root, "d/alias.md")); // stays inside d
    symlinkSync("../o", join(root, "d/outdir")); // a folder outside d
    return root;
  }

  it("-w DIR never writes through a link to a file outside DIR, and follows no link by default", async () => {
    const root = linked();
    const r = await runCli(["-w", "d"], { cwd: root });
    expect(r.code).toBe(0);
    expect(readFileSync(join(root, "o/notes"), "utf8")).toBe(SPUN);
    expect(readFileSync(join(root, "d/a.txt"), "utf8")).toBe(CLEAN);
    expect(readFileSync(join(root, "d/sub/inside.md"), "utf8")).toBe(CLEAN);
    expect(r.stderr).toMatch(/2 changes written to 2 files/);
  });

  it("--follow follows links that stay inside the folder given and names the ones that lead outside", async () => {
    const root = linked();
    const r = await runCli(["--follow", "--format", "json", "d"], { cwd: root });
    expect(r.code).toBe(0);
    // The link inside the folder leads to a file the walk lists itself: that file is restored once, under its own path.
    expect(r.out.trim().split("\n").map((l) => JSON.parse(l).file)).toEqual(["d/a.txt", "d/sub/inside.md"]);
    expect(r.stderr).toContain("unspin: d/alias.md: the same file as d/sub/inside.md (a link), restored once\n");
    expect(r.stderr).toContain("unspin: d/outdir: symbolic link to a path outside the folder given, skipped\n");
    expect(r.stderr).toContain("unspin: d/readme.md: symbolic link to a path outside the folder given, skipped\n");
    const w = await runCli(["-w", "-L", "-q", "d"], { cwd: root });
    expect(w.code).toBe(0);
    expect(readFileSync(join(root, "o/notes"), "utf8")).toBe(SPUN);
    expect(lstatSync(join(root, "d/alias.md")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(root, "d/sub/inside.md"), "utf8")).toBe(CLEAN);
  });

  it("a link named on the command line or matched by a glob is not written outside its folder", async () => {
    const root = linked();
    const r = await runCli(["-w", "readme.md"], { cwd: join(root, "d") });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`unspin: readme.md: leads to ${join(root, "o/notes")}, outside ${join(root, "d")} (a symbolic link); not written\n`);
    expect(readFileSync(join(root, "o/notes"), "utf8")).toBe(SPUN);
    const g = await runCli(["-w", "d/**/*.md"], { cwd: root });
    expect(g.code).toBe(0);
    expect(g.stderr).toMatch(/1 change written to 1 file/); // d/sub/inside.md; the links are not followed
    expect(readFileSync(join(root, "o/notes"), "utf8")).toBe(SPUN);
  });
});

describe("JavaScript config files (item 2)", () => {
  const EVIL = 'import { writeFileSync } from "node:fs";\nwriteFileSync(new URL("./ran", import.meta.url), "x");\nexport default {};\n';

  it("are not run from a folder above the project outside any repository or home (echo x | unspin in /tmp/…)", async () => {
    const shared = tempTree({ "unspin.config.js": EVIL, "work/a.txt": SPUN });
    const r = await runCli([], { cwd: join(shared, "work"), input: SPUN, env: { HOME: "/nonexistent-home" } });
    expect(r.code).toBe(0);
    expect(r.out).toBe(CLEAN);
    expect(existsSync(join(shared, "ran"))).toBe(false);
  });

  it("are refused, with the reason, in a folder everyone can write, even inside a repository", async () => {
    const repo = tempTree({ ".git/HEAD": "", "open/unspin.config.js": EVIL, "open/a.txt": SPUN });
    chmodSync(join(repo, "open"), 0o777);
    const r = await runCli(["a.txt"], { cwd: join(repo, "open") });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `unspin: refusing to run the JavaScript config ${join(repo, "open/unspin.config.js")}: its folder ${join(repo, "open")} is writable by everyone ` +
        "(use a JSON config such as .unspinrc.json, or fix the permissions)\n",
    );
    expect(existsSync(join(repo, "open/ran"))).toBe(false);
  });

  it("are refused when they are a link to a file in a folder everyone can write", async () => {
    const repo = tempTree({ ".git/HEAD": "", "ww/real.js": EVIL, "sub/a.txt": SPUN });
    chmodSync(join(repo, "ww"), 0o777);
    symlinkSync(join(repo, "ww/real.js"), join(repo, "sub/unspin.config.js"));
    const r = await runCli(["a.txt"], { cwd: join(repo, "sub") });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`it leads to ${join(repo, "ww/real.js")}, in a folder writable by everyone`);
    expect(existsSync(join(repo, "ww/ran"))).toBe(false);
    expect(existsSync(join(repo, "sub/ran"))).toBe(false);
  });

  it("still apply inside the project (repository root or home), and JSON configs anywhere above but the home folder", async () => {
    const home = tempTree({ "unspin.config.js": "export default { neverTouch: ['mentioned'] };\n", "p/a.txt": SPUN });
    expect((await runCli(["a.txt"], { cwd: join(home, "p"), env: { HOME: home } })).out).toBe(SPUN);
    const json = tempTree({ ".unspinrc.json": JSON.stringify({ neverTouch: ["mentioned"] }), "p/a.txt": SPUN, "elsewhere/x": "" });
    expect((await runCli(["a.txt"], { cwd: join(json, "p"), env: { HOME: join(json, "elsewhere") } })).out).toBe(SPUN);
    // Inside the home folder, never above it (docs/cli.md): a config there is someone else's.
    expect((await runCli(["a.txt"], { cwd: join(json, "p"), env: { HOME: join(json, "p") } })).out).not.toBe(SPUN);
  });
});

describe("closed pipes and full disks (item 4)", () => {
  const many = () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) files[`f${String(i).padStart(3, "0")}.txt`] = `File ${i}: ${SPUN}`;
    return tempTree(files);
  };

  it("`unspin -w dir | head -1` stops with exit 2 and says how far it got", async () => {
    const dir = many();
    const r = await runCli(["-w", "-j", "1", "."], { cwd: dir, closeStdoutAfter: 1 });
    expect(r.code).toBe(2);
    const m = /^unspin: output closed before everything was written \(broken pipe\); stopped after (\d+) of 300 inputs \((\d+) written\)$/m.exec(r.stderr);
    expect(m, r.stderr).not.toBeNull();
    expect(r.stderr).not.toMatch(NO_STACK);
    // What the message says was written is exactly what changed on disk.
    const written = readdirSync(dir).filter((f) => readFileSync(join(dir, f), "utf8").includes(" said ")).length;
    expect(written).toBe(Number(m![2]));
    expect(written).toBeLessThan(300);
  });

  it("`unspin --check dir | head -1` exits 1 (changes were found), not 0", async () => {
    const r = await runCli(["--check", "."], { cwd: many(), closeStdoutAfter: 1 });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/broken pipe/);
  });

  it.skipIf(!existsSync("/dev/full"))("`unspin file > /dev/full` exits 2 with one clear line, no stack trace", () => {
    const dir = tempTree({ "a.txt": SPUN });
    for (const args of [["a.txt"], ["--format", "json", "a.txt"], ["learn", "a.txt", "a.txt", "--all"]]) {
      const r = spawnSync("sh", ["-c", `"${process.execPath}" "${FAKE_CLI}" ${args.join(" ")} > /dev/full`], { cwd: dir, encoding: "utf8" });
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr).toBe("unspin: cannot write output: no space left on device\n");
    }
  });
});

describe("lost updates (item 5)", () => {
  it("a same-size change made while unspin runs, with the same modification time, is not overwritten", async () => {
    const dir = tempTree({ "a.txt": SPUN });
    const file = join(dir, "a.txt");
    utimesSync(file, 1_600_000_000, 1_600_000_000); // whole seconds, so the other program can restore them exactly
    const r = await runCli(["-w", "a.txt"], { cwd: dir, env: { FAKE_RESTORER_TAMPER: file } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unspin: a.txt: changed by another program since unspin read it; not written\n");
    expect(readFileSync(file, "utf8")).toBe(SPUN.toUpperCase());
  });
});

describe("unreadable and too-deep folders, bad -c (item 6)", () => {
  it("an unreadable subfolder is named, everything else is processed, exit 2", async () => {
    const dir = tempTree({ "a/one.txt": SPUN, "locked/x.txt": SPUN, "z/two.txt": SPUN });
    chmodSync(join(dir, "locked"), 0o000);
    if (UNPRIVILEGED) execFileSync("chown", ["-R", `${UNPRIVILEGED.uid}:${UNPRIVILEGED.gid}`, dir]);
    const r = await runCli(["-w", "."], { cwd: dir, ...(UNPRIVILEGED ?? {}) });
    chmodSync(join(dir, "locked"), 0o755);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unspin: locked: permission denied (folder skipped)\n");
    expect(readFileSync(join(dir, "a/one.txt"), "utf8")).toBe(CLEAN);
    expect(readFileSync(join(dir, "z/two.txt"), "utf8")).toBe(CLEAN);
    expect(readFileSync(join(dir, "locked/x.txt"), "utf8")).toBe(SPUN);
  });

  it("a folder nested deeper than the system's path limit is named and the rest is processed", async () => {
    const dir = tempTree({ "a.txt": SPUN, "z.txt": SPUN });
    const name = "d".repeat(200);
    // Built with relative mkdir/chdir steps: the full path is longer than any call with an absolute path may be.
    const script = `process.chdir(process.argv[1]); for (let i = 0; i < 24; i++) { fs.mkdirSync("${name}"); process.chdir("${name}"); } fs.writeFileSync("deep.txt", "${SPUN.trim()}");`;
    execFileSync(process.execPath, ["-e", script, dir]);
    const r = await runCli(["--format", "json", "."], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^unspin: (d{200}\/)+d{200}: file name too long \(folder skipped\)$/m);
    expect(r.out.trim().split("\n").map((l) => JSON.parse(l).file)).toEqual(["a.txt", "z.txt"]);
  });

  it("a missing or broken -c FILE is one clear line and exit 2, not a stack trace", async () => {
    const dir = tempTree({ "a.txt": SPUN, "bad.json": "{ nope" });
    const missing = await runCli(["-c", "missing.json", "a.txt"], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`unspin: cannot read configuration ${join(dir, "missing.json")}: no such file or directory\n`);
    const bad = await runCli(["-c", "bad.json", "--print-config", "a.txt"], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^unspin: cannot read configuration .*bad\.json: invalid JSON at line 1, column 3: unexpected character\n$/);
    const folder = await runCli(["-c", ".", "a.txt"], { cwd: dir });
    expect(folder.stderr).toBe(`unspin: cannot read configuration ${dir}: is a directory, expected a file\n`);
  });
});

describe("bounded reads, long names, leftovers (item 7)", () => {
  it("`learn` and `--dict` stop reading an endless input at the limit", async () => {
    const dir = tempTree({ "a.txt": SPUN });
    const learn = await runCli(["learn", "a.txt", "/dev/zero"], { cwd: dir });
    expect(learn.code).toBe(2);
    expect(learn.stderr).toBe("unspin: /dev/zero: more than the 32 MB limit arrived; stopped reading\n");
    const dict = await runCli(["--dict", "/dev/zero", "a.txt"], { cwd: dir });
    expect(dict.code).toBe(2);
    expect(dict.stderr).toBe("unspin: cannot read dictionary /dev/zero: more than the 64 MB limit for dictionaries\n");
  });

  it("writes files whose names are near the 255-byte limit", async () => {
    const name = `${"é".repeat(124)}.txt`; // 252 bytes
    const dir = tempTree({ [name]: SPUN });
    const r = await runCli(["-w", name], { cwd: dir });
    expect(r.stderr).toMatch(/1 change written to 1 file/);
    expect(readFileSync(join(dir, name), "utf8")).toBe(CLEAN);
    expect(readdirSync(dir)).toEqual([name]);
  });

  it("removes temporary files left by a killed run, and names a backup of an interrupted in-place write", async () => {
    const dir = tempTree({ "a.txt": SPUN, "b.txt": CLEAN, ".a.txt.unspin-999999-0123abcd.tmp": "half", ".b.txt.unspin-999998-0123abcd.bak": CLEAN });
    const old = new Date(Date.now() - 3600_000);
    utimesSync(join(dir, ".a.txt.unspin-999999-0123abcd.tmp"), old, old);
    utimesSync(join(dir, ".b.txt.unspin-999998-0123abcd.bak"), old, old);
    const r = await runCli(["-w", "."], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("unspin: .a.txt.unspin-999999-0123abcd.tmp: removed (temporary file left by an interrupted run)\n");
    expect(r.stderr).toContain("unspin: .b.txt.unspin-999998-0123abcd.bak: the text of b.txt from before an interrupted write; compare the two, then remove it\n");
    expect(readdirSync(dir).sort()).toEqual([".b.txt.unspin-999998-0123abcd.bak", "a.txt", "b.txt"]);
  });

  for (const signal of ["SIGHUP", "SIGQUIT"] as const) {
    it(`cleans up its temporary files on ${signal}`, async () => {
      const files: Record<string, string> = {};
      for (let i = 0; i < 120; i++) files[`f${String(i).padStart(3, "0")}.txt`] = `File ${i}: ${SPUN}` + "Filler that stays. ".repeat(2000);
      const dir = tempTree(files);
      const child = spawn(process.execPath, [FAKE_CLI, "-w", "-j", "1", "-q", "."], { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
      child.stderr.resume();
      await new Promise<void>((resolve) => {
        const timer = setInterval(() => {
          if (readFileSync(join(dir, "f000.txt"), "utf8").includes(" said ")) {
            clearInterval(timer);
            resolve();
          }
        }, 1);
      });
      child.kill(signal);
      const [code] = await new Promise<[number | null]>((r) => child.on("close", (c) => r([c])));
      expect(code).toBe(signal === "SIGHUP" ? 129 : 131);
      expect(readdirSync(dir).filter((f) => f.startsWith("."))).toEqual([]);
    });
  }
});

describe("--diff of files with a byte-order mark or in UTF-16 (item 8)", () => {
  const enc = (t: string, e: string) =>
    e === "bom"
      ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t)])
      : e === "le"
        ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, "utf16le")])
        : Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(t, "utf16le").swap16()]);
  const TEXT = "The chief mentioned the plan.\r\nNothing here.\nOne more line.\nShe mentioned it again";

  it.skipIf(spawnSync("git", ["--version"]).status !== 0 || spawnSync("patch", ["--version"]).status !== 0)(
    "applies with git apply and with patch -p1, giving what -w writes",
    async () => {
      const files = { "bom.txt": enc(TEXT, "bom"), "le.txt": enc(TEXT, "le"), "be.txt": enc(TEXT, "be") };
      const dir = tempTree(files);
      const diff = await runCli(["--diff", "."], { cwd: dir });
      expect(diff.code).toBe(0);
      const expected = tempTree(files);
      await runCli(["-w", "."], { cwd: expected });
      for (const tool of ["git", "patch"]) {
        const copy = tempTree(files);
        if (tool === "git") execFileSync("git", ["apply", "-"], { cwd: copy, input: diff.stdout });
        else execFileSync("patch", ["-p1", "--quiet"], { cwd: copy, input: diff.stdout });
        for (const f of Object.keys(files)) expect(readFileSync(join(copy, f)).equals(readFileSync(join(expected, f))), `${tool} ${f}`).toBe(true);
      }
    },
  );
});

describe("--diff of a file outside the working folder", () => {
  it.skipIf(spawnSync("git", ["--version"]).status !== 0 || spawnSync("patch", ["--version"]).status !== 0)(
    "names it by its absolute path, which git apply and patch -p1 apply from /",
    async () => {
      const files = { "a.txt": "She mentioned {it}.\n", "sub/b.txt": "" };
      const dir = realpathSync(tempTree(files));
      const diff = await runCli(["--diff", "../a.txt"], { cwd: join(dir, "sub") });
      expect(diff.code).toBe(0);
      const name = join(dir, "a.txt").slice(1);
      expect(diff.out).toBe(`--- a/${name}\n+++ b/${name}\n@@ -1 +1 @@\n-She mentioned {it}.\n+She said it.\n`);
      execFileSync("patch", ["-p1", "--quiet", "-d", "/"], { input: diff.stdout });
      expect(readFileSync(join(dir, "a.txt"), "utf8")).toBe("She said it.\n");
      writeFileSync(join(dir, "a.txt"), files["a.txt"]);
      execFileSync("git", ["apply", "-"], { cwd: "/", input: diff.stdout });
      expect(readFileSync(join(dir, "a.txt"), "utf8")).toBe("She said it.\n");
    },
  );
});

describe("file names with control characters", () => {
  const TITLE = "\x1b]0;TITLE\x07.txt";
  const QUOTED = '"t/\\033]0;TITLE\\a.txt"';

  it("never reach the terminal raw in errors that quote a path as written (a dictionary, a config)", async () => {
    const dir = tempTree({ "d\x1b[31m/bad.tsv": "no tab here\n", "c\x1b]0;X\x07/.unspinrc.json": "{ broken", "c\x1b]0;X\x07/a.txt": "x\n", "a.txt": "x\n" });
    const outputs = await Promise.all([runCli(["--dict", "d\x1b[31m/bad.tsv", "a.txt"], { cwd: dir }), runCli(["c\x1b]0;X\x07/a.txt"], { cwd: dir })]);
    for (const r of outputs) {
      expect(r.code).toBe(2);
      expect(r.stderr).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
      expect(r.stderr).toContain("\\033");
    }
  });

  it("never reach the terminal raw: every human-readable output C-quotes them, JSON keeps the real name", async () => {
    const dir = tempTree({ [`t/${TITLE}`]: "She mentioned it.\n", "t/a\nb.txt": "He mentioned it.\n", [`u/\x1b[31m.txt`]: Buffer.from([0, 1]) });
    const outputs = await Promise.all(
      [["t"], ["-f", "brief", "t"], ["-l", "t"], ["--check", "t"], ["-f", "html", "t"], ["u"], ["u/\x1b[31m.txt"], ["missing\x1b[2J"]].map((args) => runCli(args, { cwd: dir })),
    );
    for (const r of outputs) expect(r.out + r.stderr).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    const [report, brief, files, , , note, error, missing] = outputs;
    expect(report!.out).toContain(`${QUOTED}:1:5  mentioned → said\n`);
    // One line per change, and one name per line, even for a name holding a newline.
    expect(brief!.out).toBe(`${QUOTED}:1:5  mentioned → said\n` + '"t/a\\nb.txt":1:4  mentioned → said\n');
    expect(files!.out).toBe(`${QUOTED}\n"t/a\\nb.txt"\n`);
    expect(note!.stderr).toContain('unspin: "u/\\033[31m.txt": ');
    expect(error!.stderr).toContain('unspin: "u/\\033[31m.txt": ');
    expect(missing!.stderr).toContain('unspin: "missing\\033[2J": ');
    const json = await runCli(["-f", "json", "t"], { cwd: dir });
    expect(json.out.trim().split("\n").map((l) => JSON.parse(l).file)).toEqual([`t/${TITLE}`, "t/a\nb.txt"]);
  });

  it("are quoted in the prompts of the interactive review", async () => {
    const dir = tempTree({ [TITLE]: "She mentioned it.\n" });
    const r = await runCli(["-i", TITLE], { cwd: dir, input: "y\n" });
    expect(r.out).not.toMatch(/\x1b/);
    expect(r.out).toContain('"\\033]0;TITLE\\a.txt":1:5  mentioned → said\n');
    expect(readFileSync(join(dir, TITLE), "utf8")).toBe("She said it.\n");
  });
});

describe("-w keeps hard links, extended attributes and the owner (item 9)", () => {
  it("keeps a hard link pointing at the new text", async () => {
    const dir = tempTree({ "a.txt": SPUN });
    linkSync(join(dir, "a.txt"), join(dir, "b.txt"));
    const ino = statSync(join(dir, "a.txt")).ino;
    const r = await runCli(["-w", "a.txt"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, "b.txt"), "utf8")).toBe(CLEAN);
    expect(statSync(join(dir, "a.txt")).ino).toBe(ino);
    expect(statSync(join(dir, "a.txt")).nlink).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(["a.txt", "b.txt"]);
  });

  const python = spawnSync("python3", ["-c", "import os; os.listxattr"]).status === 0;
  it.skipIf(!python)("keeps extended attributes (set and read with python3's os.setxattr)", async (ctx) => {
    const dir = tempTree({ "a.txt": SPUN });
    const file = join(dir, "a.txt");
    const set = spawnSync("python3", ["-c", "import os,sys; os.setxattr(sys.argv[1], 'user.unspin-test', b'kept')", file]);
    if (set.status !== 0) ctx.skip(); // this file system refuses user extended attributes
    const r = await runCli(["-w", "a.txt"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readFileSync(file, "utf8")).toBe(CLEAN);
    const got = execFileSync("python3", ["-c", "import os,sys; print(os.getxattr(sys.argv[1], 'user.unspin-test').decode())", file], { encoding: "utf8" });
    expect(got.trim()).toBe("kept");
  });

  it.skipIf(UNPRIVILEGED === null)("keeps the owner when unspin runs as another user who may write the file", async () => {
    const dir = tempTree({ "a.txt": SPUN });
    const file = join(dir, "a.txt");
    chownSync(dir, UNPRIVILEGED!.uid, UNPRIVILEGED!.gid); // the folder is the runner's, the file someone else's
    chownSync(file, 0, 0);
    chmodSync(file, 0o666);
    const r = await runCli(["-w", "a.txt"], { cwd: dir, ...UNPRIVILEGED! });
    expect(r.code).toBe(0);
    expect(readFileSync(file, "utf8")).toBe(CLEAN);
    expect(statSync(file).uid).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o666);
  });
});

describe("mistakes on the command line stop the run before anything is read or written", () => {
  it("an empty path (an unset shell variable) is an error, never the current folder", async () => {
    const root = tempTree({ "a.txt": SPUN, "sub/b.txt": SPUN });
    for (const args of [["-w", ""], ["--check", "", "a.txt"], ["scan", ""], ["learn", "", "a.txt"], ["-c", "", "a.txt"], ["--dict", "", "a.txt"], ["--print-config", ""]]) {
      const r = await runCli(args, { cwd: root });
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toMatch(/empty path/);
      expect(r.stderr).not.toMatch(NO_STACK);
    }
    expect(readFileSync(join(root, "a.txt"), "utf8")).toBe(SPUN);
    expect(readFileSync(join(root, "sub/b.txt"), "utf8")).toBe(SPUN);
  });

  it("--jsonl takes no paths and no options of the file modes", async () => {
    const root = tempTree({ "a.txt": SPUN });
    const record = JSON.stringify({ id: 1, text: SPUN }) + "\n";
    for (const [args, message] of [
      [["--jsonl", "a.txt"], /takes no paths/],
      [["scan", "--jsonl", "a.txt"], /takes no paths/],
      [["--jsonl", "-w"], /cannot be combined with --write/],
      [["--jsonl", "--check", "--format", "json"], /cannot be combined with --check, --format/],
      [["--jsonl", "--diff"], /cannot be combined with --diff/],
    ] as const) {
      const r = await runCli([...args], { cwd: root, input: record });
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toMatch(message);
      expect(r.out).toBe("");
    }
    expect(readFileSync(join(root, "a.txt"), "utf8")).toBe(SPUN);
  });

  it("an empty --ext list, a --dict kind without a file, and --print-config with other paths are errors", async () => {
    const root = tempTree({ "a.txt": SPUN, "b.txt": SPUN });
    for (const [args, message] of [
      [["--check", "--ext", "", "."], /--ext: expected a comma-separated list/],
      [["--check", "--ext", ",,", "."], /--ext: expected a comma-separated list/],
      [["scan", "--ext", "", "."], /--ext: expected a comma-separated list/],
      [["--dict", "candidates:", "a.txt"], /expected a file after "candidates:"/],
      [["--print-config", "a.txt", "b.txt"], /takes no other paths/],
    ] as const) {
      const r = await runCli([...args], { cwd: root });
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toMatch(message);
    }
  });
});

describe("the files unspin runs on", () => {
  it("never restores the dictionaries or the config file it runs on, however they are named or reached", async () => {
    const table = "said|stated|mentioned|remarked\n";
    const pairs = "he mentioned\the said\n";
    const dir = tempTree({
      ".unspinrc.json": JSON.stringify({ dictionaries: ["./unspin/terms.tsv", { path: "./unspin/spinner-table.txt", kind: "candidates" }] }),
      "unspin/terms.tsv": pairs,
      "unspin/spinner-table.txt": table,
      "ours.txt": pairs,
      "a.txt": "He mentioned it.\n",
    });
    linkSync(join(dir, "unspin/terms.tsv"), join(dir, "also-terms.txt")); // the same file by another name
    // Before, -w rewrote them: "said|said|said|said", "he said<TAB>he said".
    const r = await runCli(["-w", "--dict", "./ours.txt", "."], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^1 file checked in .*: 1 change written to 1 file\n$/);
    expect(readFileSync(join(dir, "a.txt"), "utf8")).toBe("He said it.\n");
    expect(readFileSync(join(dir, "unspin/spinner-table.txt"), "utf8")).toBe(table);
    expect(readFileSync(join(dir, "unspin/terms.tsv"), "utf8")).toBe(pairs);
    expect(readFileSync(join(dir, "ours.txt"), "utf8")).toBe(pairs);
    expect(r.out).not.toMatch(/terms|table|ours/);
    // --check does not report them, even with .json taken from folders.
    writeFileSync(join(dir, "a.txt"), "He mentioned it.\n");
    const check = await runCli(["--check", "-l", "--ext", "txt,tsv,json", "--hidden", "--dict", "ours.txt", "."], { cwd: dir });
    expect([check.code, check.out]).toEqual([1, "a.txt\n"]);
    // Named on the command line: refused with a message, exit 2; the other files are still restored.
    const named = await runCli(["-w", "--dict", join(dir, "ours.txt"), "ours.txt", "unspin/spinner-table.txt", ".unspinrc.json", "a.txt"], { cwd: dir });
    expect(named.code).toBe(2);
    expect(named.stderr).toContain("unspin: ours.txt: a dictionary in use (--dict), not a text to restore; not read");
    expect(named.stderr).toContain(`unspin: unspin/spinner-table.txt: a dictionary in use (listed in ${join(dir, ".unspinrc.json")}), not a text to restore; not read`);
    expect(named.stderr).toContain("unspin: .unspinrc.json: the configuration in use, not a text to restore; not read");
    expect(readFileSync(join(dir, "a.txt"), "utf8")).toBe("He said it.\n");
    expect(readFileSync(join(dir, "ours.txt"), "utf8")).toBe(pairs);
    expect(readFileSync(join(dir, "unspin/spinner-table.txt"), "utf8")).toBe(table);
  });
});
