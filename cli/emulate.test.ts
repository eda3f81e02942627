import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { spawnEmulator } from "@/lib/emulator/testing/spawn";
import { parseEmulateArgs, watchLauncher } from "./emulate";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

describe("cachelab emulate", () => {
  it("--port 0 picks a free port on loopback, prints exactly one line, and stops cleanly on SIGTERM", async () => {
    const server = await spawnEmulator();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(Number(new URL(server.url).port)).toBeGreaterThan(0);
    const res = await fetch(`${server.url}/_emulator/clock`);
    expect(res.status).toBe(200);
    expect(await server.stop("SIGTERM")).toBe(0);
    expect(server.stdout()).toBe(`listening on ${server.url}\n`);
  });

  it("stops cleanly on SIGINT too, with a client connection still open", async () => {
    const server = await spawnEmulator(["--latency-scale", "0"]);
    await fetch(`${server.url}/_emulator/cache`, { keepalive: true });
    expect(await server.stop("SIGINT")).toBe(0);
  });

  it("two servers on --port 0 get different ports", async () => {
    const [a, b] = await Promise.all([spawnEmulator(), spawnEmulator()]);
    expect(a.url).not.toBe(b.url);
    await Promise.all([a.stop(), b.stop()]);
  });

  it("parses its options and rejects bad ones", () => {
    expect(parseEmulateArgs(["--port", "0", "--host", "::1", "--latency-scale", "0.5"])).toMatchObject({ port: 0, host: "::1", latencyScale: 0.5 });
    expect(parseEmulateArgs([])).toMatchObject({ port: 8787, host: "127.0.0.1" });
    expect(parseEmulateArgs(["--port=9000", "--bedrock-ttl", "ignore"])).toMatchObject({ port: 9000, bedrockTtl: "ignore" });
    expect(parseEmulateArgs(["--port", "x"])).toMatch(/--port/);
    expect(parseEmulateArgs(["--latency-scale", "-1"])).toMatch(/--latency-scale/);
    expect(parseEmulateArgs(["--wat"])).toMatch(/unknown option/);
    expect(parseEmulateArgs(["--max-entries", "1000", "--max-connections=64"])).toMatchObject({ maxCacheEntries: 1000, maxConnections: 64 });
    expect(parseEmulateArgs(["--max-entries", "0"])).toMatch(/--max-entries/);
    expect(parseEmulateArgs(["--max-connections", "1.5"])).toMatch(/--max-connections/);
    expect(parseEmulateArgs(["--rate-limit", "off"])).toMatchObject({ rateLimits: null });
    expect(parseEmulateArgs(["--rate-limit", "50,40000,8000"])).toMatchObject({ rateLimits: { requestsPerMinute: 50, inputTokensPerMinute: 40000, outputTokensPerMinute: 8000 } });
    expect(parseEmulateArgs(["--rate-limit", "50,40000"])).toMatch(/--rate-limit/);
  });

  it("started by npm (npx cachelab emulate), it stops when the launcher dies, since the shell in between does not pass SIGTERM on", async () => {
    // npx runs `sh -c "cachelab emulate …"`; "; true" keeps sh from exec'ing node, exactly as npm's shell does.
    const sh = spawn("sh", ["-c", "node bin/cachelab.mjs emulate --port 0 --latency-scale 0; true"], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, npm_command: "exec" },
    });
    let out = "";
    sh.stdout!.on("data", (d: Buffer) => (out += d.toString()));
    await vi.waitFor(() => expect(out).toMatch(/^listening on http:\/\/\S+\n/), { timeout: 15_000, interval: 50 });
    const url = /^listening on (\S+)\n/.exec(out)![1]!;
    expect((await fetch(`${url}/_emulator/cache`)).status).toBe(200);
    sh.kill("SIGTERM");
    await vi.waitFor(
      async () => {
        const reachable = await fetch(`${url}/_emulator/cache`).then(
          () => true,
          () => false,
        );
        expect(reachable).toBe(false);
      },
      { timeout: 5_000, interval: 100 },
    );
  });

  it("watches its parent only when npm launched it", () => {
    const stop = vi.fn();
    expect(watchLauncher(stop, {}, () => 1)).toBeUndefined();
    let ppid = 4242;
    vi.useFakeTimers();
    try {
      const timer = watchLauncher(stop, { npm_command: "exec" }, () => ppid, 10);
      expect(timer).toBeDefined();
      vi.advanceTimersByTime(50);
      expect(stop).not.toHaveBeenCalled();
      ppid = 1;
      vi.advanceTimersByTime(20);
      expect(stop).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
