#!/usr/bin/env node
// The `cachelab` command. The CLI is TypeScript sharing lib/cache with the app, so it runs through
// tsx's loader (a dependency) rather than a separate build step that a fresh clone would have to run.
import { register } from "tsx/esm/api";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

register({ tsconfig: join(dirname(fileURLToPath(import.meta.url)), "..", "tsconfig.json") });
const { main } = await import(pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), "..", "cli", "main.ts")).href);
process.exitCode = await main(process.argv.slice(2));
