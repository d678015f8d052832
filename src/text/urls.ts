/**
 * URLs and e-mail addresses in a text: never prose, so restoring leaves them alone (`https://example.com/mentioned`,
 * `example.org/mentioned` stay as written). Pure.
 */
import { PATH_MARK, pathIn } from "./paths.js";

const URL_OR_EMAIL =
  /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.|mailto:)[^\s<>"'`]*[^\s<>"'`.,;:!?)\]}]|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\/[^\s<>"'`]*[^\s<>"'`.,;:!?)\]}]/giu;
/** What every URL or e-mail address of URL_OR_EMAIL holds (a domain with a path, `example.org/page`, holds "./"). */
const URL_OR_EMAIL_MARK = /:\/\/|www\.|mailto:|@|\.[a-z]{2,}\//i;

/**
 * Offsets [start, end) of the URLs and e-mail addresses of a text, in order. The full pattern tries every word of
 * the text; most texts hold none, and a quick search for what each must contain says so first (about 1 % of the time
 * of restoring a long spun text).
 */
export function urlsAndEmails(text: string): { start: number; end: number }[] {
  return neverProse(text, true, false);
}

/** Offsets [start, end) of the file paths of a text (see paths.ts), in order. */
export function filePaths(text: string): { start: number; end: number }[] {
  return neverProse(text, false, true);
}

/**
 * Both in one pass over the text (what the engine skips): in text order run by run, a run's URL before its path (the
 * two may overlap: the caller merges them).
 */
export function urlsEmailsAndPaths(text: string): { start: number; end: number }[] {
  return neverProse(text, true, true);
}

function neverProse(text: string, withUrls: boolean, withPaths: boolean): { start: number; end: number }[] {
  const urls = withUrls && URL_OR_EMAIL_MARK.test(text);
  const paths = withPaths && PATH_MARK.test(text);
  if (!urls && !paths) return [];
  const out: { start: number; end: number }[] = [];
  // A URL, an address or a path holds no space: the patterns run on each run of non-space characters that holds a
  // mark, never over the whole text (from every word of a long hyphenated or dotted run it scanned to the run's end:
  // 80 KB of "a-a-…" after one address took 11 s). A run longer than MAX_RUN that holds a URL's mark is taken whole.
  for (const run of text.matchAll(/\S+/g)) {
    const chunk = run[0];
    if (urls && URL_OR_EMAIL_MARK.test(chunk)) {
      if (chunk.length > MAX_RUN) {
        out.push({ start: run.index, end: run.index + chunk.length });
        continue;
      }
      for (const m of chunk.matchAll(URL_OR_EMAIL)) if (m[0].length > 0) out.push({ start: run.index + m.index, end: run.index + m.index + m[0].length });
    }
    if (paths && PATH_MARK.test(chunk)) {
      const path = pathIn(chunk);
      if (path) out.push({ start: run.index + path.at, end: run.index + path.at + path.length });
    }
  }
  return out;
}

/** Longest run of non-space characters searched for URLs and addresses; a longer one that holds a mark is skipped whole. */
export const MAX_RUN = 4096;
