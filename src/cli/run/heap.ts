/**
 * V8's heap settings for a run that restores more than a line or two. V8 sizes its heap for speed: the young
 * generation grows from 1 to 16 MB per semi-space as soon as objects survive, and the old generation may grow to about
 * 4 x what survived its last full collection before it collects again. The engine keeps little alive between
 * documents and windows, so most of that growth is garbage waiting: on one spun page the process peaked at about
 * 177 MB, 145 MB with these settings; on 2 MB of spun text about 370 MB, 260 MB with them, for the same CPU time within
 * the noise of this machine (docs/scale.md, "Speed and memory").
 *
 * V8 reads both flags at every collection, so setting them at run time works (unlike --max-semi-space-size, read
 * once at start-up); they apply to the whole process, worker threads included. They are set only once there is real
 * work: with the smaller young generation, loading the modules and the model costs a few more collections, which the
 * start-up of `echo "a line" | unspin` would feel.
 */
import { createRequire } from "node:module";

/** Inputs from this size on make the run set the lean heap settings (a line of text does not). */
export const LEAN_HEAP_FROM_BYTES = 4096;

/**
 * How far V8 lets the old generation grow past what survived its last full collection before the next one, in
 * percent: 50 for one thread restoring.
 */
export const LEAN_HEAP_GROWING_PERCENT = 50;

/**
 * The same with worker threads restoring files beside the main thread: each thread's heap is mostly its engine's
 * caches (the candidate lists, the model-id caches), and with 50 % each also held up to half as much again in
 * garbage. 2,000-file batch, `--jobs 2`: peak 231–239 MB with 50, 212–222 MB with 20 or 10, the CPU time the same
 * within the noise; with `--jobs 1` no change (docs/scale.md). Not for a long text's windows, whose large
 * allocations make collections costlier (a single thread's 30 MB input: 30 → 34 s of CPU with 20).
 */
export const WORKER_POOL_HEAP_GROWING_PERCENT = 20;

let lean = false;
let growingPercent = LEAN_HEAP_GROWING_PERCENT;

/** Applies the lean heap settings to this process (once; later calls do nothing). */
export function leanHeap(): void {
  if (lean) return;
  lean = true;
  setFlags();
}

/**
 * Sets the lean heap settings again when they are in force. Starting a worker thread undoes them for the whole process
 * (Node 20: the main thread's young generation, held at its first 1 MB semi-spaces, grew to 16 MB each as soon as a
 * worker existed, whether the flags were set before it at run time or on the command line); the worker pool calls
 * this once its workers have started.
 */
export function keepLeanHeapAfterWorkers(percent: number = LEAN_HEAP_GROWING_PERCENT): void {
  useHeapGrowingPercent(percent);
  if (lean) setFlags();
}

/**
 * The old generation's growth (see WORKER_POOL_HEAP_GROWING_PERCENT) that this thread's lean settings use, from now on
 * (a worker thread is told its pool's, so that its own leanHeap() does not set the process back to another value:
 * V8's flags are the whole process's).
 */
export function useHeapGrowingPercent(percent: number): void {
  growingPercent = percent;
}

/** The old generation's growth the lean settings set in this thread (for tests). */
export function heapGrowingPercent(): number {
  return growingPercent;
}

function setFlags(): void {
  // node:v8 is loaded only here: importing it costs a bare pipe's start-up a few milliseconds.
  const { setFlagsFromString } = createRequire(import.meta.url)("node:v8") as typeof import("node:v8");
  setFlagsFromString("--semi-space-growth-factor=1");
  setFlagsFromString(`--heap-growing-percent=${growingPercent}`);
}

/** Whether leanHeap() has run in this process (for tests). */
export function heapIsLean(): boolean {
  return lean;
}

/** Young generation for worker threads, in MB (resourceLimits.maxYoungGenerationSizeMb): 2 semi-spaces of 1 MB. */
export const WORKER_YOUNG_GENERATION_MB = 3;

/**
 * Young generation for the workers that restore a long text's windows: a window is 256 K characters, and what it
 * allocates lives for the whole window, so a young generation of 3 MB promotes most of it. `unspin --jobs 2 < 10 MB
 * spun`, four runs each: 3 MB 12.6–13.9 s, 16 MB 10.7–14.6 s (10.7–12.2 in three of four), with less CPU and memory.
 */
export const WINDOW_WORKER_YOUNG_GENERATION_MB = 16;
