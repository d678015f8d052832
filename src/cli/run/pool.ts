/** A fixed set of worker threads running processFile(); jobs are queued and handed to whichever worker is free. */
import { Worker } from "node:worker_threads";
import type { SharedModelFile } from "../../resources.js";
import type { FileJob, FileOutcome } from "./process-file.js";
import { WORKER_YOUNG_GENERATION_MB } from "./heap.js";

interface Task {
  job: FileJob;
  resolve: (o: FileOutcome) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  task: Task | null;
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private failure: Error | null = null;

  /** `model`: the model file in shared memory, read by every worker (see shareBundledModelFile). */
  constructor(size: number, restorerModule: string, model?: SharedModelFile) {
    for (let i = 0; i < size; i++) {
      // A small young generation, as the main thread's (heap.ts): a worker keeps nothing of one file for the next.
      const worker = new Worker(new URL("./worker.js", import.meta.url), {
        workerData: { restorerModule, model },
        resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
      });
      const slot: Slot = { worker, task: null };
      worker.on("message", (outcome: FileOutcome) => {
        const task = slot.task!;
        slot.task = null;
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

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.task || this.queue.length === 0) continue;
      slot.task = this.queue.shift()!;
      slot.worker.postMessage(slot.task.job);
    }
  }

  /** A crashed worker fails every unfinished job: partial results in a silent order would be worse. */
  private fail(err: Error): void {
    if (this.failure) return;
    this.failure = err;
    for (const s of this.slots) s.task?.reject(err);
    for (const t of this.queue.splice(0)) t.reject(err);
  }
}
