#!/usr/bin/env node
// Part of `npm run build` (after tsc): compiles what start-up would otherwise work out into dist/compiled/ —
// the bundled curated and mined dictionaries with every inflection expanded, and the tortured list's keys and their
// phrase prefixes (dictionaries.json; see src/resources.ts), read at start-up when their sources are unchanged and
// worked out from the sources otherwise.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { asciiOnly } from "./lib/ascii.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { compileBundledDictionaries, compiledFiles } = await import(join(root, "dist", "resources.js"));
mkdirSync(dirname(compiledFiles.dictionaries), { recursive: true });
// ASCII only (non-ASCII characters as \uXXXX escapes): start-up reads it as Latin-1, faster than decoding UTF-8.
writeFileSync(compiledFiles.dictionaries, asciiOnly(JSON.stringify(compileBundledDictionaries()), "compile-dictionaries"));
// The language model's vocabulary hash (en-us.vocab.bin): a start-up without the pass over its 72,000 words.
const { compileVocabulary } = await import(join(root, "dist", "resources.js"));
const vocabulary = compileVocabulary();
if (vocabulary) writeFileSync(compiledFiles.vocabulary, vocabulary);
