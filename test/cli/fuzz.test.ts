/**
 * Fuzzing the CLI layer with the real engine: random documents (spun and clean prose, Markdown and HTML constructs,
 * decomposed accents, emoji, every line ending, every encoding unspin reads) and random bytes go through
 * `unspin --format json` and then `unspin -w`. For every file:
 *   - text it cannot decode is left byte for byte as it was;
 *   - otherwise the written bytes are exactly the input with the reported edits applied, in the input's encoding
 *     (so nothing outside a restored word changes, not even a line ending or a byte-order mark);
 *   - each edit covers whole words (never a piece of one) and never touches code, tags, links or URLs.
 * Documents are checked in batches (one folder, two CLI runs per batch), so hundreds of documents fit in seconds.
 * Time budget: UNSPIN_FUZZ_SECONDS (default 5 s for a local `npm test`; .ci/run gives it 60 s); the seed is printed
 * on failure, and UNSPIN_FUZZ_SEED replays it.
 */
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encode, type Enc } from "./helpers/encodings.js";
import { REAL_CLI, runCli, tempTree } from "./helpers/run.js";

/** A piece of a document; protected pieces (code, tags, URLs) must come out unchanged. */
interface Piece {
  text: string;
  protect: boolean;
}

const SPUN = ["mentioned", "12 months", "metropolis", "individuals", "{dollars}", "{a|b}", "a brand new", "lots of", "assist", "greater than", "web site", "right now", "Officers", "native companies", "subsequent month"];
const CLEAN = ["the", "mayor", "said", "a", "an", "year", "city", "people", "council", "bridge", "approved", "budget", "Zürich", "Zu\u0308rich", "cafe\u0301", "naïve", "don't", "it’s", "U.S.", "well-known", "2,300", "3.5", "😀", "中文", "Ελλάδα"];
const GLUE = [" ", " ", " ", ", ", ". ", "; ", " - ", " — ", "\t", "  ", "\u00a0", "“", "” ", "(", ") ", "'"];

const word = (list: string[]) => fc.constantFrom(...list).map((text): Piece => ({ text, protect: false }));
const prose = fc.array(fc.oneof({ weight: 3, arbitrary: word(SPUN) }, { weight: 4, arbitrary: word(CLEAN) }, { weight: 3, arbitrary: word(GLUE) }), { maxLength: 40 });
const markdown = fc.constantFrom<Piece[]>(
  [{ text: "`mentioned`", protect: true }],
  [{ text: "[the metropolis](https://example.org/mentioned)", protect: false }],
  [{ text: "```\nmentioned 12 months\n```\n", protect: true }],
  [{ text: "<https://example.org/metropolis>", protect: true }],
  [{ text: "# Individuals mentioned\n", protect: false }],
  [{ text: "<!-- unspin-ignore-line --> mentioned", protect: true }],
  [{ text: "    indented code mentioned\n", protect: false }],
);
const html = fc.constantFrom<Piece[]>(
  [{ text: '<a title="mentioned" href="/metropolis">', protect: true }],
  [{ text: "<code>mentioned</code>", protect: true }],
  [{ text: "<script>var individuals = 12;</script>", protect: true }],
  [{ text: "&amp;", protect: true }],
  [{ text: "<p>", protect: true }],
  [{ text: "mailto:someone@example.org", protect: true }],
);
const noise = fc.string({ unit: "binary", maxLength: 12 }).map((text): Piece[] => [{ text, protect: false }]);
const EOL = fc.constantFrom("\n", "\r\n", "\r");

interface TextDoc {
  kind: "text";
  ext: "txt" | "md" | "html";
  enc: Enc;
  pieces: Piece[];
}
interface BytesDoc {
  kind: "bytes";
  bytes: Uint8Array;
}
type Doc = TextDoc | BytesDoc;

const textDoc: fc.Arbitrary<TextDoc> = fc
  .record({
    ext: fc.constantFrom("txt" as const, "md" as const, "html" as const),
    enc: fc.constantFrom<Enc>("utf8", "utf8bom", "utf16le", "utf16be"),
    lines: fc.array(fc.tuple(fc.oneof({ weight: 6, arbitrary: prose }, { weight: 1, arbitrary: markdown }, { weight: 1, arbitrary: html }, { weight: 1, arbitrary: noise }), EOL), { maxLength: 12 }),
  })
  .map(({ ext, enc, lines }) => ({
    kind: "text" as const,
    ext,
    enc,
    // Protected pieces only count where the file type protects them (code in Markdown, tags in HTML, URLs anywhere).
    pieces: lines.flatMap(([pieces, eol]) => [
      ...pieces.map((p) => ({ text: p.text, protect: p.protect && protectedIn(p.text, ext) })),
      { text: eol, protect: false },
    ]),
  }));
const bytesDoc: fc.Arbitrary<BytesDoc> = fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ kind: "bytes" as const, bytes }));
const doc: fc.Arbitrary<Doc> = fc.oneof({ weight: 6, arbitrary: textDoc }, { weight: 1, arbitrary: bytesDoc });

function protectedIn(piece: string, ext: "txt" | "md" | "html"): boolean {
  if (/^(<https?:|mailto:)/.test(piece) || piece.includes("unspin-ignore-line")) return true;
  if (ext === "md") return piece.startsWith("`") || piece.startsWith("<");
  if (ext === "html") return piece.startsWith("<") || piece.startsWith("&");
  return false;
}

interface Rec {
  file: string;
  offset: number;
  before: string;
  after: string;
}

const WORDISH = /[\p{L}\p{M}\p{N}]/u;

async function checkBatch(docs: Doc[]): Promise<void> {
  const files: Record<string, Buffer> = {};
  const texts = new Map<string, { text: string; enc: Enc; ext: string; guarded: Array<[number, number]> }>();
  docs.forEach((d, i) => {
    const name = `f${String(i).padStart(3, "0")}.${d.kind === "text" ? d.ext : "txt"}`;
    if (d.kind === "bytes") {
      files[name] = Buffer.from(d.bytes);
      return;
    }
    let text = d.pieces.map((p) => p.text).join("");
    files[name] = encode(text, d.enc);
    // A UTF-8 file that starts with U+FEFF is, by definition, one with a byte-order mark.
    const shift = d.enc === "utf8" && text.startsWith("\uFEFF") ? 1 : 0;
    const enc = shift ? "utf8bom" : d.enc;
    text = text.slice(shift);
    const guarded: Array<[number, number]> = [];
    let at = -shift;
    for (const p of d.pieces) {
      if (p.protect) guarded.push([at, at + p.text.length]);
      at += p.text.length;
    }
    texts.set(name, { text, enc, ext: d.ext, guarded });
  });
  const dir = tempTree(files);
  try {
    const json = await runCli(["--format", "json", "--assume-spun", "-j", "1", "."], { cli: REAL_CLI, cwd: dir, timeoutMs: 60_000 });
    expect(json.code, json.stderr).toBe(0);
    const write = await runCli(["-w", "-q", "--assume-spun", "-j", "1", "."], { cli: REAL_CLI, cwd: dir, timeoutMs: 60_000 });
    expect(write.code, write.stderr).toBe(0);
    expect(write.stderr).toBe("");
    const edits = new Map<string, Rec[]>();
    for (const line of json.out.split("\n").filter(Boolean)) {
      const r = JSON.parse(line) as Rec;
      edits.set(r.file, [...(edits.get(r.file) ?? []), r]);
    }
    expect(readdirSync(dir).sort()).toEqual(Object.keys(files).sort()); // no temporary files left behind
    for (const [name, original] of Object.entries(files)) {
      const written = readFileSync(join(dir, name));
      const list = edits.get(name) ?? [];
      const t = texts.get(name);
      // Without edits (nothing to restore, or a file it cannot decode: random bytes, NUL in UTF-8), nothing changes.
      if (list.length === 0 || !t) {
        if (list.length === 0) expect(written.equals(original), `${name}: changed without a reported edit`).toBe(true);
        continue;
      }
      // Failure messages carry the whole document, so a counterexample can be replayed by hand.
      const doc = `${name} (${t.enc}, ${t.ext}) ${JSON.stringify(t.text).slice(0, 3000)}`;
      let rebuilt = "";
      let pos = 0;
      for (const e of list) {
        const end = e.offset + e.before.length;
        const show = JSON.stringify(t.text.slice(Math.max(0, e.offset - 8), end + 8));
        expect(t.text.slice(e.offset, end), `${doc}: edit @${e.offset}`).toBe(e.before);
        expect(WORDISH.test(t.text[e.offset - 1] ?? "") && WORDISH.test(e.before[0] ?? ""), `${doc}: edit starts inside a word: ${show}`).toBe(false);
        expect(WORDISH.test(t.text[end] ?? "") && WORDISH.test(e.before.at(-1) ?? ""), `${doc}: edit ends inside a word: ${show}`).toBe(false);
        for (const [g0, g1] of t.guarded) {
          expect(e.offset < g1 && end > g0, `${doc}: ${e.before} → ${e.after} inside ${JSON.stringify(t.text.slice(g0, g1))}`).toBe(false);
        }
        rebuilt += t.text.slice(pos, e.offset) + e.after;
        pos = end;
      }
      rebuilt += t.text.slice(pos);
      expect(written.equals(encode(rebuilt, t.enc)), `${doc}: written bytes differ from the input with its edits applied`).toBe(true);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const SECONDS = Number(process.env.UNSPIN_FUZZ_SECONDS ?? 5);

describe("CLI fuzz (real engine)", () => {
  it(
    "-w changes only restored words, byte for byte, in any encoding, line ending and document type",
    async () => {
      const started = Date.now();
      let batches = 0;
      let documents = 0;
      const firstSeed = process.env.UNSPIN_FUZZ_SEED ? Number(process.env.UNSPIN_FUZZ_SEED) : Date.now() ^ (Math.random() * 0x7fffffff);
      const property = fc.asyncProperty(fc.array(doc, { minLength: 20, maxLength: 60 }), async (docs) => {
        batches++;
        documents += docs.length;
        await checkBatch(docs);
      });
      // One batch per check, each with its own seed, until the budget is spent: a batch always runs to the end, so a
      // busy machine gives fewer batches, never a batch cut off half-way (which fast-check would call a failure with
      // no error). Shrinking a batch costs two CLI runs per step; it stops after a minute.
      for (let run = 0; run === 0 || Date.now() - started < SECONDS * 1000; run++) {
        const seed = (firstSeed + run) | 0;
        const result = await fc.check(property, { seed, numRuns: 1, interruptAfterTimeLimit: 60_000, markInterruptAsFailure: false });
        if (result.failed) {
          const cause = result.errorInstance instanceof Error ? result.errorInstance.message : `a batch ran over a minute (${String(result.errorInstance)})`;
          throw new Error(`fuzz found a failure (replay: UNSPIN_FUZZ_SEED=${seed}; shrunk ${result.numShrinks} times)\n${cause}`);
        }
      }
      // The budget must have allowed real work, or the test would pass by doing nothing.
      expect(documents).toBeGreaterThanOrEqual(20);
      console.log(`fuzz: ${documents} documents in ${batches} batches, ${((Date.now() - started) / 1000).toFixed(1)} s`);
    },
    (SECONDS + 150) * 1000,
  );
});
