import { describe, expect, it } from "vitest";
import { spawnEmulator } from "@/lib/emulator/testing/spawn";
import { parseEmulateArgs } from "./emulate";

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
  });
});
