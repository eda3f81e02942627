// The emulator holds its ground (security audit 2026-11-30, test 4 and m3, m5, m6, m11, m12): bounded
// memory and per-request cost, bounded fault queues and control bodies, no control from a web page,
// slow clients timed out, connections capped, and a cut stream that still delivers what came before.
import { type Socket, connect } from "node:net";
import Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CacheStore, DEFAULT_ENGINE_OPTIONS, requestIdFor, runRequest, type CacheEntry } from "./engine";
import { blocksBody } from "./engine/test-factories";
import { MAX_FAULTS_PER_REQUEST, MAX_QUEUED_FAULTS } from "./faults";
import { type EmulatorServer, startEmulatorServer } from "./server";
import { spawnEmulator } from "./testing/spawn";
import { createEmulator, type Emulator } from "./transport";

const HEADERS = { "content-type": "application/json", "x-api-key": "sk-test", "anthropic-version": "2023-06-01" };
const JSON_TYPE = { "content-type": "application/json" };
const cc = { type: "ephemeral" };
const withSystem = (text: string) => JSON.stringify({ model: "claude-sonnet-4-6", max_tokens: 20, system: [{ type: "text", text, cache_control: cc }], messages: [{ role: "user", content: "hi" }] });

const post = (e: Emulator, path: string, body: string, headers: Record<string, string> = HEADERS) =>
  e.fetch(`http://emulator.invalid${path}`, { method: "POST", body, headers });
const usageOf = async (res: Response) => ((await res.json()) as Anthropic.Message).usage;
const cacheOf = async (e: Emulator) =>
  (await (await e.fetch("http://emulator.invalid/_emulator/cache")).json()) as { count: number; stored: number; max_entries: number; evicted: number; entries: { path: string }[] };

describe("a cap on cache entries, least recently used evicted first", () => {
  it("holds at most maxCacheEntries, reports the cap and the evictions, and keeps the entry read most recently", async () => {
    const e = createEmulator({ latencyScale: 0, maxCacheEntries: 3, minCacheableTokens: 1 });
    for (const name of ["A", "B", "C"]) expect((await usageOf(await post(e, "/v1/messages", withSystem(`prompt ${name}`)))).cache_creation_input_tokens).toBeGreaterThan(0);
    // Reading A makes it the most recently used; D and E then evict B and C.
    expect((await usageOf(await post(e, "/v1/messages", withSystem("prompt A")))).cache_read_input_tokens).toBeGreaterThan(0);
    await post(e, "/v1/messages", withSystem("prompt D"));
    await post(e, "/v1/messages", withSystem("prompt E"));
    const cache = await cacheOf(e);
    expect(cache).toMatchObject({ count: 3, stored: 3, max_entries: 3, evicted: 2 });
    expect((await usageOf(await post(e, "/v1/messages", withSystem("prompt A")))).cache_read_input_tokens).toBeGreaterThan(0);
    expect((await usageOf(await post(e, "/v1/messages", withSystem("prompt B")))).cache_read_input_tokens).toBe(0);
  });

  it("`cachelab emulate --max-entries N` sets the cap", async () => {
    const server = await spawnEmulator(["--latency-scale", "0", "--max-entries", "2"]);
    try {
      const cache = (await (await fetch(`${server.url}/_emulator/cache`)).json()) as { max_entries: number; evicted: number };
      expect(cache).toMatchObject({ max_entries: 2, evicted: 0 });
    } finally {
      await server.stop();
    }
  });

  it("a request with 40,000 entries held visits no more of the store than one with none (no copy or scan of the store per request)", () => {
    const filler = (n: number): CacheEntry => ({
      key: `k${n}`, scope: "filler", provider: "anthropic", model: "claude-sonnet-4-6", prefixHash: `p${n}`, openKey: `o${n}`, position: 0,
      path: "system.0", tokens: 2000 as CacheEntry["tokens"], ttl: "1h", createdAt: 0, lastUsedAt: 0, expiresAt: 3_600_000, visibleAt: 0, hits: 0, writtenBy: "filler",
    });
    // Counted, not timed (a timing ratio flaked on a loaded machine): every iteration of any Map or Set
    // during the requests adds that collection's size, so a copy or a scan of the 40k store shows up
    // as tens of thousands of visits per request, while lookups by key cost nothing here.
    const visitedDuring = (store: CacheStore) => {
      let visited = 0;
      const spied = [Map.prototype, Set.prototype].flatMap((proto) =>
        (["values", "keys", "entries", "forEach", Symbol.iterator] as const).map((name) => {
          const original = (proto as unknown as Record<PropertyKey, (...args: unknown[]) => unknown>)[name]!;
          Object.defineProperty(proto, name, {
            configurable: true, writable: true,
            value: function (this: Map<unknown, unknown> | Set<unknown>, ...args: unknown[]) { visited += this.size; return original.apply(this, args); },
          });
          return () => Object.defineProperty(proto, name, { configurable: true, writable: true, value: original });
        }),
      );
      try {
        for (let i = 0; i < 300; i++) {
          // A new prefix each time: the miss path, which explains itself by looking for the prefix under other models and scopes.
          const body = blocksBody(3, { marks: { 3: true }, seed: `r${i}-` });
          const out = runRequest(store, { provider: "anthropic", kind: "messages", body, apiVersion: "2023-06-01", scope: "s", requestId: requestIdFor(i + 1) }, 1000, CACHE_ANY_LENGTH);
          if (out.kind !== "message") throw new Error("expected a message");
          store.apply(out.commit);
        }
      } finally {
        for (const restore of spied) restore();
      }
      return visited;
    };
    // The minimum lowered so that every request writes and looks up (3 short blocks are below Sonnet's 1,024).
    const CACHE_ANY_LENGTH = { ...DEFAULT_ENGINE_OPTIONS, minCacheableTokens: 1 };
    const full = new CacheStore(100_000);
    full.apply({ requestId: "filler", now: 0, refreshes: [], writes: Array.from({ length: 40_000 }, (_, n) => filler(n)) });
    expect(full.stats().stored).toBe(40_000);
    const empty = visitedDuring(new CacheStore());
    const loaded = visitedDuring(full); 
    // 300 requests; one periodic expiry sweep over the store is allowed, a copy per request (12M) is not.
    expect(loaded - empty).toBeLessThanOrEqual(2 * 40_300);
  });
});

describe("the fault queue is bounded", () => {
  it(`refuses more than ${MAX_FAULTS_PER_REQUEST} faults in one request and more than ${MAX_QUEUED_FAULTS} in total, queuing none of them`, async () => {
    const e = createEmulator({ latencyScale: 0 });
    const queue = (body: unknown) => post(e, "/_emulator/faults", JSON.stringify(body), JSON_TYPE);
    const tooMany = await queue([{ kind: "overloaded", count: 1000 }, { kind: "overloaded" }]);
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()) as { error: { message: string } }).error.message).toBe(`faults: at most ${MAX_FAULTS_PER_REQUEST} per request (counts included)`);
    expect(e.faults()).toHaveLength(0);
    expect((await queue({ kind: "overloaded", count: 1001 })).status).toBe(400);
    for (let i = 0; i < MAX_QUEUED_FAULTS / MAX_FAULTS_PER_REQUEST; i++) expect((await queue({ kind: "overloaded", count: MAX_FAULTS_PER_REQUEST })).status).toBe(200);
    const full = await queue({ kind: "rate_limit" });
    expect(full.status).toBe(400);
    expect(((await full.json()) as { error: { message: string } }).error.message).toMatch(/queue holds at most 10000 faults .*DELETE \/_emulator\/faults/);
    expect(e.faults()).toHaveLength(MAX_QUEUED_FAULTS);
    expect(e.queueFault({ kind: "rate_limit" })).toBe(false);
    await e.fetch("http://emulator.invalid/_emulator/faults", { method: "DELETE" });
    expect(e.faults()).toHaveLength(0);
  });

  it("refuses a delay longer than 15 minutes", async () => {
    const e = createEmulator({ latencyScale: 0 });
    const res = await post(e, "/_emulator/faults", JSON.stringify({ kind: "delay", delay_seconds: 3600 }), JSON_TYPE);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe("faults.0.delayMs: at most 900000 (15 minutes)");
  });
});

describe.each([
  ["in-process fetch", () => createEmulator({ latencyScale: 0 })],
  ["standalone server", null],
])("control endpoints refuse what a web page could send (%s)", (_name, makeInProcess) => {
  let server: EmulatorServer | undefined;
  let base = "http://emulator.invalid";
  let e: Emulator;
  beforeAll(async () => {
    if (makeInProcess) e = makeInProcess();
    else {
      server = await startEmulatorServer({ port: 0, latencyScale: 0 });
      e = server.emulator;
      base = server.url;
    }
  });
  afterAll(async () => {
    await server?.close();
  });
  const send = (path: string, init: RequestInit) => (server ? fetch(`${base}${path}`, init) : e.fetch(`${base}${path}`, init));

  it("a foreign Origin gets 403 and changes nothing (the audit's reproduction: Origin evil.example, text/plain)", async () => {
    for (const headers of [{ origin: "http://evil.example", "content-type": "text/plain" }, { origin: "http://evil.example", ...JSON_TYPE }, { origin: "null", ...JSON_TYPE }]) {
      const res = await send("/_emulator/faults", { method: "POST", headers, body: JSON.stringify({ kind: "overloaded", count: 3 }) });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { type: string; message: string } }).error).toMatchObject({ type: "permission_error", message: expect.stringContaining("web page") });
    }
    const clock = e.now();
    const advance = await send("/_emulator/clock", { method: "POST", headers: { origin: "http://localhost.evil.example:1", ...JSON_TYPE }, body: '{"advance_seconds": 3600}' });
    expect(advance.status).toBe(403);
    expect(e.now() - clock).toBeLessThan(60_000);
    expect((await send("/_emulator/cache", { headers: { origin: "https://evil.example" } })).status).toBe(403);
    expect(e.faults()).toHaveLength(0);
  });

  it("a body that is not declared JSON (text/plain, a form, none) gets 415 and changes nothing", async () => {
    for (const type of ["text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const res = await send("/_emulator/faults", { method: "POST", headers: { "content-type": type }, body: JSON.stringify({ kind: "overloaded" }) });
      expect(res.status).toBe(415);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^content-type: send the body as application\/json/);
    }
    expect(e.faults()).toHaveLength(0);
  });

  it("its own origin, no Origin at all, and a bodiless POST are served", async () => {
    const own = server ? server.url : base;
    expect((await send("/_emulator/faults", { method: "POST", headers: { origin: own, ...JSON_TYPE }, body: '{"kind":"overloaded"}' })).status).toBe(200);
    expect((await send("/_emulator/faults", { method: "DELETE" })).status).toBe(200);
    expect((await send("/_emulator/reset", { method: "POST" })).status).toBe(200);
    expect((await send("/_emulator/clock", { method: "POST", headers: { "content-type": "application/json; charset=utf-8" }, body: '{"advance_seconds": 1}' })).status).toBe(200);
  });

  it("a control body over 64 KiB gets 413 request_too_large, not a misleading 400, and changes nothing", async () => {
    const big = JSON.stringify([...Array.from({ length: 3000 }, () => ({ kind: "429", count: 1000 }))]);
    expect(big.length).toBeGreaterThan(64 * 1024);
    const res = await send("/_emulator/faults", { method: "POST", headers: JSON_TYPE, body: big });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { type: string } }).error.type).toBe("request_too_large");
    const clock = await send("/_emulator/clock", { method: "POST", headers: JSON_TYPE, body: JSON.stringify({ advance_seconds: 1, pad: "x".repeat(100_000) }) });
    expect(clock.status).toBe(413);
    expect(e.faults()).toHaveLength(0);
  });
});

/** Opens a raw socket; resolves when it is closed by the server, with what it received. */
function rawSocket(url: string): { socket: Socket; closed: Promise<{ data: string; afterMs: number }> } {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  const started = Date.now();
  let data = "";
  socket.on("data", (d) => (data += d.toString("latin1")));
  const closed = new Promise<{ data: string; afterMs: number }>((resolve) => socket.on("close", () => resolve({ data, afterMs: Date.now() - started })));
  socket.on("error", () => undefined);
  return { socket, closed };
}

describe("slow and idle clients are timed out; connections are capped", () => {
  let server: EmulatorServer;
  beforeAll(async () => {
    server = await startEmulatorServer({ port: 0, latencyScale: 0, headersTimeoutMs: 600, requestTimeoutMs: 1500, bodyIdleTimeoutMs: 500, idleTimeoutMs: 400, maxConnections: 20 });
  });
  afterAll(async () => {
    await server.close();
  });

  it("a connection that sends nothing is closed after the header timeout", async () => {
    const { closed } = rawSocket(server.url);
    const { data, afterMs } = await closed;
    // Closed silently, or with Node's own 408 when its header check runs first.
    expect(data === "" || data.startsWith("HTTP/1.1 408")).toBe(true);
    expect(afterMs).toBeLessThan(3_000);
  });

  it("headers that never finish: the connection is closed after the header timeout", async () => {
    const { socket, closed } = rawSocket(server.url);
    socket.write("POST /v1/messages HTTP/1.1\r\nHost: x\r\n");
    const { afterMs } = await closed;
    expect(afterMs).toBeLessThan(3_000);
  });

  it("a body that stalls: the connection is closed after the body timeout", async () => {
    const { socket, closed } = rawSocket(server.url);
    socket.write(`POST /v1/messages HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\nx-api-key: k\r\nanthropic-version: 2023-06-01\r\ncontent-length: 1000\r\n\r\n{"model":`);
    const { afterMs } = await closed;
    expect(afterMs).toBeLessThan(3_000);
  });

  it("an idle keep-alive connection is closed; a new request is still served", async () => {
    const { socket, closed } = rawSocket(server.url);
    socket.write("GET /_emulator/clock HTTP/1.1\r\nHost: x\r\n\r\n");
    const { data, afterMs } = await closed;
    expect(data).toMatch(/^HTTP\/1\.1 200/);
    expect(afterMs).toBeLessThan(3_000);
    expect((await fetch(`${server.url}/_emulator/clock`)).status).toBe(200);
  });

  it(`connections beyond the cap are closed at once, and the server serves again when they go`, async () => {
    const held = Array.from({ length: 20 }, () => rawSocket(server.url));
    await new Promise((r) => setTimeout(r, 100));
    const extra = rawSocket(server.url);
    extra.socket.write("GET /_emulator/clock HTTP/1.1\r\nHost: x\r\n\r\n");
    const refused = await extra.closed;
    expect(refused.data).toBe("");
    for (const h of held) h.socket.destroy();
    await Promise.all(held.map((h) => h.closed));
    await new Promise((r) => setTimeout(r, 50));
    expect((await fetch(`${server.url}/_emulator/clock`)).status).toBe(200);
  });
});

describe("a stream cut with cut: error (the default) delivers the frames before the cut", () => {
  let server: EmulatorServer;
  beforeAll(async () => {
    server = await startEmulatorServer({ port: 0, latencyScale: 0 });
  });
  afterAll(async () => {
    await server.close();
  });
  const streamBody = JSON.stringify({ model: "claude-sonnet-4-6", max_tokens: 50, stream: true, messages: [{ role: "user", content: "tell me about prompt caching" }] });

  it("over a raw socket: the status line, headers and 3 frames arrive, then the connection ends without the last chunk", async () => {
    server.emulator.queueFault({ kind: "stream_cut", afterFrames: 3 });
    const { socket, closed } = rawSocket(server.url);
    socket.write(`POST /v1/messages HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\nx-api-key: k\r\nanthropic-version: 2023-06-01\r\ncontent-length: ${Buffer.byteLength(streamBody)}\r\n\r\n${streamBody}`);
    const { data } = await closed;
    expect(data).toMatch(/^HTTP\/1\.1 200/);
    expect(data.match(/^event: /gm)).toEqual(["event: ", "event: ", "event: "]);
    expect(data).toContain("event: message_start");
    expect(data).not.toMatch(/\r\n0\r\n\r\n$/);
  });

  it("through fetch and the SDK: the first events are read, then the stream fails; the server keeps serving", async () => {
    server.emulator.queueFault({ kind: "stream_cut", afterFrames: 2 });
    const res = await fetch(`${server.url}/v1/messages`, { method: "POST", headers: HEADERS, body: streamBody });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let text = "";
    const failure = await (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return null;
        text += new TextDecoder().decode(value);
      }
    })().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Error);
    expect(text.match(/^event: /gm)).toHaveLength(2);

    server.emulator.queueFault({ kind: "stream_cut", afterFrames: 3 });
    const client = new Anthropic({ apiKey: "k", baseURL: server.url, maxRetries: 0 });
    const events: string[] = [];
    const stream = client.messages.stream(JSON.parse(streamBody) as never);
    stream.on("streamEvent", (ev) => events.push(ev.type));
    await expect(stream.finalMessage()).rejects.toThrow();
    expect(events).toEqual(["message_start", "content_block_start"]); // the third frame, a ping, the SDK does not surface
    expect((await client.messages.create({ ...JSON.parse(streamBody), stream: false } as never)).content).toHaveLength(1);
  });
});
