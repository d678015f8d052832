/**
 * A fixed-size memo of doubles keyed by doubles: four-way buckets of (key, value) side by side (one cache line), no
 * allocation. A full bucket gives up its slots in turn, so a stream of keys that outgrows the table keeps most of
 * those it reuses (a table emptied when full loses them all at once). Keys must never be 0: a fresh slot holds 0.
 */
export class BucketMemo {
  private readonly slots: Float64Array;
  private readonly next: Uint8Array;

  constructor(readonly bucketBits: number) {
    this.slots = new Float64Array(8 << bucketBits);
    this.next = new Uint8Array(1 << bucketBits);
  }

  /** The value stored for `key` in `bucket` (a hash below 2^bucketBits), or NaN when it is not there. */
  get(bucket: number, key: number): number {
    const memo = this.slots;
    const at = bucket << 3;
    if (memo[at] === key) return memo[at + 1]!;
    if (memo[at + 2] === key) return memo[at + 3]!;
    if (memo[at + 4] === key) return memo[at + 5]!;
    if (memo[at + 6] === key) return memo[at + 7]!;
    return NaN;
  }

  /** Stores `value` for `key` in `bucket`, in the bucket's next slot in turn. */
  set(bucket: number, key: number, value: number): void {
    const slot = this.next[bucket]!;
    this.next[bucket] = (slot + 1) & 3;
    const at = (bucket << 3) + 2 * slot;
    this.slots[at] = key;
    this.slots[at + 1] = value;
  }
}
