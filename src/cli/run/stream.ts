/**
 * Pipe mode for long texts: the restored text is printed piece by piece as the library's restoreWindows gives it, so
 * neither the restored text nor the edits of a big input are held in memory at once.
 */
import type { Flag } from "../../types.js";
import type { RestoredWindow } from "../../restore/windows.js";
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
 * Prints every piece through `out` as it comes (`render` gives its bytes or text; the first piece is marked);
 * stops early when `stopped()` says the output is gone. Flags are kept (they are few: scientific text only) for
 * notes printed afterwards.
 */
export async function streamPieces(
  pieces: Iterable<RestoredWindow> | AsyncIterable<RestoredWindow>,
  render: (piece: RestoredWindow, first: boolean) => string | Uint8Array,
  out: (b: string | Uint8Array) => void,
  stopped: () => boolean,
): Promise<Streamed> {
  let changes = 0;
  const flags: Flag[] = [];
  let first = true;
  for await (const piece of pieces) {
    changes += piece.edits.length;
    for (const f of piece.flags) flags.push(f);
    const bytes = render(piece, first);
    if (bytes.length) out(bytes);
    first = false;
    if (stopped()) break;
  }
  return { changes, flags };
}

/** Restored text, piece by piece; an empty input still gets its byte-order mark, as the whole-text path writes it. */
export function textRenderer(encoding: Encoding): (piece: RestoredWindow, first: boolean) => Uint8Array {
  return (piece, first) => encodePiece(piece.text, encoding, first);
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
