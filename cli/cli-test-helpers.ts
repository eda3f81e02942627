// Runs the installed command the way a user or CI does: `node bin/cachelab.mjs …`, optional stdin.
import { spawn, spawnSync } from "node:child_process";
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

/** `cachelab` without blocking, so several runs can go at once. */
export function cachelabAsync(args: string[], stdin?: string): Promise<CliRun> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [join(ROOT, "bin", "cachelab.mjs"), ...args], { cwd: ROOT, timeout: 60_000 });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolveRun({ code, stdout, stderr }));
    child.stdin.end(stdin ?? "");
  });
}

/** Writes a JSON value to a fresh temp file and returns its path. */
export function tempJson(value: unknown, name = "experiment.json"): string {
  const dir = mkdtempSync(join(tmpdir(), "cachelab-cli-"));
  const path = join(dir, name);
  writeFileSync(path, typeof value === "string" ? value : JSON.stringify(value));
  return path;
}

export const CASES_DIR = resolve(ROOT, "test", "cases"); // docs/reference/pydantic-ai-caching.md §13
export const CASES_2_33_DIR = resolve(ROOT, "test", "cases-pydantic-ai-2.33"); // docs/reference/pydantic-ai-2.md
