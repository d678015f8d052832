/**
 * The README's library examples show the real output: every `expression; // JSON` line of a js block in the
 * "Library" section is evaluated after the code before it and compared with the JSON. When the engine changes on
 * purpose, copy the printed line into the README.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as lib from "../src/index.js";
import { ROOT } from "./cli/helpers/run.js";

const readme = readFileSync(join(ROOT, "README.md"), "utf8");
const library = readme.slice(readme.indexOf("\n## Library\n"), readme.indexOf("\n## ", readme.indexOf("\n## Library\n") + 5));
const blocks = [...library.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]!);

interface Check {
  expr: string;
  json: string;
}

function split(block: string): { code: string; checks: Check[] } {
  const code: string[] = [];
  const checks: Check[] = [];
  for (const line of block.split("\n")) {
    if (/^import .* from "unspin";$/.test(line)) continue;
    const m = /^([^/].*?);\s*\/\/ (.+)$/.exec(line);
    if (m) {
      try {
        JSON.parse(m[2]!);
        checks.push({ expr: m[1]!, json: m[2]! });
        continue;
      } catch {
        /* an explanatory comment, not a result */
      }
    }
    code.push(line);
  }
  return { code: code.join("\n"), checks };
}

describe("README library examples", () => {
  const checked = blocks.map(split).filter((b) => b.checks.length > 0);

  it("has examples with results to check", () => {
    expect(checked.length).toBeGreaterThanOrEqual(2);
  });

  checked.forEach(({ code, checks }, i) => {
    it(`example ${i + 1} prints what the README says`, () => {
      const run = new Function("lib", `const { ${Object.keys(lib).join(", ")} } = lib;\n${code}\nreturn [${checks.map((c) => c.expr).join(", ")}];`);
      const values = run(lib) as unknown[];
      checks.forEach((c, k) => {
        const actual = JSON.stringify(values[k]);
        expect(actual, `README line should read:\n${c.expr}; // ${actual}`).toBe(JSON.stringify(JSON.parse(c.json)));
      });
    });
  });
});
