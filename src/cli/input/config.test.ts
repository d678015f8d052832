import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigResolver, dictionaryPaths, readConfigText, validateSettings } from "./config.js";
import { checkUserDictionary, parseDictArgument } from "./user-dictionaries.js";

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "unspin-config-"));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(root, name, ".."), { recursive: true });
    writeFileSync(join(root, name), content);
  }
  return root;
}

describe("configuration", () => {
  it("validates settings with messages naming the file", () => {
    expect(validateSettings({ level: "bold", neverTouch: ["Great Hall"] }, "x.json")).toEqual({ level: "bold", neverTouch: ["Great Hall"] });
    expect(() => validateSettings({ level: "wild" }, "x.json")).toThrow(/x\.json: "level" must be one of cautious, normal, bold/);
    expect(() => validateSettings({ levle: "bold" }, "x.json")).toThrow(/unknown setting "levle"/);
    expect(() => validateSettings({ threshold: "2" }, "x.json")).toThrow(/"threshold" must be a probability between 0 and 1 \(got "2"\)/);
    expect(() => validateSettings([], "x.json")).toThrow(/expected an object/);
    expect(validateSettings({ maxSize: 0.5 }, "x.json")).toEqual({ maxSize: 0.5 });
    for (const bad of [0, -1, "32", null, Infinity]) {
      expect(() => validateSettings({ maxSize: bad }, "x.json")).toThrow(/"maxSize" must be a number of MB > 0/);
    }
  });

  it("finds the nearest config upward, including package.json#unspin", async () => {
    const root = tree({
      ".unspinrc.json": JSON.stringify({ level: "cautious" }),
      "a/package.json": JSON.stringify({ name: "a", unspin: { level: "bold" } }),
      "a/b/c.txt": "",
      "d/package.json": JSON.stringify({ name: "d" }),
    });
    const r = new ConfigResolver(root);
    expect((await r.forDirectory(join(root, "a", "b"))).settings).toEqual({ level: "bold" });
    expect((await r.forDirectory(join(root, "d"))).settings).toEqual({ level: "cautious" });
  });

  it("reports broken JSON with file, line and column", async () => {
    const root = tree({ "unspin.config.json": '{\n  "level": "bold",\n}\n' });
    await expect(new ConfigResolver(root).forDirectory(root)).rejects.toThrow(/unspin\.config\.json: invalid JSON at line 3, column 1/);
  });

  it("uses --config instead of discovery", async () => {
    const root = tree({ ".unspinrc.json": "{}", "custom.json": JSON.stringify({ threshold: 0.7 }) });
    const r = new ConfigResolver(root, "custom.json");
    expect((await r.forDirectory(root)).settings).toEqual({ threshold: 0.7 });
    await expect(new ConfigResolver(root, "missing.json").forDirectory(root)).rejects.toThrow(/missing\.json: no such file/);
  });

  it("checks user dictionaries line by line, in every format", () => {
    expect(() => checkUserDictionary("# c\nmentioned\tsaid\n\n", "d.tsv")).not.toThrow();
    expect(() => checkUserDictionary("ok\tfine\nbroken line\n", "d.tsv")).toThrow(/d\.tsv, line 2/);
    expect(() => checkUserDictionary("big|large\n|huge\n", "t.txt")).toThrow(/t\.txt, line 2: .*the key is empty/);
    expect(() => checkUserDictionary("a\u0000b\tc\n", "bin.tsv")).toThrow(/binary file/);
  });

  it("accepts dictionaries as paths, kind:path or { path, kind } objects", () => {
    const dictionaries = ["a.tsv", "candidates:t.txt", { path: "/abs/c.csv", kind: "corrections" }, { path: "d.txt" }];
    const settings = validateSettings({ dictionaries }, "x.json");
    expect(dictionaryPaths({ filepath: "/p/x.json", dir: "/p", settings })).toEqual([
      { path: "/p/a.tsv" },
      { path: "/p/t.txt", kind: "candidates" },
      { path: "/abs/c.csv", kind: "corrections" },
      { path: "/p/d.txt" },
    ]);
    expect(() => validateSettings({ dictionaries: [{ path: "t.txt", kind: "maybe" }] }, "x.json")).toThrow(/"kind" of dictionary "t.txt" must be one of corrections, candidates/);
    expect(() => validateSettings({ dictionaries: [{ kind: "candidates" }] }, "x.json")).toThrow(/entry 1 has no "path"/);
    expect(() => validateSettings({ dictionaries: "a.tsv" }, "x.json")).toThrow(/"dictionaries" must be a list/);
    expect(parseDictArgument("candidates:x.txt")).toEqual({ path: "x.txt", kind: "candidates" });
    expect(parseDictArgument("C:/x.txt")).toEqual({ path: "C:/x.txt" });
  });
});

describe("the config search", () => {
  it("reports an empty or null configuration file instead of skipping it for a parent folder's", async () => {
    for (const [content, problem] of [
      ["", /the file is empty/],
      ["  \n", /the file is empty/],
      ["null", /expected an object of settings \(got null\)/],
      ["[]", /expected an object of settings \(got an array\)/],
    ] as const) {
      const root = tree({ ".unspinrc.json": JSON.stringify({ level: "cautious" }), "proj/.unspinrc.json": content, "proj/sub/a.txt": "x" });
      await expect(new ConfigResolver(root, undefined, root).forDirectory(join(root, "proj/sub"))).rejects.toThrow(problem);
    }
  });

  it("finds the same as before with package.json files on the way that have no unspin key", async () => {
    const root = tree({ ".unspinrc.json": JSON.stringify({ level: "bold" }), "a/package.json": JSON.stringify({ name: "x" }), "a/b/t.txt": "x" });
    const found = await new ConfigResolver(root, undefined, root).forDirectory(join(root, "a/b"));
    expect(found.filepath).toBe(join(root, ".unspinrc.json"));
    const none = tree({ "a/package.json": JSON.stringify({ name: "x" }), "a/b/t.txt": "x" });
    expect((await new ConfigResolver(none, undefined, none).forDirectory(join(none, "a/b"))).filepath).toBeNull();
  });

  it("never looks above the home folder for files inside it, with or without a repository in between", async () => {
    const root = tree({ ".unspinrc.json": JSON.stringify({ neverTouch: ["mentioned"] }), "home/proj/a.txt": "x", "home/repo/.git/HEAD": "x", "home/repo/b.txt": "x" });
    const home = join(root, "home");
    expect((await new ConfigResolver(root, undefined, home).forDirectory(join(home, "proj"))).filepath).toBeNull();
    expect((await new ConfigResolver(root, undefined, home).forDirectory(join(home, "repo"))).filepath).toBeNull();
    // Outside the home folder the search still goes up to the root.
    expect((await new ConfigResolver(root, undefined, join(root, "elsewhere")).forDirectory(join(home, "proj"))).filepath).toBe(join(root, ".unspinrc.json"));
  });

  it("takes a config path longer than the system allows as no config (a deep folder's probe), not as a broken one", () => {
    expect(readConfigText(`${tmpdir()}/${"d/".repeat(2200)}.unspinrc.json`)).toBeNull();
  });

  it("reads a discovered config only from a regular file of at most 1 MB, and names the file otherwise", async () => {
    // Before, a link to /dev/zero filled the memory and a FIFO blocked the run; only --config checked the file.
    for (const place of [".unspinrc.json", "unspin.config.json", "package.json"]) {
      const zero = tree({ "s/a.txt": "x" });
      symlinkSync("/dev/zero", join(zero, place));
      await expect(new ConfigResolver(zero, undefined, zero).forDirectory(join(zero, "s"))).rejects.toThrow(
        `cannot read configuration ${join(zero, place)}: not a regular file (a device, FIFO or socket), expected a file`,
      );
    }
    const fifo = tree({ "s/a.txt": "x" });
    execFileSync("mkfifo", [join(fifo, ".unspinrc.json")]);
    await expect(new ConfigResolver(fifo, undefined, fifo).forDirectory(join(fifo, "s"))).rejects.toThrow(/\.unspinrc\.json: not a regular file/);
    const big = tree({ "package.json": JSON.stringify({ name: "x", description: "x".repeat(1024 * 1024) }), "s/a.txt": "x" });
    await expect(new ConfigResolver(big, undefined, big).forDirectory(join(big, "s"))).rejects.toThrow(`cannot read configuration ${join(big, "package.json")}: larger than 1 MB`);
    const folder = tree({ "unspin.config.json/x": "", "s/a.txt": "x" });
    await expect(new ConfigResolver(folder, undefined, folder).forDirectory(join(folder, "s"))).rejects.toThrow(`cannot read configuration ${join(folder, "unspin.config.json")}: is a directory, expected a file`);
  });

  it("skips a package.json that is not an object or has no unspin key, and a dangling link", async () => {
    const root = tree({ ".unspinrc.json": JSON.stringify({ level: "bold" }), "a/package.json": "null", "a/b/package.json": JSON.stringify({ unspin: null }), "a/b/c/t.txt": "x" });
    symlinkSync(join(root, "nowhere.json"), join(root, "a/b/c/.unspinrc.json"));
    const found = await new ConfigResolver(root, undefined, root).forDirectory(join(root, "a/b/c"));
    expect(found.filepath).toBe(join(root, ".unspinrc.json"));
  });

  it("reads a config saved as UTF-16 with a byte-order mark, and says which encodings it reads", async () => {
    const settings = JSON.stringify({ level: "bold" });
    const utf16le = tree({ "s/a.txt": "x" });
    writeFileSync(join(utf16le, ".unspinrc.json"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(settings, "utf16le")]));
    expect((await new ConfigResolver(utf16le, undefined, utf16le).forDirectory(join(utf16le, "s"))).settings).toEqual({ level: "bold" });
    const utf16be = tree({ "s/a.txt": "x" });
    writeFileSync(join(utf16be, "package.json"), Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(JSON.stringify({ unspin: { level: "bold" } }), "utf16le").swap16()]));
    expect((await new ConfigResolver(utf16be, undefined, utf16be).forDirectory(join(utf16be, "s"))).settings).toEqual({ level: "bold" });
    // UTF-16 without the mark: named as such, not "invalid JSON (Unexpected token …)".
    const noBom = tree({ "s/a.txt": "x" });
    writeFileSync(join(noBom, ".unspinrc.json"), Buffer.from(settings, "utf16le"));
    await expect(new ConfigResolver(noBom, undefined, noBom).forDirectory(join(noBom, "s"))).rejects.toThrow(
      `cannot read configuration ${join(noBom, ".unspinrc.json")}: looks like UTF-16 without a byte-order mark`,
    );
    const latin1 = tree({ "s/a.txt": "x" });
    writeFileSync(join(latin1, "custom.json"), Buffer.from('{"neverTouch": ["caf\u00e9"]}', "latin1"));
    await expect(new ConfigResolver(latin1, "custom.json").forDirectory(latin1)).rejects.toThrow(/custom\.json: not valid UTF-8 \(unspin reads UTF-8 and UTF-16 with a byte-order mark\)/);
  });
});
