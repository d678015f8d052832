import { describe, expect, it } from "vitest";
import { tokenizeWords } from "../text/tokenize.js";
import { register } from "./register.js";

const reg = (s: string) => register(tokenizeWords(s));

describe("register", () => {
  it("reads research writing as scientific, whatever the field", () => {
    expect(reg("We propose a method for the segmentation of retinal images and evaluate it on two datasets.").scientific).toBe(true);
    expect(reg("The results of the regression were significant for both samples of patients.").scientific).toBe(true);
  });
  it("reads news, fiction and everyday writing as not scientific", () => {
    expect(reg("The mayor said the repairs to the bridge would start next month and last until the summer.").scientific).toBe(false);
    expect(reg("She pressed the old letter to her bosom and wept quietly.").scientific).toBe(false);
  });
  it("needs more than one research word", () => {
    expect(reg("The study.").scientific).toBe(false);
    expect(reg("").academicPer1000).toBe(0);
  });
});
