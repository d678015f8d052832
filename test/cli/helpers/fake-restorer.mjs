// A stand-in for the engine, used by end-to-end tests of the CLI's own behaviour (files, encodings, modes), so those
// tests do not depend on the model's decisions. It restores spintax "{word}" → "word" and "mentioned" → "said"
// (case kept), honouring `skip` and `neverTouch` like the library does.
// FAKE_RESTORER_TAMPER=PATH: on the first call, another "program" rewrites PATH in upper case (same size) and puts
// its modification time back, as a concurrent editor might; used to test the lost-update check.
import { readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";

let tampered = false;

export function restore(text, options = {}) {
  const victim = process.env.FAKE_RESTORER_TAMPER;
  if (victim && !tampered) {
    tampered = true;
    const st = statSync(victim);
    writeFileSync(victim, readFileSync(victim, "utf8").toUpperCase());
    utimesSync(victim, st.atime, st.mtime);
  }
  const skip = options.skip ?? [];
  const never = new Set((options.neverTouch ?? []).map((w) => w.toLowerCase()));
  const edits = [];
  // Lines as the library numbers them: "\n", "\r\n" and a lone "\r" each end one.
  const starts = [0];
  for (const m of text.matchAll(/\r\n?|\n/g)) starts.push(m.index + m[0].length);
  const re = /\{([^{}|\n]+)\}|\bmentioned\b/gi;
  for (const m of text.matchAll(re)) {
    const start = m.index;
    const end = start + m[0].length;
    if (skip.some((s) => start < s.end && end > s.start)) continue;
    if (never.has(m[0].toLowerCase())) continue;
    const after = m[1] ?? (m[0][0] === "M" ? "Said" : "said");
    let line = 0;
    while (line + 1 < starts.length && starts[line + 1] <= start) line++;
    edits.push({
      start,
      end,
      line: line + 1,
      column: start - starts[line] + 1,
      before: m[0],
      after,
      confidence: m[1] ? 1 : 0.9,
      entry: m[1] ? `artefact:{${m[1]}}` : "signature:mentioned→said",
      evidence: "fake restorer",
    });
  }
  let out = "";
  let pos = 0;
  for (const e of edits) {
    out += text.slice(pos, e.start) + e.after;
    pos = e.end;
  }
  out += text.slice(pos);
  return { text: out, edits, gate: { strongSitesPer1000: 0, strongSites: edits.length, words: 0, spun: edits.length > 0 } };
}
