/** a/an agreement: the article before a restored word follows the restored word. */

// Words whose spelling misleads: vowel letter with a consonant sound, and silent h.
const CONSONANT_SOUND = /^(?:uni(?!n)|use|usu|ura|uro|eu|ewe|one\b|once\b|u\b|ufo|ubiq|uti)/;
const VOWEL_SOUND = /^(?:hour|honest|honou?r|heir|herb\b|[aeiou]|\d*8|11\b|18\b|f\b|h\b|l\b|m\b|n\b|r\b|s\b|x\b)/;

export function wantsAn(word: string): boolean {
  const w = word.toLowerCase();
  if (CONSONANT_SOUND.test(w)) return false;
  return VOWEL_SOUND.test(w);
}

/** The article ("a"/"an", with the case of `article`) that agrees with `nextWord`. */
export function agreeingArticle(article: string, nextWord: string): string {
  const lower = wantsAn(nextWord) ? "an" : "a";
  if (article === article.toUpperCase() && article.length > 1) return lower.toUpperCase();
  if (article[0] === "A") return lower[0]!.toUpperCase() + lower.slice(1);
  return lower;
}
