import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { BORDERLINE_PROBABILITY, formatSummary, isBorderline, type Summary } from "./report.js";

const chalk = new Chalk({ level: 0 });
const base: Summary = { files: 1, changedFiles: 0, changes: 0, skipped: 0, errors: 0, written: 0, ms: 150, mode: "report" };

describe("the summary line", () => {
  it("says when a file was left as written although it shows some signs of spinning", () => {
    expect(formatSummary({ ...base, borderline: 1, borderlineProbability: 0.93 }, chalk)).toBe(
      "1 file checked in 0.15 s: no changes, 1 file shows some signs of spinning (spin probability 0.93) but too few to change anything (--assume-spun restores it)\n",
    );
    expect(formatSummary({ ...base, files: 3, borderline: 2 }, chalk)).toBe(
      "3 files checked in 0.15 s: no changes, 2 files show some signs of spinning but too few to change anything (--assume-spun restores them)\n",
    );
    expect(formatSummary(base, chalk)).toBe("1 file checked in 0.15 s: no changes\n");
  });

  it("calls a document borderline only when its gate stayed shut at a probability from BORDERLINE_PROBABILITY", () => {
    expect(isBorderline({ spun: false, probability: BORDERLINE_PROBABILITY })).toBe(true);
    expect(isBorderline({ spun: false, probability: BORDERLINE_PROBABILITY - 0.01 })).toBe(false);
    expect(isBorderline({ spun: true, probability: 0.99 })).toBe(false);
  });
});
