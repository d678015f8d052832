/**
 * A fixed set of threads running processFile(): worker threads, and the main thread as one more when given a restorer
 * of its own. Jobs are queued and handed to whichever is free.
 */
import { Worker } from "node:worker_threads";
import type { SharedModelFile } from "../../resources.js";
import { internalError, processFile, type FileJob, type FileOutcome } from "./process-file.js";
import type { Restorer } from "./restorer.js";
import { WORKER_YOUNG_GENERATION_MB } from "./heap.js";

interface Task {
  job: FileJob;
  resolve: (o: FileOutcome) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  /** Jobs sent to the worker and not yet answered, by id (a worker works on several at once and answers as each ends). */
  tasks: Map<number, Task>;
}

/** A job as sent to a worker, and its answer (see worker.ts). */
export interface WorkerRequest {
  id: number;
  job: FileJob;
}
export interface WorkerAnswer {
  id: number;
  outcome: FileOutcome;
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
  ) {
    for (let i = 0; i < size; i++) {
      // A small young generation, as the main thread's (heap.ts): a worker keeps nothing of one file for the next.
      const worker = new Worker(new URL("./worker.js", import.meta.url), {
        workerData: { restorerModule, model },
        resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
      });
      const slot: Slot = { worker, tasks: new Map() };
      worker.on("message", ({ id, outcome }: WorkerAnswer) => {
        const task = slot.tasks.get(id)!;
        slot.tasks.delete(id);
        task.resolve(outcome);
        this.dispatch();
      });
      worker.on("error", (err) => this.fail(err));
      worker.on("exit", (code) => {
        if (code !== 0) this.fail(new Error(`worker thread exited with code ${code}`));
      });
      this.slots.push(slot);
    }
  }

  run(job: FileJob): Promise<FileOutcome> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.queue.push({ job, resolve, reject });
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
    if (this.mainRestorer && !this.mainBusy && this.queue.length > 0 && !this.failure) void this.runOnMain(this.queue.shift()!);
    for (const slot of this.slots) {
      while (slot.tasks.size < JOBS_IN_FLIGHT && this.queue.length > 0) {
        const task = this.queue.shift()!;
        const id = this.nextId++;
        slot.tasks.set(id, task);
        slot.worker.postMessage({ id, job: task.job } satisfies WorkerRequest);
      }
    }
  }

  private async runOnMain(task: Task): Promise<void> {
    this.mainBusy = true;
    let outcome: FileOutcome;
    try {
      outcome = await processFile(task.job, await this.mainRestorer!());
    } catch (err) {
      outcome = internalError(task.job, err);
    }
    this.mainBusy = false;
    task.resolve(outcome);
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
