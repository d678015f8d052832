/** --interactive driven by scripted stdin. Stand-in engine. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempTree } from "./helpers/run.js";

describe("interactive review", () => {
  it("accepts, rejects and edits change by change, showing file:line and context first", async () => {
    const dir = tempTree({ "a.txt": "One mentioned {x}.\nTwo mentioned {y}.\n" });
    const r = await runCli(["-i", "a.txt"], { cwd: dir, input: "y\nn\ne\nstated\n?\nd\n" });
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, "a.txt"), "utf8")).toBe("One said {x}.\nTwo stated {y}.\n");
    expect(r.out).toContain("a.txt:1:5  mentioned → said\n    One [-mentioned-]{+said+} {x}.\n    probability 0.90 · signature:mentioned→said\nRestore? [y,n,e,a,d,x,q,?] y\n");
    expect(r.out).toContain('Replace "mentioned" with: stated\n');
    expect(r.out).toContain("q - quit; changes accepted so far are written");
    expect(r.stderr).toMatch(/2 changes written to 1 file/);
  });

  it("accepts or rejects all of a kind across files, and quit writes what was accepted", async () => {
    const dir = tempTree({ "a.txt": "mentioned {x} mentioned\n", "b.txt": "Mentioned {z}\n", "c.txt": "mentioned\n" });
    const r = await runCli(["-i", "a.txt", "b.txt", "c.txt"], { cwd: dir, input: "a\nn\nq\n" });
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, "a.txt"), "utf8")).toBe("said {x} said\n");
    // "Mentioned → Said" is the same kind (case ignored); then {z} is asked and the session quits.
    expect(readFileSync(join(dir, "b.txt"), "utf8")).toBe("Said {z}\n");
    expect(readFileSync(join(dir, "c.txt"), "utf8")).toBe("mentioned\n");
  });

  it("is refused with --write or --check, and changes nothing then", async () => {
    const dir = tempTree({ "a.txt": "One mentioned {x}.\n" });
    for (const [flag, message] of [
      ["--write", "unspin: --interactive already writes what you accept; drop --write.\n"],
      ["--check", "unspin: --interactive writes what you accept, --check changes nothing: use one of them.\n"],
    ]) {
      const r = await runCli(["-i", flag!, "a.txt"], { cwd: dir, input: "y\ny\n" });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(message);
    }
    expect(readFileSync(join(dir, "a.txt"), "utf8")).toBe("One mentioned {x}.\n");
  });

  it("quit still restores the later changes in the file of a kind accepted with a", async () => {
    const dir = tempTree({ "a.txt": "mentioned {x} mentioned {y}\n" });
    const r = await runCli(["-i", "a.txt"], { cwd: dir, input: "a\nq\n" });
    expect(r.code).toBe(0);
    // {x} was asked and the session quit: the second "mentioned" was accepted by the "a", {y} was never asked.
    expect(readFileSync(join(dir, "a.txt"), "utf8")).toBe("said {x} said {y}\n");
    expect(r.stderr).toMatch(/2 changes written to 1 file/);
  });

  it("treats end of input as quit", async () => {
    const dir = tempTree({ "a.txt": "mentioned mentioned\n" });
    const r = await runCli(["-i", "a.txt"], { cwd: dir, input: "y\n" });
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, "a.txt"), "utf8")).toBe("said mentioned\n");
  });

  it("saves never-touch words to the project's config", async () => {
    const dir = tempTree({ "package.json": JSON.stringify({ name: "p", unspin: { level: "normal" } }, null, 2), "docs/a.txt": "mentioned {x}\n" });
    const r = await runCli(["-i", "docs/a.txt"], { cwd: dir, input: "x\ny\n" });
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).unspin).toEqual({ level: "normal", neverTouch: ["mentioned"] });
    expect(r.stderr).toContain(`added ["mentioned"] to neverTouch in ${join(dir, "package.json")}`);
    expect(readFileSync(join(dir, "docs/a.txt"), "utf8")).toBe("mentioned x\n");
    // The next run leaves the word alone.
    expect((await runCli(["docs/a.txt"], { cwd: dir })).out).toBe("mentioned x\n");
  });

  it("creates .unspinrc.json at the project root when there is no config", async () => {
    const dir = tempTree({ ".git/HEAD": "", "sub/a.txt": "mentioned\n" });
    await runCli(["-i", "sub/a.txt"], { cwd: dir, input: "x\n" });
    expect(JSON.parse(readFileSync(join(dir, ".unspinrc.json"), "utf8"))).toEqual({ neverTouch: ["mentioned"] });
  });

  it("refuses stdin as the text source and --write", async () => {
    expect((await runCli(["-i", "-"], { input: "x" })).stderr).toMatch(/reads your answers from stdin/);
    expect((await runCli(["-i", "-w", "a.txt"])).code).toBe(2);
  });
});
