/**
 * A fixed set of threads running processFile(), or restoring the windows of one long text: worker threads, and the
 * main thread as one more when given a restorer of its own. Jobs are queued and handed to whichever is free.
 */
import { Worker } from "node:worker_threads";
import type { SharedModelFile } from "../../resources.js";
import type { PortableWindowPlan, WindowCounts, WindowPart, WindowSpan } from "../../restore/windows.js";
import type { FormContexts } from "../../restore/engine.js";
import { internalError, processFile, type FileJob, type FileOutcome } from "./process-file.js";
import type { Restorer, WindowLibrary } from "./restorer.js";
import type { CliRestoreOptions } from "./restorer.js";
import { keepLeanHeapAfterWorkers, WORKER_POOL_HEAP_GROWING_PERCENT, WORKER_YOUNG_GENERATION_MB } from "./heap.js";

/**
 * One window of a long text, from its context slice (see parallel-windows.ts): counted (pass 1), its spun forms
 * counted (pass 1b), or restored with the document's plan (pass 2).
 */
export type WindowJob =
  | { step: "count" | "forms"; part: string; window: WindowSpan; k: number; options: CliRestoreOptions }
  | { step: "restore"; part: string; window: WindowSpan; k: number; options: CliRestoreOptions; plan: PortableWindowPlan };

/** What each step answers. */
export interface WindowAnswers {
  count: WindowCounts;
  forms: FormContexts;
  restore: WindowPart | null;
}

type Task =
  | { job: FileJob; window?: undefined; resolve: (o: FileOutcome) => void; reject: (e: Error) => void }
  | { job?: undefined; window: WindowJob; resolve: (answer: unknown) => void; reject: (e: Error) => void };

interface Slot {
  worker: Worker;
  /** Jobs sent to the worker and not yet answered, by id (a worker works on several at once and answers as each ends). */
  tasks: Map<number, Task>;
  /** The window plan the worker holds (sent once per document, not with every window). */
  planId: number;
}

/**
 * A job as sent to a worker, and its answer (see worker.ts). A window comes without its plan when the worker already
 * holds that plan (`planId`); an error in a window's restoring comes back as `error`.
 */
export type WorkerRequest =
  | { id: number; job: FileJob }
  | { id: number; window: Omit<WindowJob, "plan"> & { planId?: number; plan?: PortableWindowPlan } };
export type WorkerAnswer = { id: number; outcome: FileOutcome } | { id: number; answer: unknown; error?: string };

/** What a worker is started with (see worker.ts). */
export interface WorkerData {
  restorerModule: string;
  model?: SharedModelFile;
  /** The pool's heap growth (heap.ts), for the worker's own lean settings. */
  heapGrowingPercent: number;
}

/**
 * Jobs a worker holds at once. More than one, so that it goes on with the next while the main thread, busy with a
 * file of its own, has not yet taken in its last answer (with one, a worker sat idle a third of the time on two cores).
 */
export const JOBS_IN_FLIGHT = 3;

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private failure: Error | null = null;
  /** Whether the main thread is restoring a job (it takes one at a time, between its other duties; none without a mainRestorer). */
  private mainBusy = false;
  private nextId = 0;
  private closed = false;
  /** Settled once every worker has started (or failed to): see runOnMain. */
  private readonly started: Promise<void>;

  /**
   * `size` worker threads; `model`: the model file in shared memory, read by every worker (see shareBundledModelFile).
   * `mainRestorer`: the main thread restores files too, with this restorer. On two cores, two workers beside an idle
   * main thread cost 1.5 times the CPU per file of one thread (each warms its own compiler and loads its own
   * dictionaries); the main thread and one worker cost less, and hold one engine less in memory.
   */
  constructor(
    size: number,
    restorerModule: string,
    model?: SharedModelFile,
    private readonly mainRestorer?: () => Promise<Restorer>,
    /** The library's window functions, for the main thread's share of a long text's windows. */
    private readonly mainWindows?: () => Promise<WindowLibrary>,
    youngGenerationMb = WORKER_YOUNG_GENERATION_MB,
    /** The old generation's growth in percent once the workers have started (see heap.ts), in every thread of the pool. */
    heapGrowingPercent = WORKER_POOL_HEAP_GROWING_PERCENT,
  ) {
    const starts: Promise<void>[] = [];
    for (let i = 0; i < size; i++) {
      // A small young generation for files, as the main thread's (heap.ts): a worker keeps nothing of one file for the
      // next. A window of a long text gets more (WINDOW_WORKER_YOUNG_GENERATION_MB).
      const worker = new Worker(new URL("./worker.js", import.meta.url), {
        workerData: { restorerModule, model, heapGrowingPercent } satisfies WorkerData,
        resourceLimits: { maxYoungGenerationSizeMb: youngGenerationMb },
      });
      starts.push(new Promise((resolve) => ["online", "error", "exit"].forEach((event) => worker.once(event, () => resolve()))));
      const slot: Slot = { worker, tasks: new Map(), planId: -1 };
      worker.on("message", (answer: WorkerAnswer) => {
        const task = slot.tasks.get(answer.id);
        // None after a failure or a close: every job held was rejected then.
        if (!task) return;
        slot.tasks.delete(answer.id);
        if (task.window) {
          if ("error" in answer && answer.error !== undefined) {
            const err = new Error(answer.error);
            task.reject(err);
            this.fail(err);
          } else task.resolve("answer" in answer ? answer.answer : null);
        } else task.resolve((answer as { outcome: FileOutcome }).outcome);
        this.dispatch();
      });
      worker.on("error", (err) => this.fail(err));
      worker.on("exit", (code) => {
        if (code !== 0) this.fail(new Error(`worker thread exited with code ${code}`));
      });
      this.slots.push(slot);
    }
    // A worker's start undoes the lean heap settings for the whole process (see heap.ts): they are set again once every
    // worker has started.
    this.started = Promise.all(starts).then(() => keepLeanHeapAfterWorkers(heapGrowingPercent));
  }

  /** Jobs the pool works on at once: JOBS_IN_FLIGHT per worker, and one on the main thread when it restores too. */
  get capacity(): number {
    return this.slots.length * JOBS_IN_FLIGHT + (this.mainRestorer || this.mainWindows ? 1 : 0);
  }

  run(job: FileJob): Promise<FileOutcome> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.queue.push({ job, resolve, reject });
      this.dispatch();
    });
  }

  /** One step for one window of a long text; a failure fails the pool, as a crashed worker does. */
  runWindow<J extends WindowJob>(window: J): Promise<WindowAnswers[J["step"]]> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.queue.push({ window, resolve: resolve as (answer: unknown) => void, reject });
      this.dispatch();
    });
  }

  /**
   * Ends the pool; jobs not yet started never start (the run may stop early: output closed, review quit), and the
   * main thread takes no further job.
   */
  async close(): Promise<void> {
    this.closed = true;
    const ended = new Error("the run ended before this file was restored");
    // The queue at once (nothing queued may start while the workers stop), then what the workers held.
    for (const t of this.queue.splice(0)) t.reject(ended);
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.rejectAll(ended);
  }

  private dispatch(): void {
    if (this.closed) return;
    // The main thread first: its engine is ready before a new worker's, and results come out in input order, so the
    // first file must not wait for a worker to start. It takes the job here but restores it only after an await, so
    // the workers are handed theirs below before it starts.
    const next = this.queue[0];
    if (next && !this.mainBusy && !this.failure && (next.window ? this.mainWindows : this.mainRestorer)) void this.runOnMain(this.queue.shift()!);
    for (const slot of this.slots) {
      while (slot.tasks.size < JOBS_IN_FLIGHT && this.queue.length > 0) {
        const task = this.queue.shift()!;
        const id = this.nextId++;
        slot.tasks.set(id, task);
        if (task.window?.step === "restore") {
          const { plan, ...window } = task.window;
          const sendPlan = slot.planId !== plan.id;
          slot.planId = plan.id;
          slot.worker.postMessage({ id, window: { ...window, planId: plan.id, ...(sendPlan ? { plan } : {}) } } satisfies WorkerRequest);
        } else if (task.window) slot.worker.postMessage({ id, window: task.window } satisfies WorkerRequest);
        else slot.worker.postMessage({ id, job: task.job } satisfies WorkerRequest);
      }
    }
  }

  private async runOnMain(task: Task): Promise<void> {
    this.mainBusy = true;
    // The main thread loads its engine and restores only once the workers have started: while one starts, the lean heap
    // settings are off, and the young generation the engine's loading grows then stays grown (2,000-file batch, --jobs
    // 2: 251–256 MB peak before, see docs/scale.md). A worker starts in tens of milliseconds.
    await this.started;
    if (task.window) {
      let result: unknown = null;
      let failure: Error | null = null;
      try {
        // After an await, as for a file: the workers are handed their windows first.
        result = windowStep(await this.mainWindows!(), task.window);
      } catch (err) {
        failure = err as Error;
      }
      this.mainBusy = false;
      if (failure) {
        task.reject(failure);
        this.fail(failure);
      } else task.resolve(result);
    } else {
      let outcome: FileOutcome;
      try {
        outcome = await processFile(task.job, { restore: await this.mainRestorer!() });
      } catch (err) {
        outcome = internalError(task.job, err);
      }
      this.mainBusy = false;
      task.resolve(outcome);
    }
    // Later, so that the workers' finished jobs are taken in (and handed new ones) before the main thread's next.
    setImmediate(() => this.dispatch());
  }

  /** A crashed worker fails every unfinished job: partial results in a silent order would be worse. */
  private fail(err: Error): void {
    if (this.failure) return;
    this.failure = err;
    this.rejectAll(err);
  }

  /** Every job not yet answered, held by a worker or queued. */
  private rejectAll(err: Error): void {
    for (const s of this.slots) {
      for (const t of s.tasks.values()) t.reject(err);
      s.tasks.clear();
    }
    for (const t of this.queue.splice(0)) t.reject(err);
  }
}

/** Runs one step of a window job with the library's functions (on the main thread or in a worker). */
export function windowStep(lib: WindowLibrary, job: WindowJob): WindowAnswers[WindowJob["step"]] {
  switch (job.step) {
    case "count":
      return lib.countWindowPart(job.part, job.window, job.k, job.options);
    case "forms":
      return lib.countWindowFormsPart(job.part, job.window, job.options);
    case "restore":
      return lib.restoreWindowPart(job.part, job.plan, job.k, job.options);
  }
}
