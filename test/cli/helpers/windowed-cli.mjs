#!/usr/bin/env node
// The built CLI (dist/cli/main.js) with the real engine in small windows (see windowed-restorer.mjs).
import { main, processIo } from "../../../dist/cli/main.js";

const restorerModule = new URL("./windowed-restorer.mjs", import.meta.url).href;
process.exitCode = await main(process.argv.slice(2), processIo(), { restorerModule });
