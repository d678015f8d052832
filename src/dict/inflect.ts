/**
 * Inflection of dictionary phrases, so curated entries are written once as lemmas
 * ("time period", "make an attempt") and every surface form is generated.
 * Pure functions, no I/O; irregulars come from the small tables below.
 */

/** Part of speech of a curated entry: which inflections to generate, and which word is the head. */
export type Pos = "n" | "v" | "adj" | "-";

/** Which inflection a generated form is; spun and original forms are paired by tag. */
export type FormTag = "base" | "plural" | "3sg" | "past" | "pastPart" | "ing" | "comparative" | "superlative";

export interface InflectedForm {
  tag: FormTag;
  text: string;
}

/** Irregular verbs: base → [past, past participle]. The ones a spinner's table is likely to touch. */
const IRREGULAR_VERBS: Readonly<Record<string, readonly [string, string]>> = {
  arise: ["arose", "arisen"], awake: ["awoke", "awoken"], be: ["was", "been"], bear: ["bore", "borne"],
  beat: ["beat", "beaten"], become: ["became", "become"], begin: ["began", "begun"], bend: ["bent", "bent"],
  bet: ["bet", "bet"], bind: ["bound", "bound"], bite: ["bit", "bitten"], bleed: ["bled", "bled"],
  blow: ["blew", "blown"], break: ["broke", "broken"], breed: ["bred", "bred"], bring: ["brought", "brought"],
  build: ["built", "built"], burn: ["burnt", "burnt"], burst: ["burst", "burst"], buy: ["bought", "bought"],
  cast: ["cast", "cast"], catch: ["caught", "caught"], choose: ["chose", "chosen"], cling: ["clung", "clung"],
  come: ["came", "come"], cost: ["cost", "cost"], creep: ["crept", "crept"], cut: ["cut", "cut"],
  deal: ["dealt", "dealt"], dig: ["dug", "dug"], do: ["did", "done"], draw: ["drew", "drawn"],
  dream: ["dreamt", "dreamt"], drink: ["drank", "drunk"], drive: ["drove", "driven"], eat: ["ate", "eaten"],
  fall: ["fell", "fallen"], feed: ["fed", "fed"], feel: ["felt", "felt"], fight: ["fought", "fought"],
  find: ["found", "found"], flee: ["fled", "fled"], fly: ["flew", "flown"], forbid: ["forbade", "forbidden"],
  forget: ["forgot", "forgotten"], forgive: ["forgave", "forgiven"], freeze: ["froze", "frozen"],
  get: ["got", "gotten"], give: ["gave", "given"], go: ["went", "gone"], grind: ["ground", "ground"],
  grow: ["grew", "grown"], hang: ["hung", "hung"], have: ["had", "had"], hear: ["heard", "heard"],
  hide: ["hid", "hidden"], hit: ["hit", "hit"], hold: ["held", "held"], hurt: ["hurt", "hurt"],
  keep: ["kept", "kept"], kneel: ["knelt", "knelt"], know: ["knew", "known"], lay: ["laid", "laid"],
  lead: ["led", "led"], lean: ["leant", "leant"], leap: ["leapt", "leapt"], learn: ["learned", "learned"],
  leave: ["left", "left"], lend: ["lent", "lent"], let: ["let", "let"], lie: ["lay", "lain"],
  light: ["lit", "lit"], lose: ["lost", "lost"], make: ["made", "made"], mean: ["meant", "meant"],
  meet: ["met", "met"], mislead: ["misled", "misled"], overcome: ["overcame", "overcome"],
  overtake: ["overtook", "overtaken"], pay: ["paid", "paid"], prove: ["proved", "proven"], put: ["put", "put"],
  quit: ["quit", "quit"], read: ["read", "read"], rid: ["rid", "rid"], ride: ["rode", "ridden"],
  ring: ["rang", "rung"], rise: ["rose", "risen"], run: ["ran", "run"], say: ["said", "said"], see: ["saw", "seen"],
  seek: ["sought", "sought"], sell: ["sold", "sold"], send: ["sent", "sent"], set: ["set", "set"],
  shake: ["shook", "shaken"], shed: ["shed", "shed"], shine: ["shone", "shone"], shoot: ["shot", "shot"],
  show: ["showed", "shown"], shrink: ["shrank", "shrunk"], shut: ["shut", "shut"], sing: ["sang", "sung"],
  sink: ["sank", "sunk"], sit: ["sat", "sat"], sleep: ["slept", "slept"], slide: ["slid", "slid"],
  speak: ["spoke", "spoken"], speed: ["sped", "sped"], spend: ["spent", "spent"], spin: ["spun", "spun"],
  split: ["split", "split"], spread: ["spread", "spread"], spring: ["sprang", "sprung"], stand: ["stood", "stood"],
  steal: ["stole", "stolen"], stick: ["stuck", "stuck"], sting: ["stung", "stung"], strike: ["struck", "struck"],
  strive: ["strove", "striven"], swear: ["swore", "sworn"], sweep: ["swept", "swept"], swim: ["swam", "swum"],
  swing: ["swung", "swung"], take: ["took", "taken"], teach: ["taught", "taught"], tear: ["tore", "torn"],
  tell: ["told", "told"], think: ["thought", "thought"], throw: ["threw", "thrown"],
  undergo: ["underwent", "undergone"], understand: ["understood", "understood"],
  undertake: ["undertook", "undertaken"], upset: ["upset", "upset"], wake: ["woke", "woken"],
  wear: ["wore", "worn"], win: ["won", "won"], wind: ["wound", "wound"], withdraw: ["withdrew", "withdrawn"],
  write: ["wrote", "written"],
};

/** Irregular 3rd-person singular forms. */
const IRREGULAR_3SG: Readonly<Record<string, string>> = { be: "is", have: "has", do: "does", go: "goes" };

/** Multi-syllable verbs with final stress that double their last consonant (admit → admitted). */
const DOUBLING_VERBS = new Set([
  "admit", "commit", "compel", "control", "equip", "expel", "forget", "begin", "occur", "omit", "permit",
  "prefer", "propel", "rebel", "recur", "refer", "regret", "submit", "transfer", "transmit", "upset", "confer",
  "defer", "deter", "incur", "infer", "patrol",
]);

/** Irregular noun plurals. */
const IRREGULAR_NOUNS: Readonly<Record<string, string>> = {
  man: "men", woman: "women", child: "children", person: "people", foot: "feet", tooth: "teeth",
  goose: "geese", mouse: "mice", ox: "oxen", analysis: "analyses", basis: "bases", crisis: "crises",
  diagnosis: "diagnoses", hypothesis: "hypotheses", thesis: "theses", criterion: "criteria",
  phenomenon: "phenomena", medium: "media", datum: "data", leaf: "leaves", life: "lives", knife: "knives",
  wife: "wives", half: "halves", shelf: "shelves", wolf: "wolves", thief: "thieves", self: "selves",
  calf: "calves", loaf: "loaves", potato: "potatoes", tomato: "tomatoes", hero: "heroes", echo: "echoes",
  veto: "vetoes", sheep: "sheep", fish: "fish", deer: "deer", series: "series", species: "species",
  aircraft: "aircraft", means: "means",
};

/** Irregular adjective grades: base → [comparative, superlative]. */
const IRREGULAR_ADJ: Readonly<Record<string, readonly [string, string]>> = {
  good: ["better", "best"], bad: ["worse", "worst"], far: ["farther", "farthest"], little: ["less", "least"],
  many: ["more", "most"], much: ["more", "most"], old: ["older", "oldest"],
};

const VOWELS = "aeiou";
const isVowel = (c: string | undefined): boolean => c !== undefined && VOWELS.includes(c);
const isConsonant = (c: string | undefined): boolean => c !== undefined && /[a-z]/.test(c) && !isVowel(c);

function syllables(word: string): number {
  const w = word.replace(/e$/, "");
  const groups = w.match(/[aeiouy]+/g);
  return Math.max(1, groups ? groups.length : 0);
}

/** Consonant-vowel-consonant ending of a one-syllable word (stop, plan, big), not w/x/y. */
function endsCvc(word: string): boolean {
  const n = word.length;
  const [a, b, c] = [word[n - 3], word[n - 2], word[n - 1]];
  return n >= 3 && isConsonant(a) && isVowel(b) && isConsonant(c) && !"wxy".includes(c!);
}

function shouldDouble(verb: string): boolean {
  if (DOUBLING_VERBS.has(verb)) return true;
  return syllables(verb) === 1 && endsCvc(verb);
}

/** Plural of one noun (irregulars from a table, then spelling rules). */
export function pluralize(noun: string): string {
  const irr = IRREGULAR_NOUNS[noun];
  if (irr !== undefined) return irr;
  if (/(s|x|z|ch|sh)$/.test(noun)) return noun + "es";
  if (/[^aeiou]y$/.test(noun)) return noun.slice(0, -1) + "ies";
  return noun + "s";
}

/** 3rd-person singular present of one verb. */
export function thirdSingular(verb: string): string {
  const irr = IRREGULAR_3SG[verb];
  if (irr !== undefined) return irr;
  if (/(s|x|z|ch|sh|o)$/.test(verb)) return verb + "es";
  if (/[^aeiou]y$/.test(verb)) return verb.slice(0, -1) + "ies";
  return verb + "s";
}

function regularEd(verb: string): string {
  if (verb.endsWith("e")) return verb + "d";
  if (/[^aeiou]y$/.test(verb)) return verb.slice(0, -1) + "ied";
  if (shouldDouble(verb)) return verb + verb[verb.length - 1] + "ed";
  return verb + "ed";
}

/** Simple past of one verb. */
export function pastTense(verb: string): string {
  return IRREGULAR_VERBS[verb]?.[0] ?? regularEd(verb);
}

/** Past participle of one verb. */
export function pastParticiple(verb: string): string {
  return IRREGULAR_VERBS[verb]?.[1] ?? regularEd(verb);
}

/** -ing form of one verb. */
export function presentParticiple(verb: string): string {
  if (verb === "be" || verb === "see" || verb === "flee" || verb === "agree") return verb + "ing";
  if (/ie$/.test(verb)) return verb.slice(0, -2) + "ying";
  if (/[^aeiou]e$/.test(verb) || /[^e]ue$/.test(verb)) return verb.slice(0, -1) + "ing";
  if (shouldDouble(verb)) return verb + verb[verb.length - 1] + "ing";
  return verb + "ing";
}

/** Comparative and superlative of a short adjective, or undefined when it takes "more"/"most". */
export function adjectiveGrades(adj: string): readonly [string, string] | undefined {
  const irr = IRREGULAR_ADJ[adj];
  if (irr) return irr;
  const syl = syllables(adj);
  if (/[^aeiou]y$/.test(adj) && syl <= 2) return [adj.slice(0, -1) + "ier", adj.slice(0, -1) + "iest"];
  if (syl !== 1) return undefined;
  if (adj.endsWith("e")) return [adj + "r", adj + "st"];
  if (endsCvc(adj)) {
    const c = adj[adj.length - 1]!;
    return [adj + c + "er", adj + c + "est"];
  }
  return [adj + "er", adj + "est"];
}

/**
 * Every form of a lemma phrase by tag, base first, NOT deduplicated (past and
 * pastPart of "make" are both "made"): use it to pair spun and original forms by tag.
 * - `n`: the last word is the head; adds `plural`.
 * - `v`: the first word is the head; adds `3sg`, `past`, `pastPart`, `ing`.
 * - `adj`: single-word short adjectives get `comparative` and `superlative`; phrases get none.
 * - `-`: the phrase as written only.
 * Words are lower-cased; the phrase is split on single spaces.
 */
export function inflectionTable(phrase: string, pos: Pos): InflectedForm[] {
  const words = phrase.toLowerCase().trim().split(/\s+/);
  const forms: InflectedForm[] = [{ tag: "base", text: words.join(" ") }];
  const withHead = (i: number, w: string): string => words.map((x, k) => (k === i ? w : x)).join(" ");
  const last = words.length - 1;
  switch (pos) {
    case "n":
      forms.push({ tag: "plural", text: withHead(last, pluralize(words[last]!)) });
      break;
    case "v": {
      const v = words[0]!;
      forms.push(
        { tag: "3sg", text: withHead(0, thirdSingular(v)) },
        { tag: "past", text: withHead(0, pastTense(v)) },
        { tag: "pastPart", text: withHead(0, pastParticiple(v)) },
        { tag: "ing", text: withHead(0, presentParticiple(v)) },
      );
      break;
    }
    case "adj": {
      const g = words.length === 1 ? adjectiveGrades(words[0]!) : undefined;
      if (g) forms.push({ tag: "comparative", text: g[0] }, { tag: "superlative", text: g[1] });
      break;
    }
    case "-":
      break;
  }
  return forms;
}

/** The distinct surface forms of a lemma phrase (see {@link inflectionTable}), base first. */
export function inflectPhrase(phrase: string, pos: Pos): InflectedForm[] {
  const seen = new Set<string>();
  return inflectionTable(phrase, pos).filter((f) => !seen.has(f.text) && (seen.add(f.text), true));
}
