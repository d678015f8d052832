/**
 * URLs and e-mail addresses in a text: never prose, so restoring leaves them alone (`https://example.com/mentioned`,
 * `example.org/mentioned` stay as written). Pure.
 */
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
  if (!URL_OR_EMAIL_MARK.test(text)) return [];
  const out: { start: number; end: number }[] = [];
  for (const m of text.matchAll(URL_OR_EMAIL)) if (m[0].length > 0) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}
