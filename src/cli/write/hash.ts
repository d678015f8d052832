/** Content hash of what was read, compared again right before writing (see write.ts). */
import { createRequire } from "node:module";

// node:crypto is loaded on first use (a file to write back), not at start-up: loading it costs several milliseconds.
let crypto: typeof import("node:crypto") | undefined;

export function contentHash(bytes: Uint8Array): string {
  crypto ??= createRequire(import.meta.url)("node:crypto") as typeof import("node:crypto");
  return crypto.createHash("sha256").update(bytes).digest("hex");
}
