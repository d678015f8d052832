/**
 * File names as people and line-based listings read them. A name is the user's own data: one holding ESC could
 * retitle or recolour the terminal, one holding a newline would split a one-line-per-change listing. Such names are
 * C-quoted as git quotes them (`"t/\033]0;x\a.txt"`), so every output that prints a name for a reader (the report,
 * brief, files, the review's prompts, notes and errors, the scan table) shows it the same, unambiguous way, and the
 * quoted name can be read back. JSON, SARIF and CSV keep the real name, encoded by their own rules.
 */

/** The name as it is, or C-quoted when it holds a control character, a double quote or a backslash (as git does). */
export function quotePath(name: string): string {
  return needsQuoting(name) ? cQuote(name) : name;
}

/** C0 and C1 control characters (C1 ones, such as U+009B CSI, are read as escape sequences by some terminals). */
export function needsQuoting(name: string): boolean {
  return /[\x00-\x1f\x7f-\x9f"\\]/.test(name);
}

const ESCAPES: Record<string, string> = { "\x07": "a", "\b": "b", "\t": "t", "\n": "n", "\v": "v", "\f": "f", "\r": "r", '"': '"', "\\": "\\" };

/**
 * git's `quote_c_style`: letter escapes where C has them, three-digit octal for the other control characters (a C1
 * character as the octal of its UTF-8 bytes, as git writes it, so `git apply` reads the same name back).
 */
export function cQuote(name: string): string {
  let out = '"';
  for (const ch of name) {
    const code = ch.charCodeAt(0);
    const esc = ESCAPES[ch];
    if (esc !== undefined) out += "\\" + esc;
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) out += octalEscape(ch);
    else out += ch;
  }
  return out + '"';
}

/** A control character as git writes it: the octal of its byte, a C1 character the octals of its UTF-8 bytes. */
function octalEscape(ch: string): string {
  let out = "";
  for (const byte of Buffer.from(ch, "utf8")) out += "\\" + byte.toString(8).padStart(3, "0");
  return out;
}

/**
 * A message for the terminal with its control characters written as octal escapes (`\033`), line breaks and tabs
 * kept: an error or note may quote a path or a setting as written (a config folder named with ESC), which must not
 * reach the terminal raw.
 */
export function terminalSafe(message: string): string {
  return message.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, octalEscape);
}
