// The production build the Chromium benchmarks measure: built once (BENCH_SKIP_BUILD=1 reuses .next, as
// scripts/bench.sh does after building), served on a free loopback port the way `npm run start`
// serves it, and stopped with its whole process group.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

export function buildApp(): void {
  if (process.env.BENCH_SKIP_BUILD) return;
  const build = spawnSync("npx", ["next", "build"], { stdio: ["ignore", "ignore", "inherit"], env });
  if (build.status !== 0) throw new Error("next build failed");
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Serves the build through the app's own server entry when it has one (its request gate included), else `next start`. */
export async function startApp(): Promise<{ url: string; stop: () => void }> {
  // BENCH_PORT pins the port (a shared machine where each person has a range); a free one otherwise.
  const port = process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : await freePort();
  const entry = existsSync("server/main.mjs");
  const child: ChildProcess = entry
    ? spawn("node", ["server/main.mjs", "-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore", env, detached: true })
    : spawn("npx", ["next", "start", "-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore", env, detached: true });
  const url = `http://127.0.0.1:${port}/`;
  const stop = () => {
    if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
  };
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error("the server exited early");
    try {
      if ((await fetch(url)).ok) return { url, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  stop();
  throw new Error(`${url} did not come up`);
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export const CHROMIUM = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  // Off the network: nothing but loopback resolves.
  args: ["--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost"],
};
