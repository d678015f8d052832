/**
 * Finds the parts of Markdown and HTML documents that are not prose (code, URLs, tags and attributes, comments,
 * front matter), so restore() is told to leave them alone. When unsure, a region is skipped: missing a spun word in
 * an odd construct is harmless, rewriting code or a URL is not.
 */
import { extname } from "node:path";
import { mergeSpans, type Span } from "./spans.js";
import { urlsAndEmails } from "../../text/urls.js";

export type DocKind = "markdown" | "html" | "plain";

const MARKDOWN_EXT = new Set([".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdx"]);
const HTML_EXT = new Set([".html", ".htm", ".xhtml"]);

export function docKindFor(path: string): DocKind {
  const ext = extname(path).toLowerCase();
  if (MARKDOWN_EXT.has(ext)) return "markdown";
  if (HTML_EXT.has(ext)) return "html";
  return "plain";
}

export function proseSkips(text: string, kind: DocKind): Span[] {
  switch (kind) {
    case "markdown":
      return markdownSkips(text);
    case "html":
      return htmlSkips(text);
    case "plain":
      return mergeSpans(urlsAndEmails(text));
  }
}


const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const RAW_ELEMENT = /<(script|style|pre|code|kbd|samp|var|textarea|svg|math|template)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi;
// Attribute names, declarations and processing instructions stop at the next "<": 200 KB of unclosed "<a " took 24 s,
// of "<!a" 5.6 s, of "<?" 3.2 s, each opener's search running on to the end.
const HTML_TAG = /<\/?[a-z][\w:.-]*(?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*\/?>/gi;
const HTML_DECLARATION = /<![a-z][^<>]*>|<!\[CDATA\[[\s\S]*?\]\]>|<\?[^<]*?\?>/gi;
const HTML_ENTITY = /&(?:#\d+|#x[\da-f]+|[a-z][a-z\d]*);/gi;

function htmlSkips(text: string): Span[] {
  return mergeSpans([
    ...matches(text, HTML_COMMENT),
    ...matches(text, RAW_ELEMENT),
    ...matches(text, HTML_DECLARATION),
    ...matches(text, HTML_TAG),
    ...matches(text, HTML_ENTITY),
    ...matches(text, TEMPLATE_SYNTAX),
    ...urlsAndEmails(text),
  ]);
}

/** YAML front matter (closed by `---` or, as Pandoc allows, `...`) or TOML (`+++`). */
const FRONT_MATTER = /^(?:---[ \t]*(?:\r\n?|\n)[\s\S]*?(?:\r\n?|\n)(?:---|\.\.\.)|\+\+\+[ \t]*(?:\r\n?|\n)[\s\S]*?(?:\r\n?|\n)\+\+\+)[ \t]*(?:\r\n?|\n|$)/;
const MD_AUTOLINK = /<[a-z][\w+.-]*:[^\s<>]*>/gi;
/** A link title: "…", '…' (backslash escapes allowed inside) or (…). */
const MD_TITLE = String.raw`(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\([^)\n]*\))`;
/** `](destination "title")` of inline links and images; the link text before it is prose. */
const MD_LINK_DESTINATION = new RegExp(String.raw`\]\(\s*(?:<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+${MD_TITLE})?\s*\)`, "g");
/** `[label]: destination "title"`, the destination and the title each possibly on the next line. */
const MD_REFERENCE_DEFINITION = new RegExp(
  String.raw`^ {0,3}\[([^\]\n]+)\]:[ \t]*(?:\r?\n[ \t]*)?(?:<[^>\n]*>|\S+)(?:(?:[ \t]+|[ \t]*\r?\n[ \t]*)${MD_TITLE})?[ \t]*$`,
  "gm",
);
/**
 * The label of a full or collapsed reference link (`[text][label]`, `[text][]`) and a footnote reference (`[^1]`).
 * A label holds no unescaped bracket (CommonMark), and a search that stops at the next "[" cannot be sent to the end
 * of a line by each of many unclosed "[^" (200 KB of them took 21 s).
 */
const MD_REFERENCE_LABEL = /\]\[[^[\]\n]*\]|\[\^[^[\]\n]+\]/g;
const MD_MATH_BLOCK = /\$\$[\s\S]*?\$\$/g;
/**
 * Template syntax of static-site generators, in Markdown and HTML alike: Hugo shortcodes (`{{< figure src="…" >}}`,
 * `{{% … %}}`), Liquid and Jinja tags and output (`{% include x.html %}`, `{{ page.title }}`), and attribute blocks
 * (`## Heading {#id .class}`): names and paths, never prose.
 */
// Within a line and up to the next "{": an unclosed "{{" or "{%" must not hide the rest of the document, nor send a
// search to the end of its line (200 KB of "{{" took 19 s). Tags and shortcodes hold no braces; a Jinja dict literal
// (`{% set x = {…} %}`) is left to the prose rules.
const TEMPLATE_SYNTAX = /\{\{[<%][^\n{]*?[>%]\}\}|\{%[^\n{]*?%\}|\{\{[^\n{]*?\}\}|\{[ \t]*[#.][^{}\n]*\}/g;

/** A reference label as CommonMark matches them: case and runs of spaces do not count. */
const labelKey = (label: string) => label.trim().replace(/\s+/g, " ").toLowerCase();

/**
 * Shortcut references (`[label]` alone) to a label the document defines: the label is the link, and changing it would
 * break it (its definition is left alone).
 */
function shortcutReferences(text: string): Span[] {
  const defined = new Set<string>();
  for (const m of text.matchAll(MD_REFERENCE_DEFINITION)) defined.add(labelKey(m[1]!));
  if (defined.size === 0) return [];
  const out: Span[] = [];
  for (const m of text.matchAll(/\[([^\]\n]+)\](?![(:\[])/g)) if (defined.has(labelKey(m[1]!))) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

/**
 * The code of a Markdown document (fenced, indented and inline): a directive shown there is an example, not one to
 * follow (see directives.ts).
 */
export function markdownCode(text: string): Span[] {
  const blocks = markdownBlockSkips(text);
  return mergeSpans([...blocks, ...inlineCodeSpans(blankOut(text, blocks))]);
}

function markdownSkips(text: string): Span[] {
  const blocks = markdownBlockSkips(text);
  // Inline constructs are searched with block-level code blanked out, so a fence's backticks never pair with
  // inline ones. Blanking keeps offsets and line breaks.
  const masked = blankOut(text, blocks);
  return mergeSpans([
    ...blocks,
    ...inlineCodeSpans(masked),
    ...matches(masked, HTML_COMMENT),
    ...matches(masked, RAW_ELEMENT),
    ...matches(masked, HTML_TAG),
    ...matches(masked, MD_AUTOLINK),
    ...matches(masked, MD_LINK_DESTINATION),
    ...matches(masked, MD_REFERENCE_DEFINITION),
    ...matches(masked, MD_REFERENCE_LABEL),
    ...shortcutReferences(masked),
    ...matches(masked, MD_MATH_BLOCK),
    ...matches(masked, TEMPLATE_SYNTAX),
    ...matches(masked, HTML_ENTITY),
    ...urlsAndEmails(masked),
  ]);
}

const LINE_END = /\r\n|\n|\r/g;
/** A fence opens a code block at any indentation (in a list item it is indented) and inside blockquotes (`> ~~~`). */
const FENCE_OPEN = /^(?:[ \t]*>)*[ \t]*(`{3,}(?=[^`]*$)|~{3,})/;
const FENCE_CLOSE = /^(?:[ \t]*>)*[ \t]*(`{3,}|~{3,})[ \t]*$/;
const LIST_ITEM = /^( {0,3}(?:[-*+]|\d{1,9}[.)]))([ \t]+|$)/;
/** Blockquote markers before a line's content (`> `, `>> `), which indentation inside the quote is counted after. */
const QUOTE_PREFIX = /^(?: {0,3}> ?)*/;
/** Lines after which an indented code block may start without a blank line: headings and thematic breaks. */
const ATX_HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

/** Columns of a line's leading spaces and tabs (a tab to the next multiple of 4). */
function leadingColumns(line: string): number {
  let col = 0;
  for (const c of line) {
    if (c === " ") col++;
    else if (c === "\t") col += 4 - (col % 4);
    else break;
  }
  return col;
}

/** Where a list item's content starts (its marker, then 1–4 spaces; more is an indented code block in the item). */
function itemContentColumn(m: RegExpExecArray): number {
  const gap = leadingColumns(m[2]!);
  return m[1]!.length + (gap === 0 || gap > 4 ? 1 : gap);
}

/** Front matter, fenced code blocks and indented code blocks. */
function markdownBlockSkips(text: string): Span[] {
  const spans: Span[] = [];
  const fm = FRONT_MATTER.exec(text);
  let pos = fm ? fm[0].length : 0;
  if (fm) spans.push({ start: 0, end: pos });

  let fence: { char: string; len: number; start: number } | null = null;
  let prevBlank = true;
  let inList = false;
  let listContent = 0;
  let indentedStart = -1;
  while (pos < text.length) {
    // A line ends at "\n", "\r\n" or a lone "\r" (CommonMark), so a CR-only file has its code blocks too.
    LINE_END.lastIndex = pos;
    const eol = LINE_END.exec(text);
    const lineEnd = eol ? eol.index + eol[0].length : text.length;
    const line = text.slice(pos, eol ? eol.index : text.length);
    // Inside a blockquote, the line's content is what follows its markers (`>     code` is code in the quote).
    const inner = line.slice(QUOTE_PREFIX.exec(line)![0].length);
    const blank = inner.trim() === "";
    // After a heading, a thematic break or a closing fence, an indented line starts code as after a blank line.
    let opensCode = blank || ATX_HEADING.test(inner) || THEMATIC_BREAK.test(inner);
    if (fence) {
      const close = FENCE_CLOSE.exec(line);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.len) {
        spans.push({ start: fence.start, end: lineEnd });
        fence = null;
        opensCode = true;
      }
    } else {
      const open = FENCE_OPEN.exec(line);
      // In a list item, code is indented 4 more than the item's content (6 spaces after "- ", 7 after "1. "): less is
      // the item's text.
      const indented = !blank && leadingColumns(inner) >= (inList ? listContent : 0) + 4;
      if (indentedStart !== -1 && !indented && !blank) {
        spans.push({ start: indentedStart, end: pos });
        indentedStart = -1;
      }
      if (open) {
        fence = { char: open[1]![0]!, len: open[1]!.length, start: pos };
      } else if (indented && indentedStart === -1 && prevBlank) {
        indentedStart = pos;
      } else if (!blank && !indented) {
        const item = LIST_ITEM.exec(inner);
        if (item) listContent = itemContentColumn(item);
        inList = item !== null || (inList && !prevBlank);
      }
    }
    prevBlank = opensCode;
    pos = lineEnd;
  }
  if (fence) spans.push({ start: fence.start, end: text.length }); // an unclosed fence runs to the end
  if (indentedStart !== -1) spans.push({ start: indentedStart, end: text.length });
  return spans;
}

/** The text with every character of the spans but line breaks turned into a space, in one pass (offsets unchanged). */
function blankOut(text: string, spans: readonly Span[]): string {
  if (spans.length === 0) return text;
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let at = 0;
  for (const s of sorted) {
    const from = Math.max(s.start, at);
    if (s.end <= from) continue;
    parts.push(text.slice(at, from), text.slice(from, s.end).replace(/[^\r\n]/g, " "));
    at = s.end;
  }
  parts.push(text.slice(at));
  return parts.join("");
}

/** `code` spans: a run of N backticks up to the next run of exactly N backticks. */
function inlineCodeSpans(text: string): Span[] {
  // Every run once, and for each the next run of the same length: a lone run never sends a search to the end.
  const starts: number[] = [];
  const lengths: number[] = [];
  for (const m of text.matchAll(/`+/g)) {
    // A backslash escapes the first backtick of a run (outside code: "\`" is a literal backtick).
    let backslashes = 0;
    while (m.index - backslashes > 0 && text[m.index - backslashes - 1] === "\\") backslashes++;
    const escaped = backslashes % 2 === 1 ? 1 : 0;
    if (m[0].length - escaped === 0) continue;
    starts.push(m.index + escaped);
    lengths.push(m[0].length - escaped);
  }
  const nextSame = new Int32Array(starts.length);
  const lastOfLength = new Map<number, number>();
  for (let i = starts.length - 1; i >= 0; i--) {
    nextSame[i] = lastOfLength.get(lengths[i]!) ?? -1;
    lastOfLength.set(lengths[i]!, i);
  }
  const spans: Span[] = [];
  for (let i = 0; i < starts.length; ) {
    const j = nextSame[i]!;
    if (j < 0) {
      i++; // a lone backtick run is literal text
      continue;
    }
    spans.push({ start: starts[i]!, end: starts[j]! + lengths[j]! });
    i = j + 1;
  }
  return spans;
}

function matches(text: string, re: RegExp): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(re)) {
    if (m[0].length > 0) out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}
