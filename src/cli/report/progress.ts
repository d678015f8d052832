/**
 * Progress bar on stderr for runs with many files (only when stderr is a terminal and not --quiet). While it is
 * shown, output meant for the same terminal is held back and printed when the bar is gone, so the two never mix.
 */
import type { Io } from "../io.js";

export interface Progress {
  update: (done: number) => void;
  stop: () => void;
}

export async function startProgress(total: number, io: Io, run: { out: (s: string | Uint8Array) => void }): Promise<Progress> {
  const { default: cliProgress } = await import("cli-progress");
  const bar = new cliProgress.SingleBar(
    {
      stream: io.stderr as NodeJS.WritableStream,
      format: "unspin {bar} {value}/{total} files",
      clearOnComplete: true,
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  const held: Array<string | Uint8Array> = [];
  const original = run.out;
  if (io.stdout.isTTY) run.out = (s) => void held.push(s);
  return {
    update: (done) => bar.update(done),
    stop: () => {
      bar.stop();
      run.out = original;
      for (const s of held) original(s);
    },
  };
}
