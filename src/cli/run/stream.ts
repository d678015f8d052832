/**
 * Pipe mode for long texts: the restored text is printed piece by piece as the library's restoreWindows gives it, so
 * neither the restored text nor the edits of a big input are held in memory at once.
 */
import type { Flag } from "../../types.js";
import { changesIn, type RestoredWindow } from "../../restore/windows.js";
import { encode, type Encoding } from "../input/encoding.js";

/** A piece's bytes: the byte-order mark (if any) only before the first. */
export function encodePiece(text: string, encoding: Encoding, first: boolean): Buffer {
  if (first) return encode(text, encoding);
  switch (encoding) {
    case "utf8":
    case "utf8bom":
      return Buffer.from(text, "utf8");
    case "utf16le":
      return Buffer.from(text, "utf16le");
    case "utf16be":
      return Buffer.from(text, "utf16le").swap16();
  }
}

export interface Streamed {
  changes: number;
  flags: Flag[];
}

/**
 * Characters encoded at a time when a piece is printed: a window's text (about 256 K characters) as one buffer is a
 * block of 256 KB to 768 KB from glibc, freed once written, and every such block freed raises glibc's threshold for
 * serving blocks from fresh mappings (see ../input/file-source.ts CHUNK_BYTES). Parts of 32 K characters are at most
 * 96 KB of UTF-8 (128 KB of UTF-16 with its mark).
 */
export const PART_CHARS = 32 * 1024;

/** A text in parts of about `size` UTF-16 units, never cutting a surrogate pair. */
export function* textParts(text: string, size = PART_CHARS): Generator<string> {
  let at = 0;
  while (text.length - at > size) {
    let end = at + size;
    const c = text.charCodeAt(end - 1);
    if (c >= 0xd800 && c <= 0xdbff) end--;
    yield text.slice(at, end);
    at = end;
  }
  yield at === 0 ? text : text.slice(at);
}

/**
 * Prints every piece through `out` as it comes (`render` gives its bytes or text, or a list of them in order; the first piece is marked);
 * stops early when `stopped()` says the output is gone. Flags are kept (they are few: scientific text only) for
 * notes printed afterwards.
 */
export async function streamPieces(
  pieces: Iterable<RestoredWindow> | AsyncIterable<RestoredWindow>,
  render: (piece: RestoredWindow, first: boolean) => string | Uint8Array | Iterable<Uint8Array>,
  out: (b: string | Uint8Array) => void,
  stopped: () => boolean,
): Promise<Streamed> {
  let changes = 0;
  const flags: Flag[] = [];
  let first = true;
  for await (const piece of pieces) {
    // Counted without settling the edits (their entry and evidence strings): the restored text never reads them.
    changes += changesIn(piece);
    for (const f of piece.flags) flags.push(f);
    const rendered = render(piece, first);
    if (typeof rendered === "string" || rendered instanceof Uint8Array) {
      if (rendered.length) out(rendered);
    } else for (const bytes of rendered) if (bytes.length) out(bytes);
    first = false;
    if (stopped()) break;
  }
  return { changes, flags };
}

/**
 * Restored text, piece by piece, each in parts of PART_CHARS; an empty input still gets its byte-order mark, as the
 * whole-text path writes it.
 */
export function textRenderer(encoding: Encoding): (piece: RestoredWindow, first: boolean) => Iterable<Uint8Array> {
  return function* (piece, first) {
    for (const part of textParts(piece.text)) {
      yield encodePiece(part, encoding, first);
      first = false;
    }
  };
}

/** `--format json`, piece by piece: one record per change and flag in text order. */
export async function jsonRenderer(display: string): Promise<(piece: RestoredWindow) => string> {
  const { formatJsonLine } = await import("../report/json.js");
  const { formatFlagJsonLine } = await import("../report/flags.js");
  return (piece) =>
    [...piece.edits, ...piece.flags]
      .sort((a, b) => a.start - b.start)
      .map((item) => ("before" in item ? formatJsonLine(display, item) : formatFlagJsonLine(display, item)))
      .join("");
}
