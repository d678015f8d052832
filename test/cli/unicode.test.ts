/**
 * Unicode normalisation with the real engine: words are matched in NFC, and text is written back in the form it was
 * written in. A decomposed accent (NFD: "u" + U+0308) never splits a word, so no piece of a name gets "restored".
 */
import { describe, expect, it } from "vitest";
import { REAL_CLI, runCli } from "./helpers/run.js";

const real = { cli: REAL_CLI };
const NFD_TEXT = "She flew from Zu\u0308rich to see Go\u0308del and he mentioned it.\n";

interface Rec {
  offset: number;
  before: string;
  after: string;
}

describe("decomposed accents (NFD)", () => {
  it("restores only whole words and keeps every decomposed name byte for byte", async () => {
    const r = await runCli(["--assume-spun"], { ...real, input: NFD_TEXT });
    expect(r.code).toBe(0);
    expect(r.out).toContain("Zu\u0308rich to see Go\u0308del");
    const json = await runCli(["--assume-spun", "-f", "json"], { ...real, input: NFD_TEXT });
    const edits = json.out.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l) as Rec);
    // No edit touches the names; the text outside the edits is the input, unnormalised.
    for (const e of edits) {
      expect(NFD_TEXT.slice(e.offset, e.offset + e.before.length)).toBe(e.before);
      expect(e.before).not.toMatch(/\p{M}/u);
      expect(/\p{M}/u.test(NFD_TEXT[e.offset + e.before.length] ?? "")).toBe(false);
    }
    let rebuilt = "";
    let pos = 0;
    for (const e of edits) {
      rebuilt += NFD_TEXT.slice(pos, e.offset) + e.after;
      pos = e.offset + e.before.length;
    }
    expect(r.out).toBe(rebuilt + NFD_TEXT.slice(pos));
  });

  it("makes the same decisions for the decomposed and the precomposed text", async () => {
    const text =
      "The metropolis council in Zu\u0308rich accepted a brand new funds for the cafe\u0301 on Tuesday. The mayor mentioned " +
      "the repairs would assist native companies, and Go\u0308del mentioned it at a press convention.\n";
    const words = async (t: string) => {
      const r = await runCli(["--assume-spun", "-f", "json"], { ...real, input: t });
      expect(r.code).toBe(0);
      return r.out.trim().split("\n").filter(Boolean).map((l) => {
        const e = JSON.parse(l) as Rec;
        return `${e.before.normalize("NFC")}→${e.after.normalize("NFC")}`;
      });
    };
    const nfd = await words(text);
    expect(nfd.length).toBeGreaterThan(0);
    expect(nfd).toEqual(await words(text.normalize("NFC")));
  });
});
