/** The spin simulator used by scripts/eval-table.mjs follows the spinner's rules (../shared/notes/spinners.md). */
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script without types
import { loadSpinTable, rng, spin } from "../../scripts/simulate-spin.mjs";

type Spin = (text: string, table: unknown, random: () => number) => string;
const run = (tableText: string, text: string, random: () => number = rng(1)) => (spin as Spin)(text, loadSpinTable(tableText), random);

describe("simulate-spin", () => {
  it("tries lines in file order: an earlier phrase line shadows a word line, and replaced spans are not matched again", () => {
    expect(run("the new|the brand new\nnew|recent\nbrand|label\n", "the new car and a new one")).toBe("the brand new car and a recent one");
  });

  it("makes one choice per key and case for the whole document, separately for Capitalised forms", () => {
    const table = "people|folks|individuals|persons|citizens|humans\n";
    const out = run(table, "people and people and people. People and People.", rng(7));
    const lower = out.match(/^(\w+) and \1 and \1\. /);
    expect(lower).not.toBeNull();
    expect(["folks", "individuals", "persons", "citizens", "humans"]).toContain(lower![1]);
    expect(out).toMatch(/\. ([A-Z]\w+) and \1\.$/);
  });

  it("skips hyphen neighbours in the lower-case pass only; never spins digits; leaves {key} for single-field lines; curls apostrophes", () => {
    const table = "military|navy\nfive|5\ndollars\n";
    expect(run(table, "military-security and Military-technological")).toBe("military-security and Navy-technological");
    expect(run(table, "five or 5 or 5five")).toBe("5 or 5 or 5five");
    expect(run(table, "ten dollars, it's")).toBe("ten {dollars}, it’s");
  });
});
