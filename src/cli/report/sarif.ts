/**
 * `--format sarif`: a SARIF 2.1.0 log for code-scanning UIs (GitHub, VS Code SARIF viewer). Each change is a result
 * with a fix (deletedRegion + insertedContent), so viewers can offer to apply it. Columns are UTF-16 code units,
 * which is SARIF's default columnKind and what the library reports.
 */
import type { Edit, Flag } from "../../types.js";
import { lineIndexAt, lineStarts } from "../input/spans.js";

export interface SarifFile {
  /** Path relative to the working directory, forward slashes. */
  uri: string;
  text: string;
  edits: readonly Edit[];
  /** Suspected tortured phrases: results of level "note", without a fix. */
  flags?: readonly Flag[];
}

const RULE_ID = "unspin/spun-wording";
const FLAG_RULE_ID = "unspin/tortured-phrase";

/** `rootUri`: file URI of the directory the relative uris are relative to, ending in "/". */
export function sarifLog(files: readonly SarifFile[], version: string, rootUri: string): object {
  const results = files.flatMap((f) => {
    const starts = lineStarts(f.text);
    const pos = (offset: number) => {
      const i = lineIndexAt(starts, offset);
      return { line: i + 1, column: offset - starts[i]! + 1 };
    };
    const notes = (f.flags ?? []).map((g) => {
      const end = pos(g.end);
      const region = { startLine: g.line, startColumn: g.column, endLine: end.line, endColumn: end.column, charOffset: g.start, charLength: g.end - g.start };
      return {
        ruleId: FLAG_RULE_ID,
        level: "note",
        message: { text: `"${g.phrase}" may be a tortured phrase (a term with words swapped for synonyms); likely "${g.likely}".` },
        locations: [{ physicalLocation: { artifactLocation: { uri: encodeUri(f.uri), uriBaseId: "%SRCROOT%" }, region } }],
        properties: { score: g.score, likely: g.likely, evidence: g.evidence },
      };
    });
    return [...notes, ...f.edits.map((e) => {
      const end = pos(e.end);
      const region = {
        startLine: e.line,
        startColumn: e.column,
        endLine: end.line,
        endColumn: end.column,
        charOffset: e.start,
        charLength: e.end - e.start,
      };
      const location = { uri: encodeUri(f.uri), uriBaseId: "%SRCROOT%" };
      return {
        ruleId: RULE_ID,
        level: "warning",
        message: { text: `"${e.before}" looks spun; the original wording is probably "${e.after}".` },
        locations: [{ physicalLocation: { artifactLocation: location, region } }],
        fixes: [
          {
            description: { text: `Replace "${e.before}" with "${e.after}"` },
            artifactChanges: [
              { artifactLocation: location, replacements: [{ deletedRegion: region, insertedContent: { text: e.after } }] },
            ],
          },
        ],
        properties: { confidence: e.confidence, entry: e.entry, evidence: e.evidence },
      };
    })].sort((a, b) => a.locations[0]!.physicalLocation.region.charOffset - b.locations[0]!.physicalLocation.region.charOffset);
  });
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "unspin",
            version,
            // No informationUri: the package has no public home page yet, and a link must not lead nowhere.
            rules: [
              {
                id: RULE_ID,
                name: "SpunWording",
                shortDescription: { text: "Wording replaced by a synonym spinner" },
                fullDescription: {
                  text: "A word or phrase looks like a thesaurus substitution made by an article spinner; the fix restores the likely original.",
                },
                defaultConfiguration: { level: "warning" },
              },
              {
                id: FLAG_RULE_ID,
                name: "TorturedPhrase",
                shortDescription: { text: "Possible tortured phrase (not in any list)" },
                fullDescription: {
                  text: "In scientific text, a phrase that reads like a known term with its words swapped for synonyms, as paper-mill spinners do; reported for review, not changed.",
                },
                defaultConfiguration: { level: "note" },
              },
            ],
          },
        },
        columnKind: "utf16CodeUnits",
        originalUriBaseIds: { "%SRCROOT%": { uri: rootUri } },
        results,
      },
    ],
  };
}

/**
 * The log as JSON.stringify(log, null, 2) + "\n" writes it, in parts (one per result), to be written one after the
 * other: the log of a text with a hundred thousand changes is more than the longest string V8 can hold.
 */
export function sarifParts(files: readonly SarifFile[], version: string, rootUri: string): string[] {
  const log = sarifLog(files, version, rootUri) as { runs: [{ results: object[] }] };
  const results = log.runs[0].results;
  if (results.length === 0) return [JSON.stringify(log, null, 2) + "\n"];
  log.runs[0].results = [];
  const text = JSON.stringify(log, null, 2) + "\n";
  const m = /\n( *)"results": \[\]/.exec(text)!;
  const indent = `${m[1]!}  `;
  const head = text.slice(0, m.index + m[0].length - 1);
  const tail = text.slice(m.index + m[0].length - 1);
  const parts = [head];
  results.forEach((r, k) => parts.push(`${k > 0 ? "," : ""}\n${indent}${JSON.stringify(r, null, 2).replace(/\n/g, `\n${indent}`)}`));
  parts.push(`\n${m[1]!}${tail}`);
  return parts;
}

/** Percent-encodes each path segment (spaces, #, %) but keeps the slashes. */
function encodeUri(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}
