/** Effective restore options for one file: defaults < config file < command line. */
import type { CliOptions } from "../args.js";
import { dictionaryPaths, type LoadedConfig } from "./config.js";
import type { CliRestoreOptions } from "../run/restorer.js";
import { BYTES_PER_MB, sizeLimitFor } from "./size-limit.js";
import { parseDictArgument, readUserDictionary, type DictionarySpec } from "./user-dictionaries.js";
import { resolve } from "node:path";

export async function restoreOptionsFor(config: LoadedConfig, cli: CliOptions, cwd: string): Promise<CliRestoreOptions> {
  const s = config.settings;
  const out: CliRestoreOptions = {};
  const level = cli.level ?? s.level;
  if (level) out.level = level;
  // A level given on the command line also overrides a threshold from the config file.
  const threshold = cli.threshold ?? (cli.level ? undefined : s.threshold);
  if (threshold !== undefined) out.threshold = threshold;
  if (cli.assumeSpun || s.assumeSpun) out.assumeSpun = true;
  const neverTouch = [...(s.neverTouch ?? []), ...cli.neverTouch];
  if (neverTouch.length) out.neverTouch = neverTouch;
  const dicts = dictionarySpecs(config, cli, cwd);
  if (dicts.length) out.extraDictionaries = await Promise.all(dicts.map(readUserDictionary));
  return out;
}

/** What --print-config shows: the settings in effect, with where they came from. */
export function describeConfig(config: LoadedConfig, options: CliRestoreOptions, cli: CliOptions, cwd: string): object {
  return {
    configFile: config.filepath,
    level: options.level ?? "normal",
    ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
    assumeSpun: options.assumeSpun ?? false,
    neverTouch: options.neverTouch ?? [],
    dictionaries: dictionarySpecs(config, cli, cwd).map((d) => (d.kind ? { path: d.path, kind: d.kind } : d.path)),
    include: config.settings.include ?? [],
    exclude: config.settings.exclude ?? [],
    maxSize: sizeLimitFor(cli.maxSize, config).bytes / BYTES_PER_MB,
  };
}

/** The config's dictionaries, then --dict ones, with absolute paths. */
function dictionarySpecs(config: LoadedConfig, cli: CliOptions, cwd: string): DictionarySpec[] {
  return [
    ...dictionaryPaths(config),
    ...cli.dict.map((arg) => {
      const d = parseDictArgument(arg);
      return { ...d, path: resolve(cwd, d.path) };
    }),
  ];
}
