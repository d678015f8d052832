/**
 * Inline directives, written inside any comment syntax (`<!-- … -->`, `// …`, `# …`, `/* … *\/`):
 *   unspin-ignore-line        skip the line it is on
 *   unspin-ignore-next-line   skip the following line
 *   unspin-disable / unspin-enable   skip everything between them (an unmatched disable runs to the end)
 * The lines holding directives are skipped too, so the comment text itself is never rewritten.
 */
import { lineSpanAround, mergeSpans, nextLineStart, type Span } from "./spans.js";

const DIRECTIVE = /\bunspin-(ignore-line|ignore-next-line|disable-next-line|disable-line|disable|enable)\b(?!-)/g;

/** `examples`: spans where a directive is only shown (code in Markdown), not followed. */
export function directiveSkips(text: string, examples: readonly Span[] = []): Span[] {
  const spans: Span[] = [];
  let disabledFrom = -1;
  for (const m of text.matchAll(DIRECTIVE)) {
    if (examples.some((s) => s.start <= m.index && m.index < s.end)) continue;
    const line = lineSpanAround(text, m.index, m.index + m[0].length);
    switch (m[1]) {
      case "ignore-line":
      case "disable-line":
        spans.push(line);
        break;
      case "ignore-next-line":
      case "disable-next-line": {
        spans.push(line);
        const next = nextLineStart(text, line.end);
        if (next !== -1) spans.push(lineSpanAround(text, next, next));
        break;
      }
      case "disable":
        spans.push(line);
        if (disabledFrom === -1) disabledFrom = line.start;
        break;
      case "enable":
        spans.push(line);
        if (disabledFrom !== -1) spans.push({ start: disabledFrom, end: line.end });
        disabledFrom = -1;
        break;
    }
  }
  if (disabledFrom !== -1) spans.push({ start: disabledFrom, end: text.length });
  return mergeSpans(spans);
}
