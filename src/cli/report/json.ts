/** `--format json`: JSON Lines, one record per change, as typos does; easy to grep, stream and load. */
import type { Edit } from "../../types.js";

export interface ChangeRecord {
  file: string;
  line: number;
  column: number;
  /** UTF-16 code-unit offset of the change in the decoded text (same unit as column). */
  offset: number;
  before: string;
  after: string;
  confidence: number;
  entry: string;
  evidence: string;
}

export function changeRecord(file: string, e: Edit): ChangeRecord {
  return {
    file,
    line: e.line,
    column: e.column,
    offset: e.start,
    before: e.before,
    after: e.after,
    confidence: e.confidence,
    entry: e.entry,
    evidence: e.evidence,
  };
}

export function formatJsonLine(file: string, e: Edit): string {
  return JSON.stringify(changeRecord(file, e)) + "\n";
}
