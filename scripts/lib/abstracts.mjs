// Short scientific abstracts generated from templates written for this project, with phrases put into slots:
// used to measure the tortured-phrase dictionary (every entry in a ~200-word abstract, with a correct term of
// another entry beside it) and by the tests. Nothing here is taken from third-party texts.

/** Frames for a phrase; "X" is replaced by the phrase. Neutral enough for a noun phrase of any field. */
export const SLOT_FRAMES = [
  "In recent years, X has attracted growing attention in the research community.",
  "This paper studies X in a practical setting with limited resources.",
  "We propose a new method based on X to address this problem.",
  "The results show that X plays an important role in the proposed framework.",
  "Our analysis of X reveals several limitations of earlier work.",
  "Previous studies of X were limited to small samples from a single site.",
  "A detailed comparison with X is given in the third section.",
  "We also discuss how X can be measured more reliably in future studies.",
];

/** Filler sentences: plain academic prose, none of it a listed phrase. */
export const FILLER = [
  "The aim of this study is to improve the reliability of the whole process at a reasonable cost.",
  "We collected data from three hospitals over a period of two years.",
  "The proposed approach is evaluated on two public benchmarks and one private data set.",
  "Experiments show a clear improvement over the baseline methods in most settings.",
  "The model is trained on a standard workstation and needs no special hardware.",
  "All parameters were chosen on a separate validation set before the final tests.",
  "The remainder of the paper is organised as follows.",
  "Section two reviews related work, and section three describes the method.",
  "We report the mean and the standard deviation over ten independent runs.",
  "The code and the data will be made available to other researchers on request.",
  "These findings suggest that simple methods remain competitive when data are scarce.",
  "Further work is needed to confirm the results on larger and more varied samples.",
  "The study was approved by the ethics committee of the university.",
  "Participants gave written consent before taking part in the study.",
  "The main contribution of this work is a careful and repeatable evaluation.",
  "Both methods were implemented in the same software environment to allow a fair comparison.",
  "The results are discussed in the light of earlier findings.",
  "Finally, we outline the practical implications of this work for engineers and managers.",
];

/** Deterministic pseudo-random numbers (LCG), so every run builds the same abstracts. */
export function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
}

/**
 * A ~200-word abstract holding the given phrases (each in its own frame), the given correct terms (likewise), and
 * filler. Returns the text and the offsets of every slotted phrase.
 * @param {string[]} phrases  tortured phrases (or any phrase to plant)
 * @param {string[]} correct  correct terms planted beside them
 * @param {number} seed
 */
export function makeAbstract(phrases, correct, seed, words = 200) {
  const rand = rng(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const slots = [...phrases.map((p) => ({ p, kind: "planted" })), ...correct.map((p) => ({ p, kind: "correct" }))];
  const sentences = [];
  const fillers = [...FILLER].sort(() => rand() - 0.5);
  let count = 0;
  let f = 0;
  const frames = [...SLOT_FRAMES].sort(() => rand() - 0.5);
  // Slots are spread over the abstract: filler first, then a slot after every one or two filler sentences.
  sentences.push({ text: fillers[f++ % fillers.length] });
  slots.forEach((slot, i) => {
    sentences.push({ text: frames[i % frames.length], slot });
    sentences.push({ text: fillers[f++ % fillers.length] });
  });
  for (const s of sentences) count += s.text.split(" ").length;
  while (count < words) {
    const text = fillers[f++ % fillers.length];
    sentences.splice(1 + Math.floor(rand() * (sentences.length - 1)), 0, { text });
    count += text.split(" ").length;
  }
  void pick;
  let text = "";
  const spans = [];
  for (const s of sentences) {
    if (text) text += " ";
    if (!s.slot) {
      text += s.text;
      continue;
    }
    const at = s.text.indexOf("X");
    const phrase = at === 0 ? s.slot.p[0].toUpperCase() + s.slot.p.slice(1) : s.slot.p;
    spans.push({ start: text.length + at, end: text.length + at + phrase.length, phrase: s.slot.p, kind: s.slot.kind });
    text += s.text.slice(0, at) + phrase + s.text.slice(at + 1);
  }
  return { text, spans };
}
