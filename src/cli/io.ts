/**
 * The streams, environment and folder a CLI run works with. `main()` takes one (the real process by default, a
 * stand-in in tests) and hands it to the commands and reporters, so none of them imports the entry point.
 */
export interface Io {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}
