import { describe, expect, it } from "vitest";
import { loadBundledResources, parseUserDictionary, restore, restoreWith, screen, windowSpans } from "./index.js";

describe("library arguments", () => {
  it("names what a wrong call got, instead of failing deep inside or doing nothing", () => {
    expect(() => restore(123 as unknown as string)).toThrow(new TypeError("unspin: restore() expects the text as a string (got 123)"));
    expect(() => restore(undefined as unknown as string)).toThrow(/expects the text as a string \(got undefined\)/);
    expect(() => restore("text", "bold" as never)).toThrow(new TypeError('unspin: restore() expects options as an object (got "bold")'));
    expect(() => restore("text", { level: "wild" as never })).toThrow(
      new RangeError('unspin: restore(): options.level must be "cautious", "normal" or "bold" (got "wild")'),
    );
    // NaN used to turn restoring off without a word.
    expect(() => restore("text", { threshold: NaN })).toThrow(new RangeError("unspin: restore(): options.threshold must be a probability between 0 and 1, exclusive (got NaN)"));
    expect(() => restore("text", { threshold: "1" as never })).toThrow(/threshold must be a probability between 0 and 1, exclusive \(got "1"\)/);
    expect(() => restore("text", { neverTouch: "Great Hall" as never })).toThrow(/neverTouch must be an array of strings \(got "Great Hall"\)/);
    expect(() => restore("text", { neverTouch: ["Great Hall", 1] as never })).toThrow(/neverTouch must be an array of strings \(got 1 at index 1\)/);
    expect(() => restore("text", { extraDictionaries: [5] as never })).toThrow(/extraDictionaries must be .* \(got 5 at index 0\)/);
    // The element that is wrong is named, and a span may not end before it starts.
    expect(() => restore("text", { skip: [{ start: 0, end: 1 }, { start: 0 }] as never })).toThrow(/skip must be an array of \{ start, end \} offsets with start ≤ end \(got an object at index 1\)/);
    expect(() => restore("text", { skip: [{ start: 3, end: 1 }] })).toThrow(/\(got an object at index 0\)/);
    // A misspelt kind would make corrections into candidates without a word; a name that is not a string failed deep inside.
    expect(() => restore("text", { extraDictionaries: [{ text: "a\tb\n", kind: "correction" as never }] })).toThrow(/extraDictionaries must be .* at index 0\)/);
    expect(() => restore("text", { extraDictionaries: [{ text: "a\tb\n", name: 7 as never }] })).toThrow(TypeError);
    expect(() => restoreWith(loadBundledResources(), 5 as never)).toThrow(/restoreWith\(\) expects the text as a string \(got 5\)/);
    expect(() => restoreWith({} as never, "text")).toThrow(/restoreWith\(\) expects resources \{ lm, dictionary \}/);
    expect(() => restoreWith(null as never, "text")).toThrow(TypeError);
    expect(() => screen(5 as never)).toThrow(/screen\(\) expects the text as a string \(got 5\)/);
    expect(() => windowSpans(5 as never)).toThrow(/windowSpans\(\) expects the text as a string/);
  });

  it("adds extraDictionaries to the dictionaries restoreWith() is given, as restore() adds them to the bundled ones", () => {
    const { lm } = loadBundledResources();
    const own = { lm, dictionary: parseUserDictionary("a\tb\n", "ours") };
    const r = restoreWith(own, "The zorblax left.", { assumeSpun: true, extraDictionaries: ["zorblax\tpeople\n"] });
    expect(r.text).toBe("The people left.");
    expect(() => restoreWith(own, "x", { extraDictionaries: ["not a dictionary"] })).toThrow();
  });

  it("accepts every documented option and ignores keys it does not know", () => {
    const r = restore("He mentioned five {dollars}.", { level: "bold", threshold: 0.5, assumeSpun: true, neverTouch: [], skip: [], future: 1 } as never);
    expect(r.text).toContain("dollars");
  });
});
