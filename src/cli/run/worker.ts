/** Worker-thread entry: loads the restorer (and so the model) once, then restores the files or windows the pool sends. */
import { parentPort, workerData } from "node:worker_threads";
import type { PortableWindowPlan } from "../../restore/windows.js";
import { internalError, processFile, type FileOutcome } from "./process-file.js";
import { windowStep, type WindowJob, type WorkerAnswer, type WorkerData, type WorkerRequest } from "./pool.js";
import { useHeapGrowingPercent } from "./heap.js";
import { loadRestorer, loadWindowLibrary, type WindowLibrary } from "./restorer.js";

const data = workerData as WorkerData;
// V8's flags are the whole process's: the worker's own leanHeap() (a file of 4 KB or more) sets the pool's value.
useHeapGrowingPercent(data.heapGrowingPercent);

async function start() {
  // The model's pages are read into memory shared with the other workers, before the engine first needs them.
  if (data.model) (await import("../../resources.js")).useSharedModelFile(data.model);
  return loadRestorer(data.restorerModule);
}

const restorePromise = start();
/** The library's window functions (loaded once, when the first window of a long text comes). */
let windowLibrary: Promise<WindowLibrary | undefined> | undefined;
/** The window plan of the document being restored (the pool sends it with this worker's first window of it). */
let plan: PortableWindowPlan | undefined;

// The pool sends several jobs at once; each answer carries its job's id, since a job waiting for its file to be read
// lets a later one finish first.
parentPort!.on("message", async (request: WorkerRequest) => {
  const { id } = request;
  if ("window" in request) {
    const { plan: sent, planId, ...w } = request.window;
    if (sent) plan = sent;
    let answer: WorkerAnswer;
    try {
      await restorePromise;
      const lib = await (windowLibrary ??= loadWindowLibrary(data.restorerModule));
      if (!lib) throw new Error(`${data.restorerModule} cannot restore windows`);
      let job: WindowJob;
      if (w.step === "restore") {
        if (!plan || plan.id !== planId) throw new Error("a window came before its document's plan");
        job = { ...w, step: "restore", plan };
      } else job = { ...w, step: w.step };
      answer = { id, answer: windowStep(lib, job) };
    } catch (err) {
      answer = { id, answer: null, error: (err as Error).message };
    }
    parentPort!.postMessage(answer);
    return;
  }
  let outcome: FileOutcome;
  try {
    outcome = await processFile(request.job, { restore: await restorePromise });
  } catch (err) {
    outcome = internalError(request.job, err);
  }
  parentPort!.postMessage({ id, outcome } satisfies WorkerAnswer);
});
