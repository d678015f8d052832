/**
 * `-i/--interactive`: review change by change. Each change is shown with file:line and its sentence, then one answer
 * is read per line from stdin (so sessions can be scripted: `printf 'y\nn\nq\n' | unspin -i file`):
 *   y accept · n reject · e edit the replacement · a accept all of this kind · d reject all of this kind
 *   x reject and never touch this word again (saved to the project's config) · q quit, keeping what was accepted
 *   (in the file under review, the later changes of a kind accepted with a included; later files are left alone)
 * End of input counts as q. A "kind" is the same before → after pair, ignoring case.
 */
import { createInterface, type Interface } from "node:readline";
import { dirname } from "node:path";
import type { ChalkInstance } from "chalk";
import type { Edit } from "../../types.js";
import type { ConfigResolver } from "../input/config.js";
import type { Io } from "../io.js";
import { saveNeverTouch } from "../input/never-touch-store.js";
import type { FileOutcome } from "../run/process-file.js";
import { formatChange } from "../report/report.js";
import { oneLine } from "../report/context.js";

export interface ReviewState {
  acceptKinds: Set<string>;
  rejectKinds: Set<string>;
  quit: boolean;
}

export interface Review {
  state: ReviewState;
  /** The edits the user accepted (possibly with an edited replacement). */
  review(outcome: Extract<FileOutcome, { status: "ok" }>): Promise<Edit[]>;
  /** Saves never-touch words and releases stdin. */
  finish(): Promise<void>;
}

const HELP = `y - restore this change
n - keep the text as written
e - edit the replacement
a - restore this and every later change of the same kind
d - keep this and every later change of the same kind as written
x - keep it, and add the word to the never-touch list of the project's config
q - quit; changes accepted so far are written
? - show this help
`;

export function kindOf(e: Edit): string {
  return `${e.before.toLowerCase()}\u0000${e.after.toLowerCase()}`;
}

/** Reads one answer per line; null at end of input. */
export interface Prompter {
  ask(question: string): Promise<string | null>;
  close(): void;
}

export function linePrompter(io: Io): Prompter {
  const rl: Interface = createInterface({ input: io.stdin, output: io.stdout, terminal: io.stdin.isTTY === true && io.stdout.isTTY === true });
  const lines = rl[Symbol.asyncIterator]();
  return {
    async ask(question) {
      io.stdout.write(question);
      const r = await lines.next();
      if (r.done) {
        io.stdout.write("\n");
        return null;
      }
      if (!io.stdin.isTTY) io.stdout.write(`${r.value}\n`); // echo scripted answers so transcripts read naturally
      return r.value as string;
    },
    close: () => rl.close(),
  };
}

export async function startReview(io: Io, chalk: ChalkInstance, resolver: ConfigResolver, prompter: Prompter = linePrompter(io)): Promise<Review> {
  const state: ReviewState = { acceptKinds: new Set(), rejectKinds: new Set(), quit: false };
  /** Never-touch words per config file (null = no config yet: one is created). */
  const neverTouch = new Map<string, { configPath: string | null; fileDir: string; words: string[] }>();

  async function review(outcome: Extract<FileOutcome, { status: "ok" }>): Promise<Edit[]> {
    const accepted: Edit[] = [];
    for (const edit of outcome.edits) {
      const kind = kindOf(edit);
      // Accepted with `a`: restored even after `q`, which stops the questions, not what was already answered.
      if (state.acceptKinds.has(kind)) {
        accepted.push(edit);
        continue;
      }
      if (state.quit || state.rejectKinds.has(kind)) continue;
      io.stdout.write(formatChange(outcome.display, outcome.text, edit, chalk));
      // How sure the decider is, and which entry proposed the change: the reviewer's best guide.
      io.stdout.write(chalk.dim(`    probability ${edit.confidence.toFixed(2)} · ${edit.entry}\n`));
      for (;;) {
        const answer = await prompter.ask(chalk.bold("Restore? [y,n,e,a,d,x,q,?] "));
        const key = answer === null ? "q" : answer.trim().charAt(0);
        if (key === "y") accepted.push(edit);
        else if (key === "n") {
          /* rejected */
        } else if (key === "a") {
          state.acceptKinds.add(kind);
          accepted.push(edit);
        } else if (key === "d") state.rejectKinds.add(kind);
        else if (key === "x") {
          state.rejectKinds.add(kind);
          const config = await resolver.forDirectory(dirname(outcome.path));
          const target = config.filepath ?? `(new) ${dirname(outcome.path)}`;
          const entry = neverTouch.get(target) ?? { configPath: config.filepath, fileDir: dirname(outcome.path), words: [] };
          entry.words.push(edit.before);
          neverTouch.set(target, entry);
        } else if (key === "e") {
          const replacement = await prompter.ask(`Replace "${oneLine(edit.before)}" with: `);
          if (replacement === null) state.quit = true;
          else if (replacement !== "" && replacement !== edit.before) accepted.push({ ...edit, after: replacement });
        } else if (key === "q") state.quit = true;
        else {
          io.stdout.write(HELP);
          continue;
        }
        break;
      }
    }
    return accepted;
  }

  async function finish(): Promise<void> {
    prompter.close();
    for (const { configPath, fileDir, words } of neverTouch.values()) {
      const message = await saveNeverTouch(configPath, fileDir, words);
      io.stderr.write(`unspin: ${message}\n`);
    }
  }

  return { state, review, finish };
}
