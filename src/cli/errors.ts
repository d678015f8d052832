/** Errors the CLI reports to users as one clear line, and the exit codes they lead to. */

export const EXIT_OK = 0;
/** --check found text that would change. */
export const EXIT_CHANGES = 1;
/** Usage, configuration or I/O error. */
export const EXIT_ERROR = 2;

/** An error with a message fit for users (no stack trace). */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UserError";
  }
}

/** Turns a Node file-system error into a short human sentence. */
export function describeFsError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case "ENOENT":
      return "no such file or directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "is a directory, expected a file";
    case "ENOTDIR":
      return "a part of the path is not a directory";
    case "ENOSPC":
      return "no space left on device";
    case "EDQUOT":
      return "disk quota exceeded";
    case "EROFS":
      return "read-only file system";
    case "EMFILE":
    case "ENFILE":
      return "too many open files";
    case "ELOOP":
      return "too many symbolic links";
    case "ENAMETOOLONG":
      return "file name too long";
    case "EIO":
      return "input/output error";
    default:
      return e instanceof Error ? e.message : String(err);
  }
}
