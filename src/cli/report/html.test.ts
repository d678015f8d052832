import { describe, expect, it } from "vitest";
import type { Edit, Flag } from "../../types.js";
import { renderHtml } from "./html.js";

const text = "We trained a profound neural organization on the data. He mentioned it.";
const flag: Flag = { start: 13, end: 41, line: 1, column: 14, phrase: "profound neural organization", likely: "deep neural network", score: 0.87, evidence: "two swapped words" };
const edit: Edit = { start: 58, end: 67, line: 1, column: 59, before: "mentioned", after: "said", confidence: 0.99, entry: "mined:mentioned→said", evidence: "p 0.99" };
const opts = { version: "0.0.0", title: "t", skipped: 0, errors: 0 };

describe("the HTML review page", () => {
  it("shows flagged phrases apart from the changes, marked and not as a change", () => {
    const html = renderHtml([{ uri: "paper.txt", text, edits: [edit], flags: [flag] }], opts);
    expect(html).toContain('<span id="count-changes">1</span> change, <span id="count-flags">1</span> flagged phrase');
    expect(html).toContain("<mark>profound neural organization</mark>");
    expect(html).toContain('likely "deep neural network", score 0.87');
    expect(html.match(/<li class="change /g)).toHaveLength(1);
    expect(html.match(/<li class="flag">/g)).toHaveLength(1);
  });

  it("lists a file that has only flags", () => {
    const html = renderHtml([{ uri: "paper.txt", text, edits: [], flags: [flag] }], opts);
    expect(html).not.toContain('id="no-changes"');
    expect(html).toContain('<section class="file" data-file="0"><h2>paper.txt <span class="n">0 changes, 1 flag</span>');
    // Counted among the files with flags, not with changes, as the terminal summary counts them.
    expect(html).toContain('<span id="count-changed">0</span> with changes');
  });

  it("says whether the changes were written", () => {
    expect(renderHtml([{ uri: "a.txt", text, edits: [edit] }], opts)).toContain("Nothing has been written;");
    const written = renderHtml([{ uri: "a.txt", text, edits: [edit] }], { ...opts, written: true });
    expect(written).toContain("These changes have been written to the files");
    expect(written).not.toContain("Nothing has been written");
  });
});
