// The CLI's entry point imports the rest; nothing imports it back (shared types live in io.ts and errors.ts).
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const CLI = dirname(fileURLToPath(import.meta.url));
const MAIN = join(CLI, "main");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/**
 * Every relative module path a source names, in any form: `import … from`, `export … from`, `import("…")` (also as a
 * type), `new URL("…", import.meta.url)`. Any string literal that starts with ./ or ../ counts, so no form slips by.
 */
function relativeSpecifiers(text: string): string[] {
  return [...text.matchAll(/["'`](\.\.?\/[^"'`\s]*)["'`]/g)].map((m) => m[1]!);
}

/** The modules of `file` whose relative specifiers resolve to src/cli/main.{ts,js}. */
function importsOfMain(file: string, text: string): string[] {
  return relativeSpecifiers(text).filter((spec) => resolve(dirname(file), spec).replace(/\.(js|ts)$/, "") === MAIN);
}

describe("src/cli structure", () => {
  it("recognises every way of naming main.ts", () => {
    const file = join(CLI, "commands", "example.ts");
    expect(importsOfMain(file, 'import type { Io } from "../main.js";')).toEqual(["../main.js"]);
    expect(importsOfMain(file, 'const m = await import("../main.js");')).toEqual(["../main.js"]);
    expect(importsOfMain(file, 'type T = import("../main.js").Io;')).toEqual(["../main.js"]);
    expect(importsOfMain(file, 'new URL("../main.js", import.meta.url)')).toEqual(["../main.js"]);
    expect(importsOfMain(join(CLI, "x.ts"), "import { main } from './main.js';")).toEqual(["./main.js"]);
    expect(importsOfMain(file, 'import type { Io } from "../io.js";')).toEqual([]);
    expect(importsOfMain(file, 'import { run } from "./main.js";')).toEqual([]); // commands/main.js, another module
  });

  it("no module under src/cli imports main.ts", () => {
    // pipe.ts is an entry point too (the bundled bare pipe, see scripts/bundle-pipe.mjs): it runs main(), as bin/ does.
    const entries = [`${MAIN}.ts`, join(CLI, "pipe.ts"), fileURLToPath(import.meta.url)];
    const files = sources(CLI).filter((f) => !entries.includes(f));
    expect(files.length).toBeGreaterThan(30);
    const offenders = files.flatMap((f) => importsOfMain(f, readFileSync(f, "utf8")).map((s) => `${relative(CLI, f)}: ${s}`));
    expect(offenders).toEqual([]);
  });

  it("main.ts itself is the one that imports the rooms", () => {
    const specs = relativeSpecifiers(readFileSync(`${MAIN}.ts`, "utf8"));
    for (const room of ["./input/", "./report/", "./run/", "./write/", "./commands/"]) {
      expect(specs.some((s) => s.startsWith(room))).toBe(true);
    }
  });
});
