/** Worker-thread entry: loads the restorer (and so the model) once, then processes files sent by the pool. */
import { parentPort, workerData } from "node:worker_threads";
import type { SharedModelFile } from "../../resources.js";
import { processFile, type FileJob } from "./process-file.js";
import { loadRestorer } from "./restorer.js";

const data = workerData as { restorerModule: string; model?: SharedModelFile };

async function start() {
  // The model's pages are read into memory shared with the other workers, before the engine first needs them.
  if (data.model) (await import("../../resources.js")).useSharedModelFile(data.model);
  return loadRestorer(data.restorerModule);
}

const restorePromise = start();

parentPort!.on("message", async (job: FileJob) => {
  try {
    parentPort!.postMessage(await processFile(job, await restorePromise));
  } catch (err) {
    parentPort!.postMessage({ status: "error", display: job.display, path: job.path, message: `internal error: ${(err as Error).message}` });
  }
});
