import { describe, expect, it } from "vitest";
import { buildProgram, type CliOptions } from "./args.js";
import { bareOptions } from "./bare.js";

describe("options of a run without arguments", () => {
  it("are what commander gives for an empty command line", async () => {
    let parsed: CliOptions | undefined;
    const program = buildProgram(
      "0.0.0",
      {
        run: async (opts) => {
          parsed = opts;
        },
        learn: async () => undefined,
        scan: async () => undefined,
      },
      { writeOut: () => undefined, writeErr: () => undefined },
    );
    await program.parseAsync([], { from: "user" });
    expect(parsed).toBeDefined();
    expect(bareOptions()).toStrictEqual(parsed);
  });
});
