/**
 * Extra dictionaries supplied by a user (config `dictionaries`, CLI `--dict`): plain TSV,
 * `spun<TAB>original[<TAB>anything]`, `#` comments. Lists gathered from the wild (tortured-phrase lists,
 * for instance) carry notes in the original column — "(see above)", "?", "[sic]" — which are cleaned off;
 * rows left empty are skipped, and a header row naming its columns is recognised and skipped.
 */
import { normalizePhrase } from "./curated.js";
import { phraseStarts, type Candidate, type PhraseDictionary } from "./types.js";

export class UserDictionaryError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = "UserDictionaryError";
  }
}

const HEADER = /^(?:spun|tortured|from|pattern)$/i;

/** Strip curator notes from a phrase: brackets, parentheses, question marks. */
export function cleanPhrase(raw: string): string {
  return normalizePhrase(
    raw
      .replace(/\[[^\]]*\]|\([^)]*\)/g, " ")
      .replace(/[?*]/g, " ")
      .replace(/[^\p{L}\p{N}'’\- ]/gu, " "),
  );
}

export function parseUserDictionary(tsv: string, name = "user"): PhraseDictionary {
  const map = new Map<string, Candidate[]>();
  let maxWords = 1;
  tsv.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "" || line.startsWith("#")) return;
    const cols = line.split("\t");
    if (cols.length < 2) {
      throw new UserDictionaryError(`${name}:${i + 1}: expected "spun<TAB>original", found ${JSON.stringify(line.slice(0, 60))}`, i + 1);
    }
    if (i === 0 && HEADER.test(cols[0]!.trim())) return;
    const spun = cleanPhrase(cols[0]!);
    const original = cleanPhrase(cols[1]!);
    if (!spun || !original || spun === original) return;
    const list = map.get(spun) ?? [];
    if (!list.some((c) => c.original === original)) {
      list.push({ original, tier: "user", prior: 0, source: name, entry: `${name}:${spun}→${original}` });
    }
    map.set(spun, list);
    maxWords = Math.max(maxWords, spun.split(" ").length);
  });
  // Several originals for one spun form split the prior between them.
  for (const list of map.values()) for (const c of list) c.prior = -Math.log10(list.length);
  return { maxPhraseWords: maxWords, lookup: (key) => map.get(key), mayStartPhrase: phraseStarts(map.keys()) };
}
