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

/**
 * More research prose, for fitting the unlisted-phrase flagger's weights only (negatives: runs of words that are
 * correct English). Kept apart from FILLER, which the measured abstracts use, so that no figure is measured on
 * sentences the weights were fitted on.
 */
export const TRAINING_PROSE = [
  "Section 2 reviews related work on the detection of faults in rotating machines.",
  "The remainder of this article describes the data, the models and the results in turn.",
  "We thank the anonymous reviewers for their helpful comments on an earlier draft.",
  "Samples were stored at minus eighty degrees until analysis.",
  "The authors declare that they have no known competing financial interests.",
  "A total of 412 participants completed the questionnaire, of whom 57 percent were women.",
  "Statistical significance was set at a p value below 0.05 for all tests.",
  "The sensor was calibrated against a reference instrument before each session.",
  "Missing values were replaced by the median of the corresponding column.",
  "The simulation was repeated with different random seeds to check the stability of the results.",
  "Our findings are consistent with those of earlier field studies in the same region.",
  "This limitation should be kept in mind when the results are applied to other populations.",
  "The network was trained for fifty epochs with a learning rate of 0.001.",
  "Soil moisture was measured every hour at three depths.",
  "Ethical approval was obtained from the local review board before recruitment began.",
  "The catalyst was washed with distilled water and dried overnight at room temperature.",
  "Figure 3 shows the distribution of the errors for each method.",
  "The proposed scheme reduces the energy consumption of the nodes by a third.",
  "Interviews were recorded, transcribed and coded by two researchers independently.",
  "The mean age of the patients was 61 years, and most had at least one chronic condition.",
  "These results highlight the need for careful validation before clinical use.",
  "The dataset is divided into a training set, a validation set and a test set.",
  "We used a mixed model with random effects for each school.",
  "The beam was loaded at its centre until the first crack appeared.",
  "Water samples were collected from twelve wells during the dry season.",
  "The survey was distributed by email to all members of the association.",
  "In the second experiment, the threshold was raised to reduce the number of false alarms.",
  "Table 2 summarises the characteristics of the included studies.",
  "The algorithm converges in fewer iterations when the initial guess is close to the solution.",
  "A sensitivity analysis was carried out to assess the effect of each assumption.",
  "Future research should examine how these effects change over longer periods.",
  "The code was written in Python and runs on a single graphics card.",
  "Participants were randomly assigned to the treatment group or the control group.",
  "The results of both models were compared using the mean squared error.",
  "Heavy rainfall in the spring delayed the planting of the experimental plots.",
  "The study has several strengths, including its large sample and long follow up.",
  "The images were resized to the same resolution before training.",
  "Prices were adjusted for inflation using the consumer price index.",
  "The cells were cultured in a standard medium and passaged twice a week.",
  "Our approach builds on previous work on graph based methods for text classification.",
  "In this paper, we present a novel method for estimating the age of trees from aerial photographs.",
  "We introduce a novel approach that combines physical models with measured data.",
  "Experimental results demonstrate the effectiveness of the proposed technique.",
  "The proposed framework outperforms state of the art methods on all benchmarks.",
  "Extensive experiments on real world datasets confirm our theoretical analysis.",
  "To the best of our knowledge, this is the first study of its kind in the region.",
  "The main contributions of this paper are summarised below.",
  "We conducted a systematic review of the literature published between 2010 and 2020.",
  "The empirical evidence supports the hypothesis that smaller firms adapt faster.",
  "A comprehensive evaluation shows that the method is robust to noise and missing data.",
  "This work proposes an efficient algorithm with a lower computational cost.",
  "The findings have important implications for policy makers and practitioners.",
  "Quantitative and qualitative analyses were performed on the collected responses.",
  "The model achieves competitive performance while using far fewer parameters.",
  "Recent advances in sensing technology have opened new research directions.",
  "We discuss the limitations of the present study and directions for future work.",
  "The experimental setup is described in detail in the appendix.",
  "Numerical simulations were performed to validate the analytical solution.",
  "A case study illustrates the practical applicability of the proposed approach.",
  "These results are in good agreement with previously reported values.",
  "The accuracy of the classifier was assessed by tenfold cross validation.",
  "Preliminary results indicate a significant reduction in processing time.",
  "We further investigate the influence of the key parameters on performance.",
  "The underlying mechanism remains poorly understood despite decades of research.",
  "Our analysis reveals a strong correlation between temperature and yield.",
];
