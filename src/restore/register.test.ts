import { describe, expect, it } from "vitest";
import { tokenizeWords } from "../text/tokenize.js";
import { FINGERPRINT_SPACING, register, registerOf } from "./register.js";

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

describe("fingerprintsNeeded: how many different listed tortured phrases a text must hold", () => {
  it("is one in research writing itself", () => {
    expect(reg("We propose a method for the segmentation of retinal images and evaluate it on two datasets.").fingerprintsNeeded).toBe(1);
  });
  it("is two in text that reads as technical without being research writing", () => {
    const r = registerOf(1000, 50);
    expect([r.scientific, r.research, r.fingerprintsNeeded]).toEqual([true, false, 2]);
  });
  it("grows with the length of other text: phrases packed together, as spinners leave them", () => {
    expect(registerOf(20, 0).fingerprintsNeeded).toBe(2);
    expect(registerOf(300, 3).fingerprintsNeeded).toBe(300 / FINGERPRINT_SPACING);
    expect(registerOf(10_000, 100).fingerprintsNeeded).toBe(10_000 / FINGERPRINT_SPACING);
  });
});
