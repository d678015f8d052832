/** Content hash of what was read, compared again right before writing (see write.ts). */
import { createHash } from "node:crypto";

export function contentHash(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
