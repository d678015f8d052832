import { describe, expect, it } from "vitest";
import { BucketMemo } from "./bucket-memo.js";

describe("BucketMemo", () => {
  it("gives NaN for a key it does not hold and the stored value for one it does", () => {
    const memo = new BucketMemo(2);
    expect(memo.get(1, 7)).toBeNaN();
    memo.set(1, 7, -2.5);
    expect(memo.get(1, 7)).toBe(-2.5);
    expect(memo.get(2, 7)).toBeNaN();
  });

  it("keeps four keys per bucket and gives up the oldest slot in turn", () => {
    const memo = new BucketMemo(1);
    for (let k = 1; k <= 5; k++) memo.set(0, k, k * 10);
    expect(memo.get(0, 1)).toBeNaN();
    expect([2, 3, 4, 5].map((k) => memo.get(0, k))).toEqual([20, 30, 40, 50]);
    memo.set(0, 6, 60);
    expect(memo.get(0, 2)).toBeNaN();
    expect(memo.get(0, 6)).toBe(60);
  });
});
