/** `unspin learn` with the real engine: phrases and words around a head word, adjacent swaps split. */
import { expect, it } from "vitest";
import { REAL_CLI, runCli, tempTree } from "./helpers/run.js";

it("unspin learn lists phrase swaps, splits adjacent swaps the dictionaries know, and keeps head-word additions seen twice", async () => {
  const dir = tempTree({
    "spun.txt": "The content material was mentioned. Extra content material was mentioned by the time period of the convention.\n",
    "orig.txt": "The content was said. More content was said by the term of the conference.\n",
  });
  const r = await runCli(["learn", "spun.txt", "orig.txt"], { cli: REAL_CLI, cwd: dir });
  expect(r.stderr).toBe("");
  const rows = r.out.trim().split("\n").slice(1).map((l) => l.split("\t").slice(0, 3).join(" | "));
  expect(rows).toEqual(["content material | content | 2", "mentioned | said | 2", "convention | conference | 1", "extra | more | 1", "time period | term | 1"]);
});
