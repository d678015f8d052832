/**
 * Produces file outcomes in input order. Few files run on the main thread; many files run on worker threads (each
 * loads the model once), results are buffered and handed out in order so output never depends on timing.
 */
import { availableParallelism } from "node:os";
import { processFile, type FileJob, type FileOutcome } from "./process-file.js";
import type { SharedModelFile } from "../../resources.js";
import { DEFAULT_RESTORER_MODULE, loadRestorer, type Restorer, type WindowLibrary } from "./restorer.js";
import { LEAN_HEAP_GROWING_PERCENT, leanHeap, WINDOW_WORKER_YOUNG_GENERATION_MB } from "./heap.js";
import { inOrder } from "./in-order.js";

/** Below this many files, starting workers (each loading the model) costs more than it saves. */
export const MIN_FILES_FOR_WORKERS = 24;
/**
 * Text per worker needed to pay back its start-up: a worker loads the model in ~0.1–0.2 s, the time it takes to
 * restore roughly 50–100 KB, so each worker should get several times that.
 */
const BYTES_PER_WORKER = 256 * 1024;

export interface RunnerOptions {
  restorerModule: string;
  /** --jobs; undefined = automatic. */
  jobs?: number;
  onProgress?: (done: number) => void;
  /**
   * Whether the main thread restores files too when there are workers (default true). Off for an interactive review,
   * whose prompts must answer at once rather than after the main thread's current file.
   */
  mainRestores?: boolean;
}

/**
 * --jobs is clamped to the cores available: threads beyond them only add start-up time and memory (each worker
 * holds its own engine), never speed.
 */
export function clampJobs(jobs: number, cores: number = availableParallelism()): number {
  return Math.max(1, Math.min(jobs, cores));
}

/**
 * Threads restoring files in a run: 0 = the main thread alone; N ≥ 2 = the main thread and N − 1 worker threads. An
 * explicit --jobs N above 1 uses N (at most one per file and per core).
 */
export function workerCount(files: number, totalBytes: number, jobs: number | undefined): number {
  const cores = availableParallelism();
  if (jobs !== undefined) {
    const n = clampJobs(jobs, cores);
    return n <= 1 ? 0 : Math.min(n, files);
  }
  if (cores <= 1 || files < MIN_FILES_FOR_WORKERS) return 0;
  const n = Math.min(cores, Math.floor(totalBytes / BYTES_PER_WORKER), files);
  return n >= 2 ? n : 0;
}

async function totalSize(jobs: readonly FileJob[]): Promise<number> {
  const { stat } = await import("node:fs/promises");
  const sizes = await Promise.all(jobs.map((j) => stat(j.path).then((s) => s.size, () => 0)));
  return sizes.reduce((a, b) => a + b, 0);
}

export async function* outcomesInOrder(jobs: readonly FileJob[], opts: RunnerOptions, mainRestorer: () => Promise<Restorer>): AsyncGenerator<FileOutcome> {
  const bytes = opts.jobs === undefined && jobs.length >= MIN_FILES_FOR_WORKERS ? await totalSize(jobs) : 0;
  const threads = workerCount(jobs.length, bytes, opts.jobs);
  // A batch keeps nothing of one file for the next: V8's heap need not grow for speed (see heap.ts).
  if (jobs.length > 1) leanHeap();
  if (threads === 0) {
    let done = 0;
    for (const job of jobs) {
      const outcome = await processFile(job, { restore: await mainRestorer() });
      opts.onProgress?.(++done);
      yield outcome;
    }
    return;
  }
  const { WorkerPool } = await import("./pool.js");
  // The model is shared before the main thread's restorer loads it, so that it too reads the shared copy.
  const model = await sharedModel(opts.restorerModule);
  const mainRestores = opts.mainRestores ?? true;
  const pool = mainRestores ? new WorkerPool(threads - 1, opts.restorerModule, model, mainRestorer) : new WorkerPool(threads, opts.restorerModule, model);
  try {
    let done = 0;
    yield* inOrder(
      jobs.map((job) =>
        pool.run(job).then((o) => {
          opts.onProgress?.(++done);
          return o;
        }),
      ),
    );
  } finally {
    await pool.close();
  }
}

/**
 * A pool for the windows of one long text: the main thread and `threads` − 1 workers (see parallel-windows.ts), the
 * model shared before the main thread's engine first reads it.
 */
export async function windowPool(
  threads: number,
  restorerModule: string,
  mainRestorer: () => Promise<Restorer>,
  mainWindows: () => Promise<WindowLibrary>,
): Promise<import("./pool.js").WorkerPool> {
  const { WorkerPool } = await import("./pool.js");
  const model = await sharedModel(restorerModule);
  // A long text's windows keep the single thread's heap growth (heap.ts, WORKER_POOL_HEAP_GROWING_PERCENT).
  return new WorkerPool(threads - 1, restorerModule, model, mainRestorer, mainWindows, WINDOW_WORKER_YOUNG_GENERATION_MB, LEAN_HEAP_GROWING_PERCENT);
}

/**
 * With the bundled engine, the workers read the model through one shared copy in memory (see
 * shareBundledModelFile): a worker then costs its engine's working memory, not another 26 MB of model.
 */
async function sharedModel(restorerModule: string): Promise<SharedModelFile | undefined> {
  if (restorerModule !== DEFAULT_RESTORER_MODULE) return undefined;
  try {
    return (await import("../../resources.js")).shareBundledModelFile();
  } catch {
    return undefined; // a missing model is reported by each file's restore, as without workers
  }
}

export { loadRestorer };
