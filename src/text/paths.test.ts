import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { filePaths } from "./urls.js";

const found = (text: string) => filePaths(text).map((s) => text.slice(s.start, s.end));

describe("filePaths", () => {
  it("finds rooted, Windows, nested and directory-and-file paths, without the punctuation around them", () => {
    expect(found("Edit /etc/app/settings.conf, then ./build and ~/notes or ../data.")).toEqual(["/etc/app/settings.conf", "./build", "~/notes", "../data"]);
    expect(found("Logs go to (C:\\Program Files\\App\\log.txt) and \\\\server\\share.")).toEqual(["C:\\Program", "Files\\App\\log.txt", "\\\\server\\share"]);
    expect(found("See src/restore/engine and docs/design.md; or “lib/a/b/”.")).toEqual(["src/restore/engine", "docs/design.md", "lib/a/b/"]);
  });

  it("leaves the slashes of prose alone", () => {
    expect(found("Call him and/or her (yes/no) 24/7 at 60 km/h; his/her choice / not mine. A/B tests, TCP/IP.")).toEqual([]);
    expect(found("No slash at all, 3.5 per cent, e.g. U.S. data.txt")).toEqual([]);
  });

  it("gives spans that hold no space and lie in order inside the text", () => {
    const piece = fc.constantFrom("word", "/etc/x", "a/b/c", "and/or", "C:\\x", "dir/f.md", "(", ")", ".", "“", "/", "\\", "~/", "../");
    const gap = fc.constantFrom(" ", "\n", "", "\t");
    fc.assert(
      fc.property(fc.array(fc.tuple(piece, gap), { maxLength: 20 }), (parts) => {
        const text = parts.map(([p, g]) => p + g).join("");
        let at = 0;
        for (const s of filePaths(text)) {
          expect(s.start).toBeGreaterThanOrEqual(at);
          expect(s.end).toBeGreaterThan(s.start);
          expect(text.slice(s.start, s.end)).not.toMatch(/\s/);
          at = s.end;
        }
      }),
      { numRuns: 1000 },
    );
  });
});
