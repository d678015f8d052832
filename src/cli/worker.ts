/** Worker-thread entry: loads the restorer (and so the model) once, then processes files sent by the pool. */
import { parentPort, workerData } from "node:worker_threads";
import { processFile, type FileJob } from "./process-file.js";
import { loadRestorer } from "./restorer.js";

const restorePromise = loadRestorer((workerData as { restorerModule: string }).restorerModule);

parentPort!.on("message", async (job: FileJob) => {
  try {
    parentPort!.postMessage(await processFile(job, await restorePromise));
  } catch (err) {
    parentPort!.postMessage({ status: "error", display: job.display, path: job.path, message: `internal error: ${(err as Error).message}` });
  }
});
