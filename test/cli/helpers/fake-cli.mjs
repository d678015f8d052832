#!/usr/bin/env node
// The built CLI (dist/cli/main.js) with the engine replaced by fake-restorer.mjs; see that file for why.
import { main, processIo } from "../../../dist/cli/main.js";

const restorerModule = new URL("./fake-restorer.mjs", import.meta.url).href;
process.exitCode = await main(process.argv.slice(2), processIo(), { restorerModule });
