// Starts CacheLab's production server (the build the Playwright web server made) the way
// `npm run start` does, with its own settings, on a port the system picks; or, for the tests of what
// happens without it, a bare `next start`. Every process is stopped by the test that started it.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export interface Served {
  url: string;
  pid: number;
  output: () => string;
  stop: () => Promise<void>;
}

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const DIST_DIR = process.env.NEXT_DIST_DIR ?? ".next";

/** Only what a server needs; no credentials from the test runner's own environment leak in. */
function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const keep = ["PATH", "HOME", "NODE_OPTIONS", "TMPDIR"];
  const env: NodeJS.ProcessEnv = { NEXT_TELEMETRY_DISABLED: "1", NEXT_DIST_DIR: DIST_DIR, NODE_ENV: "production" };
  for (const name of keep) if (process.env[name] !== undefined) env[name] = process.env[name];
  return { ...env, ...extra };
}

function started(child: ChildProcess, pattern: RegExp, what: string): Promise<{ url: string; output: () => string }> {
  let text = "";
  child.stdout!.on("data", (c: Buffer) => (text += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (text += c.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start within 60 s:\n${text}`)), 60_000);
    const check = () => {
      const m = pattern.exec(text);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, output: () => text });
      }
    };
    child.stdout!.on("data", check);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code}:\n${text}`));
    });
  });
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
    });
}

/** `node server/main.mjs -H host -p 0` with `env`; resolves once it prints its address. */
export async function startEntry(host: string, env: Record<string, string> = {}): Promise<Served> {
  const child = spawn(process.execPath, ["server/main.mjs", "-H", host, "-p", "0"], { cwd: ROOT, env: baseEnv(env), stdio: ["ignore", "pipe", "pipe"] });
  const { url, output } = await started(child, /listening on (http:\/\/\S+)/, "server/main.mjs");
  return { url, pid: child.pid!, output, stop: stopper(child) };
}

/** The entry's answer when it must not start: its exit code and what it printed. */
export async function refusedEntry(host: string, env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ["server/main.mjs", "-H", host, "-p", "0"], { cwd: ROOT, env: baseEnv(env), stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
  const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
  clearTimeout(timer);
  return { code, output };
}

/** A bare `next start` (what someone gets by skipping the entry). */
export async function startBareNext(host: string, port: number, env: Record<string, string> = {}): Promise<Served> {
  const child = spawn(process.execPath, [createRequire(import.meta.url).resolve("next/dist/bin/next"), "start", "-H", host, "-p", String(port)], { cwd: ROOT, env: baseEnv(env), stdio: ["ignore", "pipe", "pipe"] });
  await started(child, /(Ready in)/, "next start");
  return { url: `http://${host}:${port}`, pid: child.pid!, output: () => "", stop: stopper(child) };
}

/** Peak and current resident memory of a process, in MB (Linux /proc). */
export function memoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb("VmRSS") / 1024), peak: Math.round(kb("VmHWM") / 1024) };
}
