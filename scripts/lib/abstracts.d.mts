// Types for abstracts.mjs (used by the tests).
export declare const SLOT_FRAMES: readonly string[];
export declare const FILLER: readonly string[];
export declare function rng(seed: number): () => number;
export interface PlantedSpan {
  start: number;
  end: number;
  phrase: string;
  kind: "planted" | "correct";
}
export declare function makeAbstract(phrases: readonly string[], correct: readonly string[], seed: number, words?: number): { text: string; spans: PlantedSpan[] };
