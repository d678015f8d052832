/**
 * Builds dist/ once before the test run, because the end-to-end tests spawn the compiled CLI (bin/unspin.js).
 * A failed build is reported but does not abort unit tests; end-to-end tests then fail on their own.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export default function setup(): void {
  if (process.env.UNSPIN_SKIP_BUILD === "1") return;
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const r = spawnSync("npm", ["run", "-s", "build"], { cwd: root, encoding: "utf8" });
  if (r.status !== 0) {
    process.stderr.write(`\n[test setup] npm run build failed; end-to-end tests use whatever dist/ holds:\n${r.stdout}${r.stderr}\n`);
  }
}
