/** Configuration discovery, --config, --print-config, broken configs, inline directives. Stand-in engine. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempTree } from "./helpers/run.js";

describe("configuration", () => {
  it("is discovered upward from each file; the nearest wins", async () => {
    const dir = tempTree({
      ".unspinrc.json": JSON.stringify({ neverTouch: ["mentioned"] }),
      "a.txt": "He mentioned {it}.\n",
      "pkg/package.json": JSON.stringify({ name: "pkg", unspin: { neverTouch: ["{it}"] } }),
      "pkg/b.txt": "He mentioned {it}.\n",
    });
    const r = await runCli(["--format", "json", "."], { cwd: dir });
    expect(r.out.trim().split("\n").map((l) => `${JSON.parse(l).file} ${JSON.parse(l).before}`)).toEqual(["a.txt {it}", "pkg/b.txt mentioned"]);
  });

  it("applies include and exclude globs to files found in folders", async () => {
    const dir = tempTree({
      "unspin.config.json": JSON.stringify({ include: ["articles/**"], exclude: ["**/draft-*"] }),
      "articles/one.txt": "mentioned\n",
      "articles/draft-two.txt": "mentioned\n",
      "other.txt": "mentioned\n",
    });
    const r = await runCli(["--format", "json", "."], { cwd: dir });
    expect(r.out.trim().split("\n").map((l) => JSON.parse(l).file)).toEqual(["articles/one.txt"]);
    // Named files are always processed.
    expect((await runCli(["other.txt"], { cwd: dir })).out).toBe("said\n");
  });

  it("reads a JavaScript config inside a repository and --config replaces discovery", async () => {
    const dir = tempTree({
      ".git/HEAD": "ref: refs/heads/main\n",
      "unspin.config.js": "export default { neverTouch: ['mentioned'] };\n",
      "alt.json": JSON.stringify({ neverTouch: [] }),
      "a.txt": "mentioned\n",
    });
    expect((await runCli(["a.txt"], { cwd: dir })).out).toBe("mentioned\n");
    expect((await runCli(["--config", "alt.json", "a.txt"], { cwd: dir })).out).toBe("said\n");
  });

  it("loads a JavaScript config in a package without \"type\" with nothing on stderr, not even a Node warning", async () => {
    const dir = tempTree({
      ".git/HEAD": "ref: refs/heads/main\n",
      "package.json": JSON.stringify({ name: "site" }),
      "unspin.config.js": "export default { neverTouch: ['mentioned'] };\n",
      "a.txt": "mentioned\n",
    });
    for (const args of [["a.txt"], ["-q", "a.txt"]]) {
      const r = await runCli(args, { cwd: dir });
      expect(r).toMatchObject({ code: 0, out: "mentioned\n", stderr: "" });
    }
    // Other warnings still show (the one held back is only MODULE_TYPELESS_PACKAGE_JSON).
    writeFileSync(join(dir, "unspin.config.js"), "process.emitWarning('from the config', { code: 'MINE' });\nexport default {};\n");
    expect((await runCli(["a.txt"], { cwd: dir })).stderr).toMatch(/\[MINE\] Warning: from the config/);
  });

  it("prints the configuration in effect for a file", async () => {
    const dir = tempTree({ ".unspinrc.json": JSON.stringify({ level: "cautious", dictionaries: ["words.tsv"] }), "words.tsv": "spun\torig\n", "x/a.txt": "" });
    const r = await runCli(["--print-config", "x/a.txt", "--never-touch", "Great Hall"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      configFile: join(dir, ".unspinrc.json"),
      level: "cautious",
      assumeSpun: false,
      neverTouch: ["Great Hall"],
      dictionaries: [join(dir, "words.tsv")],
      include: [],
      exclude: [],
      maxSize: 32,
    });
  });

  it("prints the configuration of the files in a folder for --print-config FOLDER, the folder's own config included", async () => {
    const dir = tempTree({ "d/.unspinrc.json": JSON.stringify({ level: "bold" }), "d/a.txt": "x\n", "e/b.txt": "x\n" });
    const forFolder = await runCli(["--print-config", "d"], { cwd: dir });
    expect(forFolder.code).toBe(0);
    expect(JSON.parse(forFolder.out)).toMatchObject({ configFile: join(dir, "d/.unspinrc.json"), level: "bold" });
    expect(forFolder.out).toBe((await runCli(["--print-config", "d/a.txt"], { cwd: dir })).out);
    expect(JSON.parse((await runCli(["--print-config", "e/"], { cwd: dir })).out)).toMatchObject({ configFile: null, level: "normal" });
  });

  it("stops with exit 2 and names the file and problem when a config or dictionary is broken", async () => {
    const dir = tempTree({ "sub/.unspinrc.json": '{ "level": "bold", }', "sub/a.txt": "He mentioned it.\n", "b.txt": "He mentioned it.\n" });
    const r = await runCli(["-w", "b.txt", "sub"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`unspin: cannot read configuration ${join(dir, "sub/.unspinrc.json")}: invalid JSON at line 1, column 20: a property name in double quotes was expected\n`);
    expect(readFileSync(join(dir, "b.txt"), "utf8")).toBe("He mentioned it.\n"); // nothing written

    const bad = tempTree({ ".unspinrc.json": JSON.stringify({ level: "wild" }), "a.txt": "x\n" });
    const r2 = await runCli(["a.txt"], { cwd: bad });
    expect(r2.code).toBe(2);
    expect(r2.stderr).toBe(`unspin: invalid configuration in ${join(bad, ".unspinrc.json")}: "level" must be one of cautious, normal, bold (got "wild")\n`);

    const dict = tempTree({ "d.tsv": "good\tfine\nno tab here\n", "a.txt": "x\n" });
    const r3 = await runCli(["--dict", "d.tsv", "a.txt"], { cwd: dict });
    expect(r3.code).toBe(2);
    expect(r3.stderr).toBe(`unspin: invalid dictionary ${join(dict, "d.tsv")}, line 2: expected "spun<TAB>original", got "no tab here"\n`);
  });

  it("honours inline directives in any comment syntax", async () => {
    const text = [
      "one mentioned",
      "two mentioned <!-- unspin-ignore-line -->",
      "<!-- unspin-disable -->",
      "three mentioned",
      "<!-- unspin-enable -->",
      "# unspin-ignore-next-line",
      "four mentioned",
      "five mentioned",
      "",
    ].join("\n");
    const r = await runCli([], { input: text });
    expect(r.out).toBe(text.replace("one mentioned", "one said").replace("five mentioned", "five said"));
  });
});
