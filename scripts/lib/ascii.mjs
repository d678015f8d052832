/**
 * Text with every character outside ASCII written as a \uXXXX escape (valid in JSON, and in JavaScript strings,
 * templates, regular expressions and comments alike), so that Node reads the file into a one-byte string. Throws on a
 * character outside the BMP (its escape would need care in a regular expression without the u flag) and on a
 * non-ASCII character escaped by an odd number of backslashes (`\’` would become `\\u2019`).
 */
export function asciiOnly(text, what) {
  if (/[\u{10000}-\u{10ffff}]/u.test(text)) throw new Error(`${what}: a character outside the BMP; escape it by hand`);
  if (/(?<!\\)(?:\\\\)*\\[^\x00-\x7f]/.test(text)) throw new Error(`${what}: an escaped non-ASCII character; its \\uXXXX form would change meaning`);
  return text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
