/**
 * `--format html`: one self-contained review page (no network: styles and script are inline, nothing is fetched).
 * Every file's changes are listed with the line around each change (removed words struck through, inserted words
 * underlined), the confidence and the dictionary entry behind it. The content is rendered here, so the page reads
 * without JavaScript; the script only adds filters (file, lowest confidence) and keyboard navigation.
 */
import type { Edit, Flag } from "../../types.js";
import { contextAround } from "./context.js";

export interface HtmlFile {
  /** Path relative to the working directory, forward slashes. */
  uri: string;
  text: string;
  edits: readonly Edit[];
  /** Suspected unlisted tortured phrases: shown apart from the changes, never applied. */
  flags?: readonly Flag[];
}

export interface HtmlOptions {
  version: string;
  /** What was checked (the arguments), shown in the title. */
  title: string;
  skipped: number;
  errors: number;
  /** The changes were written to the files (-w): the page says so instead of how to apply them. */
  written?: boolean;
}

/** Lowest-confidence filter steps offered by the page. */
const CONFIDENCE_STEPS = [0, 0.5, 0.8, 0.95];
/** Characters of context shown on each side of a change, within its line. */
const CONTEXT_CHARS = 80;

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function contextHtml(text: string, e: Pick<Edit, "start" | "end" | "before" | "after">, mark?: "flag"): string {
  const { head, tail } = contextAround(text, e.start, e.end, CONTEXT_CHARS);
  const middle = mark === "flag" ? `<mark>${escapeHtml(e.before)}</mark>` : `<del>${escapeHtml(e.before)}</del><ins>${escapeHtml(e.after)}</ins>`;
  return `${escapeHtml(head)}${middle}${escapeHtml(tail)}`;
}

function confidenceClass(c: number): string {
  return c >= 0.95 ? "high" : c >= 0.8 ? "good" : c >= 0.5 ? "mid" : "low";
}

export function renderHtml(files: readonly HtmlFile[], opts: HtmlOptions): string {
  return renderHtmlParts(files, opts).join("");
}

/**
 * The page in parts, one per change among them, to be written one after the other: the page of a text with a few
 * hundred thousand changes is more than the longest string V8 can hold (about 512 million characters).
 */
export function renderHtmlParts(files: readonly HtmlFile[], opts: HtmlOptions): string[] {
  const flagsOf = (f: HtmlFile) => f.flags ?? [];
  // Files shown: those with changes or flags; counted "with changes": those with changes, as the terminal summary does.
  const shown = files.filter((f) => f.edits.length > 0 || flagsOf(f).length > 0);
  const changedFiles = shown.filter((f) => f.edits.length > 0).length;
  const changes = shown.reduce((n, f) => n + f.edits.length, 0);
  const flagged = shown.reduce((n, f) => n + flagsOf(f).length, 0);
  const sectionParts = shown.flatMap((f, fi) => {
      const rows = f.edits.map(
          (e) =>
            `<li class="change ${confidenceClass(e.confidence)}" tabindex="-1" data-file="${fi}" data-confidence="${e.confidence}">` +
            `<div class="head"><a class="where" href="#c${fi}-${e.start}" id="c${fi}-${e.start}">${escapeHtml(f.uri)}:${e.line}:${e.column}</a> ` +
            `<span class="pair"><del>${escapeHtml(e.before)}</del> → <ins>${escapeHtml(e.after)}</ins></span> ` +
            `<span class="confidence" title="confidence">${Math.round(e.confidence * 100)}%</span> ` +
            `<code class="entry" title="dictionary entry">${escapeHtml(e.entry)}</code></div>` +
            `<div class="context">${contextHtml(f.text, e)}</div>` +
            `<div class="evidence">${escapeHtml(e.evidence)}</div></li>`,
        );
      const flagRows = flagsOf(f)
        .map(
          (g) =>
            `<li class="flag"><div class="head"><span class="where">${escapeHtml(f.uri)}:${g.line}:${g.column}</span> ` +
            `<span class="pair">? <mark>${escapeHtml(g.phrase)}</mark></span> <span class="likely">possible tortured phrase; likely "${escapeHtml(g.likely)}", score ${g.score.toFixed(2)}</span></div>` +
            `<div class="context">${contextHtml(f.text, { start: g.start, end: g.end, before: f.text.slice(g.start, g.end), after: "" }, "flag")}</div>` +
            `<div class="evidence">${escapeHtml(g.evidence)}</div></li>`,
        )
        .join("\n");
      const counts = [plural(f.edits.length, "change"), ...(flagsOf(f).length ? [plural(flagsOf(f).length, "flag")] : [])].join(", ");
      return [
        ...(fi > 0 ? ["\n"] : []),
        `<section class="file" data-file="${fi}"><h2>${escapeHtml(f.uri)} <span class="n">${counts}</span></h2>\n<ol class="changes">\n`,
        ...rows.flatMap((r, k) => (k > 0 ? ["\n", r] : [r])),
        `\n</ol>` + (flagRows ? `\n<h3>Flagged, not changed</h3>\n<ol class="flags">\n${flagRows}\n</ol>` : "") + `</section>`,
      ];
    });
  const fileOptions = shown.map((f, fi) => `<option value="${fi}">${escapeHtml(f.uri)} (${f.edits.length})</option>`).join("");
  const confidenceOptions = CONFIDENCE_STEPS.map((c) => `<option value="${c}">${c === 0 ? "any" : `≥ ${Math.round(c * 100)}%`}</option>`).join("");
  const notes = [opts.skipped ? plural(opts.skipped, "file") + " skipped" : "", opts.errors ? plural(opts.errors, "error") : ""].filter(Boolean);
  const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>unspin review: ${escapeHtml(opts.title)}</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; margin: 0; color: #1d1d1f; background: #fafafa; }
header { position: sticky; top: 0; background: #fff; border-bottom: 1px solid #ddd; padding: .6em 1.2em; z-index: 1; }
h1 { font-size: 1.15em; margin: 0 0 .3em; }
main { padding: 0 1.2em 3em; max-width: 70em; }
h2 { font-size: 1em; margin: 1.5em 0 .4em; font-family: ui-monospace, monospace; }
h2 .n { font-family: system-ui, sans-serif; font-weight: normal; color: #666; }
ol.changes { list-style: none; padding: 0; margin: 0; }
li.change { background: #fff; border: 1px solid #e2e2e2; border-left: 4px solid #999; border-radius: 4px; padding: .4em .7em; margin: .35em 0; }
li.change.high { border-left-color: #2e7d32; } li.change.good { border-left-color: #7cb342; }
li.change.mid { border-left-color: #f9a825; } li.change.low { border-left-color: #e53935; }
li.change:focus, li.change.current { outline: 2px solid #1565c0; outline-offset: 1px; }
.where { font-family: ui-monospace, monospace; color: #6a1b9a; text-decoration: none; }
del { color: #b71c1c; background: #ffebee; } ins { color: #1b5e20; background: #e8f5e9; text-decoration: none; }
.confidence { font-weight: 600; } .entry { color: #555; font-size: .9em; }
.context { font-family: ui-monospace, monospace; font-size: .9em; white-space: pre-wrap; margin: .2em 0; }
.evidence { color: #666; font-size: .85em; }
.filters label { margin-right: 1em; } .hidden { display: none; } kbd { border: 1px solid #bbb; border-radius: 3px; padding: 0 .3em; font-size: .85em; }
.help { color: #666; font-size: .85em; }
h3 { font-size: .9em; margin: .8em 0 .2em; color: #8d6e00; }
li.flag { background: #fffdf3; border: 1px solid #eee2b0; border-left: 4px solid #f9a825; border-radius: 4px; padding: .4em .7em; margin: .35em 0; }
mark { background: #fff59d; } .likely { color: #666; font-size: .9em; }
</style>
</head>
<body>
<header>
<h1>unspin review: ${escapeHtml(opts.title)}</h1>
<p id="summary"><span id="count-files">${files.length}</span> ${files.length === 1 ? "file" : "files"} checked, <span id="count-changed">${changedFiles}</span> with changes, <span id="count-changes">${changes}</span> ${changes === 1 ? "change" : "changes"}${flagged ? `, <span id="count-flags">${flagged}</span> flagged ${flagged === 1 ? "phrase" : "phrases"}` : ""}${notes.length ? ` (${escapeHtml(notes.join(", "))})` : ""}. <span id="showing"></span></p>
<div class="filters">
<label>File <select id="file-filter"><option value="all">all files</option>${fileOptions}</select></label>
<label>Confidence <select id="confidence-filter">${confidenceOptions}</select></label>
<span class="help"><kbd>j</kbd>/<kbd>k</kbd> next/previous change, <kbd>n</kbd>/<kbd>p</kbd> next/previous file, <kbd>f</kbd> file filter, <kbd>c</kbd> confidence filter</span>
</div>
</header>
<main>
${shown.length === 0 ? '<p id="no-changes">No changes: nothing looks spun.</p>' : SECTIONS}
</main>
<footer class="help" style="padding:0 1.2em 1em">unspin ${escapeHtml(opts.version)}. ${
    opts.written
      ? "These changes have been written to the files (unspin -w)."
      : "Nothing has been written; run <code>unspin -w</code> to apply these changes, or <code>unspin -i</code> to pick them one by one."
  }</footer>
<script>
(() => {
  const items = [...document.querySelectorAll("li.change")];
  const sections = [...document.querySelectorAll("section.file")];
  const fileSel = document.getElementById("file-filter");
  const confSel = document.getElementById("confidence-filter");
  const showing = document.getElementById("showing");
  let current = -1;
  const visible = () => items.filter((li) => !li.classList.contains("hidden") && !li.closest("section").classList.contains("hidden"));
  function apply() {
    const file = fileSel.value;
    const min = Number(confSel.value);
    for (const li of items) li.classList.toggle("hidden", Number(li.dataset.confidence) < min);
    for (const s of sections) s.classList.toggle("hidden", (file !== "all" && s.dataset.file !== file) || (!s.querySelector("li.change:not(.hidden)") && !s.querySelector("li.flag")));
    const n = visible().length;
    showing.textContent = n === items.length ? "" : "Showing " + n + " of " + items.length + ".";
    showing.dataset.count = String(n);
  }
  function select(li) {
    items[current]?.classList.remove("current");
    current = items.indexOf(li);
    li.classList.add("current");
    li.focus();
    li.scrollIntoView({ block: "center" });
  }
  function go(step) {
    const list = visible();
    if (!list.length) return;
    const at = list.indexOf(items[current]);
    select(list[at === -1 ? (step > 0 ? 0 : list.length - 1) : Math.max(0, Math.min(list.length - 1, at + step))]);
  }
  function goFile(step) {
    const secs = sections.filter((s) => !s.classList.contains("hidden"));
    if (!secs.length) return;
    const at = secs.indexOf(items[current]?.closest("section"));
    const target = secs[at === -1 ? 0 : Math.max(0, Math.min(secs.length - 1, at + step))];
    const first = visible().find((li) => target.contains(li));
    if (first) select(first);
  }
  fileSel.addEventListener("change", apply);
  confSel.addEventListener("change", apply);
  document.addEventListener("keydown", (ev) => {
    if (ev.target instanceof HTMLSelectElement || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (ev.key === "j" || ev.key === "ArrowDown") go(1);
    else if (ev.key === "k" || ev.key === "ArrowUp") go(-1);
    else if (ev.key === "n") goFile(1);
    else if (ev.key === "p") goFile(-1);
    else if (ev.key === "f") fileSel.focus();
    else if (ev.key === "c") confSel.focus();
    else return;
    ev.preventDefault();
  });
  apply();
})();
</script>
</body>
</html>
`;
  const at = page.indexOf(SECTIONS);
  return at < 0 ? [page] : [page.slice(0, at), ...sectionParts, page.slice(at + SECTIONS.length)];
}

/** Where the files' sections go in the page's template (a string no page text holds). */
const SECTIONS = "\u0000sections\u0000";
