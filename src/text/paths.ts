/**
 * File paths in a text: never prose, so restoring leaves them alone (`/etc/app/packages/settings.conf`,
 * `src/information/numerous.ts`, `C:\Users\folks\log.txt` keep every word as written, however spun the words
 * around them are). Pure.
 *
 * A run of non-space characters, without the punctuation that opens or closes it, is a path when it
 *  - starts at a root: `/`, `~/`, `./`, `../` followed by a name (`/etc`, `./build`), or a drive `C:\` or `C:/`, or
 *    a network share `\\server`;
 *  - holds a backslash between two name characters (`Files\App\log.txt`, a Windows path cut by a space);
 *  - holds three names or more joined by slashes (`src/restore/engine`);
 *  - or is one name, a slash and a file name with an extension (`docs/design.md`).
 * Prose keeps its slashes: `and/or`, `his/her`, `yes/no`, `24/7`, `km/h` and ` / ` are none of these.
 */

/** A character that may start or end a run around a path without being part of it. */
const OPENERS = /^[("'\[{<`“‘«]+/u;
const CLOSERS = /[)"'\]}>`”’».,;:!?]+$/u;
const NAME = String.raw`[\p{L}\p{N}_.@%+~-]`;
const ROOTED = new RegExp(String.raw`^(?:~|\.{1,2})?/${NAME}|^[A-Za-z]:[\\/]|^\\\\${NAME}`, "u");
const BACKSLASHED = new RegExp(String.raw`${NAME}\\${NAME}`, "u");
const THREE_NAMES = new RegExp(String.raw`^${NAME}+(?:/${NAME}+){2,}/?$`, "u");
const DIRECTORY_AND_FILE = new RegExp(String.raw`^${NAME}+/[\p{L}\p{N}_@%+~-]+\.[A-Za-z][A-Za-z0-9]{0,5}$`, "u");
/** What every path holds; most texts' runs hold neither, and are not looked at again. */
const PATH_MARK = /[/\\]/;

/** Offsets [start, end) of the file paths of a text, in order. */
export function filePaths(text: string): { start: number; end: number }[] {
  if (!PATH_MARK.test(text)) return [];
  const out: { start: number; end: number }[] = [];
  for (const run of text.matchAll(/\S+/g)) {
    const chunk = run[0];
    if (!PATH_MARK.test(chunk)) continue;
    const lead = OPENERS.exec(chunk)?.[0].length ?? 0;
    const core = chunk.slice(lead).replace(CLOSERS, "");
    if (core.length < 2 || !isPath(core)) continue;
    out.push({ start: run.index + lead, end: run.index + lead + core.length });
  }
  return out;
}

function isPath(run: string): boolean {
  return ROOTED.test(run) || BACKSLASHED.test(run) || THREE_NAMES.test(run) || DIRECTORY_AND_FILE.test(run);
}
