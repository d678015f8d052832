/**
 * Words a general thesaurus must never bring into a text as a restoration: profanity, slurs, sexual and
 * sexual-violence terms (dictionaries/thesaurus/never-propose.txt, from the LDNOOBW list; see
 * scripts/build-never-propose.mjs). Moby and WordNet relate such words to ordinary ones ("violation" → "rape",
 * "tools" → "dicks"), and a restorer that writes one into an article because the language model liked the context
 * does far more harm than a missed restoration. Pure.
 */
export class NeverPropose {
  private readonly words = new Set<string>();
  /** Entries of several words, padded with spaces (" alaskan pipeline "). */
  private readonly phrases: string[] = [];

  constructor(entries: Iterable<string>) {
    for (const raw of entries) {
      const entry = raw.trim().toLowerCase().replace(/-/g, " ").replace(/\s+/g, " ");
      if (!entry) continue;
      if (entry.includes(" ")) this.phrases.push(` ${entry} `);
      else this.words.add(entry);
    }
  }

  /** Whether a phrase (lower case, words separated by spaces or hyphens) holds an entry, inflected or not. */
  holds(phrase: string): boolean {
    const words = phrase.toLowerCase().split(/[\s-]+/);
    for (const w of words) if (this.isEntry(w)) return true;
    if (this.phrases.length === 0 || words.length < 2) return false;
    const padded = ` ${words.join(" ")} `;
    return this.phrases.some((p) => padded.includes(p));
  }

  /** The word or its stem without a plural, past or -ing ending ("rapes", "raped", "dicks"). */
  private isEntry(word: string): boolean {
    if (this.words.has(word)) return true;
    for (const ending of ["s", "es", "d", "ed", "ing"]) {
      if (word.length > ending.length + 2 && word.endsWith(ending) && this.words.has(word.slice(0, -ending.length))) return true;
    }
    return false;
  }
}

/** The list's lines: one entry per line, `#` comments and blank lines skipped. */
export function parseNeverPropose(text: string): NeverPropose {
  return new NeverPropose(text.split(/\r?\n/).filter((line) => line.trim() && !line.trimStart().startsWith("#")));
}
