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
 * Prints every piece's restored text through `out` as it comes; stops early when `stopped()` says the output is gone.
 * Flags are kept (they are few: scientific text only) for the notes printed after the text.
 */
export function streamPieces(pieces: Iterable<RestoredWindow>, encoding: Encoding, out: (b: Uint8Array) => void, stopped: () => boolean): Streamed {
  let changes = 0;
  const flags: Flag[] = [];
  let first = true;
  for (const piece of pieces) {
    changes += piece.edits.length;
    for (const f of piece.flags) flags.push(f);
    out(encodePiece(piece.text, encoding, first));
    first = false;
    if (stopped()) break;
  }
  // An empty input still gets its byte-order mark, as the whole-text path writes it.
  if (first) out(encode("", encoding));
  return { changes, flags };
}
