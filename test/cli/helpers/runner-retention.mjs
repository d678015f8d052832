// Runs the built runner (dist/cli/run/runner.js) over the files named on the command line with the stand-in engine,
// the main thread and one worker, and prints one JSON line: how many of the outcomes already handed out are still
// reachable after a full collection, part-way through the run. Needs node --expose-gc. Used by test/cli/pool.test.ts.

import { outcomesInOrder, loadRestorer } from "../../../dist/cli/run/runner.js";

const FAKE = new URL("./fake-restorer.mjs", import.meta.url).href;
const fake = await loadRestorer(FAKE);
const sizeLimit = { bytes: 1 << 20, label: "test" };
const jobs = process.argv.slice(2).map((path) => ({ path, display: path, kind: "plain", options: {}, explicit: true, sizeLimit }));
const handedOut = [];
let alive = -1;
let seen = 0;
for await (const outcome of outcomesInOrder(jobs, { restorerModule: FAKE, jobs: 2 }, async () => fake)) {
  if (outcome.status !== "ok") throw new Error(outcome.message ?? outcome.status);
  seen++;
  if (handedOut.length < jobs.length / 2) handedOut.push(new WeakRef(outcome));
  else if (alive < 0) {
    // A new task, so that the references made in earlier ones no longer keep their targets alive; then a collection.
    await new Promise((resolve) => setTimeout(resolve, 0));
    globalThis.gc();
    alive = handedOut.filter((ref) => ref.deref() !== undefined).length;
  }
}
console.log(JSON.stringify({ seen, checked: handedOut.length, alive }));
