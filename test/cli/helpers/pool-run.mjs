// Runs the built worker pool (dist/cli/run/pool.js) in a plain Node process, as the CLI does, over the files named
// on the command line with the stand-in engine (fake-restorer.mjs) and one worker beside the main thread; prints one JSON line: the outcomes
// in job order and how many jobs the main thread restored (POOL_CLOSE_EARLY=1: what closing the pool early leaves).
// Used by test/cli/pool.test.ts.

import { WorkerPool } from "../../../dist/cli/run/pool.js";
import { loadRestorer } from "../../../dist/cli/run/restorer.js";

const FAKE = new URL("./fake-restorer.mjs", import.meta.url).href;
const fake = await loadRestorer(FAKE);
let onMain = 0;
// POOL_MAIN=0: the workers alone (as for an interactive review), here two.
const withMain = process.env.POOL_MAIN !== "0";
const mainRestorer = async () => (text, options) => {
  onMain++;
  return fake(text, options);
};
const pool = withMain ? new WorkerPool(1, FAKE, undefined, mainRestorer) : new WorkerPool(2, FAKE);
const sizeLimit = { bytes: 1 << 20, label: "test" };
const run = (path) => pool.run({ path, display: path, kind: "plain", options: {}, explicit: true, sizeLimit });
if (process.env.POOL_CLOSE_EARLY === "1") {
  // The run stops after the first outcome (output closed, review quit): the pool is closed with jobs still queued.
  const pending = process.argv.slice(2).map(run);
  const settled = pending.map((p) => p.then(() => "done", () => "rejected"));
  await pending[0];
  await pool.close();
  const atClose = onMain;
  await new Promise((resolve) => setTimeout(resolve, 300));
  const states = await Promise.all(settled);
  console.log(JSON.stringify({ atClose, after: onMain, rejected: states.filter((x) => x === "rejected").length, jobs: states.length }));
  process.exit(0);
}
try {
  const outcomes = await Promise.all(process.argv.slice(2).map(run));
  console.log(JSON.stringify({ onMain, outcomes: outcomes.map((o) => ({ status: o.status, message: o.message, display: o.display, length: o.text?.length, edits: o.edits?.length, allSaid: o.edits?.every((e) => e.after === "said") })) }));
} finally {
  await pool.close();
}

