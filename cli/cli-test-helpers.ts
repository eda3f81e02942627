// Runs the installed command the way a user or CI does: `node bin/cachelab.mjs …`, optional stdin.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(__dirname, "..");

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function cachelab(args: string[], stdin?: string): CliRun {
  const run = spawnSync(process.execPath, [join(ROOT, "bin", "cachelab.mjs"), ...args], { cwd: ROOT, input: stdin ?? "", encoding: "utf8", timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Writes a JSON value to a fresh temp file and returns its path. */
export function tempJson(value: unknown, name = "experiment.json"): string {
  const dir = mkdtempSync(join(tmpdir(), "cachelab-cli-"));
  const path = join(dir, name);
  writeFileSync(path, typeof value === "string" ? value : JSON.stringify(value));
  return path;
}

export const CASES_DIR = resolve(ROOT, "test", "cases"); // docs/reference/pydantic-ai-caching.md §13
