/**
 * File paths: never prose, so restoring leaves them alone (`/etc/app/packages/settings.conf`,
 * `src/information/numerous.ts`, `C:\Users\folks\log.txt` keep every word as written, however spun the words
 * around them are); found with URLs and e-mail addresses, in one pass over a text (urls.ts). Pure.
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
/** What every path holds: a run without it is not looked at again. */
export const PATH_MARK = /[/\\]/;

/**
 * The path in a run of non-space characters that holds PATH_MARK: its offset in the run (after the punctuation that
 * opens it) and its length (before the punctuation that closes it); null when the run is no path.
 */
export function pathIn(run: string): { at: number; length: number } | null {
  const lead = OPENERS.exec(run)?.[0].length ?? 0;
  const core = run.slice(lead).replace(CLOSERS, "");
  return core.length >= 2 && isPath(core) ? { at: lead, length: core.length } : null;
}

function isPath(run: string): boolean {
  return ROOTED.test(run) || BACKSLASHED.test(run) || THREE_NAMES.test(run) || DIRECTORY_AND_FILE.test(run);
}
