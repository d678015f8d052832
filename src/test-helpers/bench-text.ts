/**
 * A long text made from the project's own bench fixtures (test-only; not built into dist/): their paragraphs (spun or
 * original) drawn with a fixed seed until the text holds about `chars` characters, separated by blank lines.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const benchDir = join(import.meta.dirname, "..", "..", "fixtures", "bench");

export function benchText(suffix: ".spun.txt" | ".orig.txt", chars: number, seed: number): string {
  const paragraphs = readdirSync(benchDir)
    .filter((f) => f.endsWith(suffix))
    .sort()
    .flatMap((f) => readFileSync(join(benchDir, f), "utf8").split("\n"))
    .map((s) => s.trim())
    .filter(Boolean);
  let state = seed;
  const rand = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const out: string[] = [];
  let size = 0;
  while (size < chars) {
    const p = paragraphs[Math.floor(rand() * paragraphs.length)]!;
    out.push(p);
    size += p.length + 2;
  }
  return out.join("\n\n") + "\n";
}
