/**
 * Scratch arrays reused from one window of a long text to the next.
 *
 * A window of 256 K characters needs some 20 MB of typed arrays (tokens, sites, deltas, proposals), allocated anew
 * for each window and dropped at its end. glibc's malloc then serves these sizes from its heap instead of fresh
 * mappings (its mmap threshold rises with every large block freed), and the heap fragments: on a 10 MB input the
 * process grew by about 30 MB more than the arrays it ever held at once. Inside `withScratch`, the large arrays of the
 * window's classes come from a per-thread pool instead, and go back to it when the scope ends, so a long text holds
 * one window's worth of them from start to end. Outside a scope (a short text, a single page), nothing changes.
 *
 * A thread that restores windows handed to it one by one (restoreWindowPart) keeps its pool between them, bounded by
 * POOL_LIMIT; restoreWindowsWith empties it at the end of its document.
 *
 * Rule for callers: nothing allocated here may outlive the scope (every edit, flag and count a window returns is
 * plain data). `poisonScratch` fills returned buffers so a test would see an array that escaped.
 */

/** Smaller arrays are left to V8 (its own heap handles them well). */
const POOLED_FROM = 64 * 1024;
/** Most bytes kept in the pool between scopes; beyond it buffers are dropped to the garbage collector. */
const POOL_LIMIT = 48 * 1024 * 1024;

/** Free buffers by size class (a power of two in bytes). */
const free = new Map<number, ArrayBuffer[]>();
let pooledBytes = 0;
/** Buffers lent in the open scope (null: no scope open). */
let lent: ArrayBuffer[] | null = null;
let poison = false;

function sizeClass(bytes: number): number {
  return 2 ** Math.ceil(Math.log2(bytes));
}

/** A zeroed buffer of at least `bytes` bytes from the pool, or null when no scope is open or the array is small. */
function borrow(bytes: number): ArrayBuffer | null {
  if (lent === null || bytes < POOLED_FROM) return null;
  const size = sizeClass(bytes);
  const list = free.get(size);
  let buffer = list?.pop();
  if (buffer) {
    pooledBytes -= size;
    new Uint8Array(buffer, 0, bytes).fill(0);
  } else buffer = new ArrayBuffer(size);
  lent.push(buffer);
  return buffer;
}

/** A zeroed Float64Array of length n (from the pool inside a scope). */
export function f64(n: number): Float64Array {
  const b = borrow(8 * n);
  return b ? new Float64Array(b, 0, n) : new Float64Array(n);
}

/** A zeroed Int32Array of length n (from the pool inside a scope). */
export function i32(n: number): Int32Array {
  const b = borrow(4 * n);
  return b ? new Int32Array(b, 0, n) : new Int32Array(n);
}

/** A zeroed Uint8Array of length n (from the pool inside a scope). */
export function u8(n: number): Uint8Array {
  const b = borrow(n);
  return b ? new Uint8Array(b, 0, n) : new Uint8Array(n);
}

/**
 * A copy of `a` in an array of length n (n ≥ a.length), for an array that grows; inside a scope, the old array's
 * buffer goes back to the pool at once (the caller drops `a`), so growing by doubling holds one buffer per array,
 * not every size it passed through (a window of 256 K characters lent 24.3 MB before, 23.4 MB now).
 */
export function regrow32(a: Int32Array, n: number): Int32Array {
  const b = i32(n);
  b.set(a);
  giveBack(a.buffer);
  return b;
}

/** regrow32 for a Uint8Array. */
export function regrow8(a: Uint8Array, n: number): Uint8Array {
  const b = u8(n);
  b.set(a);
  giveBack(a.buffer);
  return b;
}

/** A buffer lent in the open scope back to the pool before the scope ends (nothing else: not lent here). */
function giveBack(buffer: ArrayBufferLike): void {
  if (lent === null) return;
  const at = lent.indexOf(buffer as ArrayBuffer);
  if (at === -1) return;
  lent[at] = lent[lent.length - 1]!;
  lent.pop();
  putBack(buffer as ArrayBuffer);
}

/** A buffer no longer used into the pool (dropped when the pool is full). */
function putBack(buffer: ArrayBuffer): void {
  if (poison) new Uint8Array(buffer).fill(0xff);
  const size = buffer.byteLength;
  if (pooledBytes + size > POOL_LIMIT) return;
  let list = free.get(size);
  if (!list) free.set(size, (list = []));
  list.push(buffer);
  pooledBytes += size;
}

/** Runs fn with the pool open; its arrays go back to the pool when it returns. A nested scope belongs to the outer one. */
export function withScratch<T>(fn: () => T): T {
  if (lent !== null) return fn();
  const mine: ArrayBuffer[] = [];
  lent = mine;
  try {
    return fn();
  } finally {
    lent = null;
    for (const buffer of mine) putBack(buffer);
  }
}

/** Drops every pooled buffer (the end of a long text: a process that goes on to short ones does not keep them). */
export function emptyScratch(): void {
  free.clear();
  pooledBytes = 0;
}

/** Test aid: fill buffers with 0xff as they return to the pool, so an array used after its scope gives wrong results. */
export function poisonScratch(on: boolean): void {
  poison = on;
}

/** Bytes held in the pool between scopes (for tests). */
export function scratchPooledBytes(): number {
  return pooledBytes;
}
