/** Worker-thread entry: loads the restorer (and so the model) once, then processes files sent by the pool. */
import { parentPort, workerData } from "node:worker_threads";
import type { SharedModelFile } from "../../resources.js";
import { internalError, processFile, type FileOutcome } from "./process-file.js";
import type { WorkerAnswer, WorkerRequest } from "./pool.js";
import { loadRestorer } from "./restorer.js";

const data = workerData as { restorerModule: string; model?: SharedModelFile };

async function start() {
  // The model's pages are read into memory shared with the other workers, before the engine first needs them.
  if (data.model) (await import("../../resources.js")).useSharedModelFile(data.model);
  return loadRestorer(data.restorerModule);
}

const restorePromise = start();

// The pool sends several jobs at once; each answer carries its job's id, since a job waiting for its file to be read
// lets a later one finish first.
parentPort!.on("message", async ({ id, job }: WorkerRequest) => {
  let outcome: FileOutcome;
  try {
    outcome = await processFile(job, await restorePromise);
  } catch (err) {
    outcome = internalError(job, err);
  }
  parentPort!.postMessage({ id, outcome } satisfies WorkerAnswer);
});
