/** The Brown Corpus's tagged samples become running text for the damage check of `npm run eval`. */
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script without types
import { untag } from "../../scripts/build-brown-corpus.mjs";

const run = untag as (paragraph: string) => string;

describe("build-brown-corpus untag", () => {
  it("drops the part-of-speech tags and joins punctuation and quotes back to their words", () => {
    const tagged = "\tThe/at jury/nn said/vbd ``/`` no/at evidence/nn ''/'' was/bedz found/vbn ,/, (/( it/pps said/vbd )/) ./.";
    expect(run(tagged)).toBe("The jury said \u201cno evidence\u201d was found, (it said).");
  });

  it("keeps a slash inside a word and takes only the last tag off", () => {
    expect(run("1/2/cd inch/nn and/cc --/-- well/rb ;/.")).toBe("1/2 inch and \u2014 well;");
  });

  it("gives an empty string for a paragraph of blanks", () => {
    expect(run(" \n\t ")).toBe("");
  });
});
