/**
 * Where a JSON text stops being JSON, for error messages: "line 4, column 3: a value was expected". V8's own
 * messages give a position for some errors only ("Unexpected token ']', …" after a trailing comma gives none, and
 * quotes a piece of the file, newlines and all), so the place comes from jsonc-parser's scanner (the parser VS Code
 * uses), which reports an offset for every error. It is loaded only when a parse has failed.
 */
import { createRequire } from "node:module";

type JsoncParser = typeof import("jsonc-parser");
let jsonc: JsoncParser | undefined;

/** What each of jsonc-parser's error codes means, in the words of a message. */
const WHAT: Record<string, string> = {
  InvalidSymbol: "unexpected character",
  InvalidNumberFormat: "invalid number",
  PropertyNameExpected: "a property name in double quotes was expected",
  ValueExpected: "a value was expected",
  ColonExpected: "':' was expected",
  CommaExpected: "',' was expected",
  CloseBraceExpected: "'}' was expected",
  CloseBracketExpected: "']' was expected",
  EndOfFileExpected: "nothing more was expected",
  InvalidCommentToken: "comments are not allowed",
  UnexpectedEndOfComment: "comments are not allowed",
  UnexpectedEndOfString: "a string is not closed on its line",
  UnexpectedEndOfNumber: "invalid number",
  InvalidUnicode: "invalid \\u escape",
  InvalidEscapeCharacter: "invalid escape",
  InvalidCharacter: "a control character in a string (write it escaped)",
};

/** The first syntax error of `text` (which JSON.parse refused) as "line L, column C: what", or null if none is found. */
export function jsonErrorAt(text: string): string | null {
  jsonc ??= createRequire(import.meta.url)("jsonc-parser") as JsoncParser;
  const errors: import("jsonc-parser").ParseError[] = [];
  jsonc.parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return null;
  const code = jsonc.printParseErrorCode(first.error);
  return `${lineColumn(text, first.offset)}: ${WHAT[code] ?? code}`;
}

/** "line L, column C" of a UTF-16 offset (both from 1; a CRLF ends a line like an LF). */
export function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return `line ${line}, column ${offset - before.lastIndexOf("\n")}`;
}

/**
 * "invalid JSON at line L, column C: what" for a text JSON.parse refused, or "invalid JSON (V8's message)" when the
 * scanner finds nothing wrong (it accepts a few things JSON.parse does not).
 */
export function invalidJson(text: string, err: unknown): string {
  const at = jsonErrorAt(text);
  return at ? `invalid JSON at ${at}` : `invalid JSON (${(err as Error).message})`;
}
