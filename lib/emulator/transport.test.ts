// The emulator over the wire: bad input gets the API's status and message and the server keeps
// serving; faults, the clock, the cache inspector and concurrency behave as docs/design.md §5 says.
import Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnEmulator, type SpawnedEmulator } from "./testing/spawn";
import { createEmulator, type Emulator } from "./transport";

const DOC = "Caching keeps long prefixes warm so later turns start faster and cost less. ".repeat(250);
const JSON_TYPE = { "content-type": "application/json" };
const HEADERS = { "content-type": "application/json", "x-api-key": "sk-test", "anthropic-version": "2023-06-01" };
const good = { model: "claude-sonnet-4-6", max_tokens: 20, messages: [{ role: "user", content: "hi" }] };
const cc = { type: "ephemeral" };
const userBlocks = (...content: unknown[]) => JSON.stringify({ ...good, messages: [{ role: "user", content }] });

let spawned: SpawnedEmulator | undefined;
beforeAll(async () => {
  spawned = await spawnEmulator();
});
afterAll(async () => {
  await spawned?.stop();
});

type Post = (path: string, body: string, headers?: Record<string, string>) => Promise<Response>;
const inProcessPost = (): Post => {
  const emulator = createEmulator();
  return (path, body, headers = HEADERS) => emulator.fetch(`http://emulator.invalid${path}`, { method: "POST", body, headers });
};
const httpPost = (): Post => (path, body, headers = HEADERS) => fetch(`${spawned!.url}${path}`, { method: "POST", body, headers });

const BAD_INPUT: [string, string, number, string, Record<string, string>?][] = [
  ["malformed JSON", "{not json", 400, "There was an error parsing the body of your request"],
  ["a missing field", JSON.stringify({ model: "claude-sonnet-4-6", messages: good.messages }), 400, "max_tokens: Field required"],
  ["a wrong type", JSON.stringify({ ...good, max_tokens: "many" }), 400, "max_tokens: Input should be a valid integer"],
  ["five breakpoints", userBlocks(...["a", "b", "c", "d", "e"].map((text) => ({ type: "text", text, cache_control: cc }))), 400, "A maximum of 4 blocks with cache_control may be provided. Found 5."],
  [
    "1h after 5m",
    userBlocks({ type: "text", text: "a", cache_control: cc }, { type: "text", text: "b", cache_control: { type: "ephemeral", ttl: "1h" } }),
    400,
    "messages.0.content.1.cache_control.ttl: a ttl='1h' cache_control block must not come after a ttl='5m' cache_control block. Note that blocks are processed in the following order: `tools`, `system`, `messages`.",
  ],
  ["cache_control on empty text", userBlocks({ type: "text", text: "a" }, { type: "text", text: "", cache_control: cc }), 400, "messages.0.content.1.text: cache_control cannot be set for empty text blocks"],
  [
    "cache_control on thinking",
    JSON.stringify({
      ...good,
      messages: [
        { role: "user", content: "q" },
        { role: "assistant", content: [{ type: "thinking", thinking: "t", signature: "s", cache_control: cc }] },
        { role: "user", content: "q2" },
      ],
    }),
    400,
    "messages.1.content.0.thinking.cache_control: Extra inputs are not permitted",
  ],
  ["unknown cache_control keys", JSON.stringify({ ...good, system: [{ type: "text", text: "s", cache_control: { type: "ephemeral", scope: "global" } }] }), 400, "system.0.cache_control.ephemeral.scope: Extra inputs are not permitted"],
  ["no auth", JSON.stringify(good), 401, "invalid x-api-key", { "content-type": "application/json", "anthropic-version": "2023-06-01" }],
  ["an empty key", JSON.stringify(good), 401, "invalid x-api-key", { ...HEADERS, "x-api-key": "" }],
  ["an unknown model", JSON.stringify({ ...good, model: "claude-unknown" }), 404, "model: claude-unknown"],
  ["a missing version header", JSON.stringify(good), 400, "anthropic-version: header is required", { "content-type": "application/json", "x-api-key": "k" }],
];

describe.each([
  ["in-process fetch", inProcessPost],
  ["standalone server", httpPost],
])("bad input against the %s", (_name, makePost) => {
  it.each(BAD_INPUT)("%s → the API's status and message, then the next request succeeds", async (_case, body, status, message, headers) => {
    const post = makePost();
    const res = await post("/v1/messages", body, headers);
    expect(res.status).toBe(status);
    const json = (await res.json()) as { type: string; error: { message: string; type: string }; request_id: string };
    expect(json.type).toBe("error");
    expect(json.error.message.startsWith(message)).toBe(true);
    expect(json.request_id).toMatch(/^req_emu_/);
    expect(res.headers.get("request-id")).toBe(json.request_id);
    const ok = await post("/v1/messages", JSON.stringify(good));
    expect(ok.status).toBe(200);
  });

  it("a body over 32 MB → 413 request_too_large, then the next request succeeds", async () => {
    const post = makePost();
    const huge = JSON.stringify({ ...good, messages: [{ role: "user", content: "x".repeat(33 * 1024 * 1024) }] });
    const res = await post("/v1/messages", huge);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { type: string } }).error.type).toBe("request_too_large");
    expect((await post("/v1/messages", JSON.stringify(good))).status).toBe(200);
  });

  it("accepts x-api-key and Bearer, 2023-06-01 and 2026-10-21, and ?beta=true", async () => {
    const post = makePost();
    expect((await post("/v1/messages?beta=true", JSON.stringify(good))).status).toBe(200);
    const bearer = { "content-type": "application/json", authorization: "Bearer sk-x", "anthropic-version": "2026-10-21" };
    expect((await post("/v1/messages", JSON.stringify(good), bearer)).status).toBe(200);
    const temp = await post("/v1/messages", JSON.stringify({ ...good, temperature: 1 }), bearer);
    expect(temp.status).toBe(400);
    expect((await post("/v1/messages", JSON.stringify({ ...good, temperature: 1 }))).status).toBe(200);
    const count = await post("/v1/messages/count_tokens?beta=true", JSON.stringify({ model: good.model, messages: good.messages }));
    expect(await count.json()).toEqual({ input_tokens: expect.any(Number) });
  });

  it("Foundry takes api-key; x-api-key wins over Bearer for the scope", async () => {
    const post = makePost();
    const foundry = { "content-type": "application/json", "api-key": "fk", "anthropic-version": "2023-06-01" };
    expect((await post("/anthropic/v1/messages", JSON.stringify(good), foundry)).status).toBe(200);
    expect((await post("/anthropic/v1/messages/count_tokens", JSON.stringify({ model: good.model, messages: good.messages }), foundry)).status).toBe(200);
    const body = JSON.stringify({ ...good, system: [{ type: "text", text: DOC, cache_control: cc }] });
    await post("/v1/messages", body, { ...HEADERS, "x-api-key": "scope-key" });
    const both = await post("/v1/messages", body, { ...HEADERS, "x-api-key": "scope-key", authorization: "Bearer other" });
    expect(((await both.json()) as Anthropic.Message).usage.cache_read_input_tokens).toBeGreaterThan(0);
  });

  it("Bedrock errors arrive in the AWS shape; unsigned requests (skipAuth) are served", async () => {
    const post = makePost();
    const sig = { "content-type": "application/json", authorization: "AWS4-HMAC-SHA256 Credential=AKID/20261125/us-east-1/bedrock/aws4_request, SignedHeaders=host, Signature=abc" };
    const res = await post("/model/global.anthropic.claude-sonnet-4-6/invoke", JSON.stringify({ anthropic_version: "bedrock-2023-05-31", max_tokens: 10, messages: good.messages, cache_control: cc }), sig);
    expect(res.status).toBe(400);
    expect(res.headers.get("x-amzn-errortype")).toMatch(/^ValidationException/);
    expect(await res.json()).toEqual({ message: "cache_control: Extra inputs are not permitted" });
    const anon = await post("/model/global.anthropic.claude-sonnet-4-6/invoke", JSON.stringify({ anthropic_version: "bedrock-2023-05-31", max_tokens: 10, messages: good.messages }), {});
    expect(anon.status).toBe(200);
  });
});

describe("control endpoints", () => {
  it("clock, cache, reset over HTTP: an entry expires when the clock moves 6 minutes", async () => {
    const url = spawned!.url;
    await fetch(`${url}/_emulator/reset`, { method: "POST" });
    const body = JSON.stringify({ ...good, system: [{ type: "text", text: DOC, cache_control: cc }] });
    const write = (await (await fetch(`${url}/v1/messages`, { method: "POST", body, headers: HEADERS })).json()) as Anthropic.Message;
    expect(write.usage.cache_creation_input_tokens).toBeGreaterThan(0);
    const cache = (await (await fetch(`${url}/_emulator/cache`)).json()) as { entries: Record<string, unknown>[] };
    expect(cache.entries).toHaveLength(1);
    expect(cache.entries[0]).toMatchObject({ model: "claude-sonnet-4-6", path: "system.0", ttl: "5m", hits: 0, tokens: write.usage.cache_creation_input_tokens });
    expect(JSON.stringify(cache)).not.toContain("sk-test");
    const trace = await (await fetch(`${url}/_emulator/traces/${write.id.replace(/^msg_01/, "req_emu_")}`)).json();
    expect(trace).toMatchObject({ writes: [{ path: "system.0", ttl: "5m" }], read: null, usage: { cache_creation_input_tokens: write.usage.cache_creation_input_tokens } });
    expect((await fetch(`${url}/_emulator/traces/req_emu_nope`)).status).toBe(404);
    const before = Date.parse(((await (await fetch(`${url}/_emulator/clock`)).json()) as { now: string }).now);
    const clock = await fetch(`${url}/_emulator/clock`, { method: "POST", headers: JSON_TYPE, body: JSON.stringify({ advance_seconds: 360 }) });
    const now = Date.parse(((await clock.json()) as { now: string }).now);
    expect(now - before).toBeGreaterThanOrEqual(360_000);
    expect(((await (await fetch(`${url}/_emulator/cache`)).json()) as { entries: unknown[] }).entries).toHaveLength(0);
    const again = (await (await fetch(`${url}/v1/messages`, { method: "POST", body, headers: HEADERS })).json()) as Anthropic.Message;
    expect(again.usage.cache_read_input_tokens).toBe(0);
    expect((await fetch(`${url}/_emulator/clock`, { method: "POST", headers: JSON_TYPE, body: "{}" })).status).toBe(400);
    await fetch(`${url}/_emulator/reset`, { method: "POST" });
    expect(((await (await fetch(`${url}/_emulator/cache`)).json()) as { entries: unknown[] }).entries).toHaveLength(0);
  });

  it("faults queued over HTTP are consumed in order", async () => {
    const url = spawned!.url;
    const queued = await fetch(`${url}/_emulator/faults`, {
      method: "POST",
      headers: JSON_TYPE,
      body: JSON.stringify({ faults: [{ kind: "rate_limit", retry_after_seconds: 7, should_retry: false }, { kind: "overloaded" }] }),
    });
    expect(((await queued.json()) as { queued: number }).queued).toBe(2);
    const first = await fetch(`${url}/v1/messages`, { method: "POST", body: JSON.stringify(good), headers: HEADERS });
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBe("7");
    expect(first.headers.get("x-should-retry")).toBe("false");
    const second = await fetch(`${url}/v1/messages`, { method: "POST", body: JSON.stringify(good), headers: HEADERS });
    expect(second.status).toBe(529);
    expect(await second.json()).toMatchObject({ error: { type: "overloaded_error", message: "Overloaded" } });
    expect((await fetch(`${url}/v1/messages`, { method: "POST", body: JSON.stringify(good), headers: HEADERS })).status).toBe(200);
    expect((await fetch(`${url}/_emulator/faults`, { method: "POST", headers: JSON_TYPE, body: JSON.stringify({ kind: "nope" }) })).status).toBe(400);
    // Other spellings of the same faults: `type`, a status, `count`.
    const aliases = await fetch(`${url}/_emulator/faults`, { method: "POST", headers: JSON_TYPE, body: JSON.stringify([{ type: "overloaded_error" }, { status: 429, retry_after: 2, count: 2 }]) });
    expect(((await aliases.json()) as { faults: { kind: string }[] }).faults.map((f) => f.kind)).toEqual(["overloaded", "rate_limit", "rate_limit"]);
    await fetch(`${url}/_emulator/faults`, { method: "DELETE" });
  });

  it("a stream cut over HTTP fails the SDK's stream, and the server keeps serving", async () => {
    const url = spawned!.url;
    await fetch(`${url}/_emulator/faults`, { method: "POST", headers: JSON_TYPE, body: JSON.stringify({ kind: "stream_cut", after_frames: 2 }) });
    const client = new Anthropic({ apiKey: "k", baseURL: url, maxRetries: 0 });
    await expect(client.messages.stream(good as never).finalMessage()).rejects.toThrow();
    expect((await client.messages.create(good as never)).content).toHaveLength(1);
  });
});

describe("faults through the SDK (in-process)", () => {
  const setup = () => {
    const emulator = createEmulator();
    const client = new Anthropic({ apiKey: "k", baseURL: "http://emulator.invalid", fetch: emulator.fetch, maxRetries: 0 });
    return { emulator, client };
  };

  it("429 with retry-after → RateLimitError", async () => {
    const { emulator, client } = setup();
    emulator.queueFault({ kind: "rate_limit", retryAfterSeconds: 3, shouldRetry: false });
    const err = (await client.messages.create(good as never).catch((e: unknown) => e)) as InstanceType<typeof Anthropic.RateLimitError>;
    expect(err).toBeInstanceOf(Anthropic.RateLimitError);
    expect(err.headers?.get("retry-after")).toBe("3");
  });

  it("x-should-retry: false stops the SDK's retries", async () => {
    const emulator = createEmulator();
    const client = new Anthropic({ apiKey: "k", baseURL: "http://emulator.invalid", fetch: emulator.fetch, maxRetries: 2 });
    emulator.queueFault({ kind: "server_error", shouldRetry: false });
    await expect(client.messages.create(good as never)).rejects.toBeInstanceOf(Anthropic.InternalServerError);
    expect(emulator.faults()).toHaveLength(0);
  });

  it("504 timeout_error", async () => {
    const { emulator, client } = setup();
    emulator.queueFault({ kind: "timeout", shouldRetry: false });
    await expect(client.messages.create(good as never)).rejects.toMatchObject({ status: 504 });
  });

  it("500 and 529", async () => {
    const { emulator, client } = setup();
    emulator.queueFault({ kind: "server_error" });
    emulator.queueFault({ kind: "overloaded" });
    await expect(client.messages.create(good as never)).rejects.toMatchObject({ status: 500 });
    await expect(client.messages.create(good as never)).rejects.toMatchObject({ status: 529 });
  });

  it("faults filtered by provider wait for a matching request", async () => {
    const { emulator, client } = setup();
    emulator.queueFault({ kind: "server_error", provider: "bedrock" });
    expect((await client.messages.create(good as never)).type).toBe("message");
    expect(emulator.faults()).toHaveLength(1);
  });

  it("a stream cut mid-way (connection error, or an SSE error event); JSON requests leave it queued", async () => {
    const { emulator, client } = setup();
    emulator.queueFault({ kind: "stream_cut", afterFrames: 2 });
    expect((await client.messages.create(good as never)).type).toBe("message");
    await expect(client.messages.stream(good as never).finalMessage()).rejects.toThrow();
    emulator.queueFault({ kind: "stream_cut", afterFrames: 3, cut: "error" });
    await expect(client.messages.stream(good as never).finalMessage()).rejects.toThrow();
    emulator.queueFault({ kind: "stream_cut", afterFrames: 3, cut: "event" });
    await expect(client.messages.stream(good as never).finalMessage()).rejects.toThrow(/Overloaded/);
  });

  it("a connection error and a delay past the client's timeout", async () => {
    const { emulator, client } = setup();
    emulator.queueFault({ kind: "connection_error" });
    await expect(client.messages.create(good as never)).rejects.toBeInstanceOf(Anthropic.APIConnectionError);
    emulator.queueFault({ kind: "delay", delayMs: 2_000 });
    const started = Date.now();
    await expect(client.messages.create(good as never, { timeout: 100 })).rejects.toBeInstanceOf(Anthropic.APIConnectionTimeoutError);
    expect(Date.now() - started).toBeLessThan(1_500);
  });
});

describe("Bedrock stream framing", () => {
  it("the SDK reads both the AWS EventStream (default) and plain SSE", async () => {
    const { AnthropicBedrock } = await import("@anthropic-ai/bedrock-sdk");
    for (const framing of ["eventstream", "sse"] as const) {
      const emulator = createEmulator({ latencyScale: 0, bedrockStreamFraming: framing });
      let contentType = "";
      const client = new AnthropicBedrock({
        awsAccessKey: "AKID",
        awsSecretKey: "s",
        awsRegion: "us-east-1",
        baseURL: "http://emulator.invalid",
        maxRetries: 0,
        fetch: async (input, init) => {
          const res = await emulator.fetch(input as string, init);
          contentType = res.headers.get("content-type") ?? "";
          return res;
        },
      });
      // Opus 4.7 takes API version 2026-10-21, the one the 1.x Bedrock SDK sends by default (docs/reference/anthropic-caching.md §5.3).
      const final = await client.messages.stream({ model: "global.anthropic.claude-opus-4-7", max_tokens: 50, messages: [{ role: "user", content: "hi" }] }).finalMessage();
      expect(final.content[0]).toMatchObject({ type: "text" });
      expect(contentType).toContain(framing === "eventstream" ? "application/vnd.amazon.eventstream" : "text/event-stream");
    }
  });
});

describe("held responses and concurrency (docs/reference/anthropic-caching.md §1.9)", () => {
  const withCache = { ...good, system: [{ type: "text", text: DOC, cache_control: cc }] };
  const client = (e: Emulator) => new Anthropic({ apiKey: "k", baseURL: "http://emulator.invalid", fetch: e.fetch, maxRetries: 0 });

  it("parallel first requests all write; the next one reads", async () => {
    const emulator = createEmulator({ latencyScale: 0.05 });
    const c = client(emulator);
    const parallel = await Promise.all([1, 2, 3].map(() => c.messages.create(withCache as never)));
    for (const m of parallel) expect(m.usage.cache_creation_input_tokens).toBeGreaterThan(0);
    expect((await c.messages.create(withCache as never)).usage.cache_read_input_tokens).toBeGreaterThan(0);
  });

  it("over HTTP too: five requests fired together all write, the next one reads", async () => {
    const body = JSON.stringify({ ...withCache, messages: [{ role: "user", content: "parallel over http" }], system: [{ type: "text", text: `${DOC} http`, cache_control: cc }] });
    const post = () => fetch(`${spawned!.url}/v1/messages`, { method: "POST", body, headers: HEADERS }).then((r) => r.json() as Promise<Anthropic.Message>);
    const parallel = await Promise.all([1, 2, 3, 4, 5].map(post));
    for (const m of parallel) expect(m.usage.cache_creation_input_tokens).toBeGreaterThan(0);
    expect((await post()).usage.cache_read_input_tokens).toBeGreaterThan(0);
  });

  it("a request sent once the first response has begun reads the entry", async () => {
    const emulator = createEmulator({ latencyScale: 0.05 });
    const c = client(emulator);
    const stream = await c.messages.create({ ...(withCache as Anthropic.MessageCreateParamsNonStreaming), stream: true });
    const second = await c.messages.create(withCache as never);
    expect(second.usage.cache_read_input_tokens).toBeGreaterThan(0);
    for await (const _ of stream) void _;
  });

  it("hold: false answers at once for a one-at-a-time caller, with the same usage and modelled latency", async () => {
    // latencyScale 1 holds a write for its whole modelled TTFT (hundreds of ms); unheld, it answers at once.
    const held = createEmulator({ latencyScale: 1, startTime: Date.UTC(2026, 0, 1) });
    const unheld = createEmulator({ latencyScale: 1, startTime: Date.UTC(2026, 0, 1) });
    const fetchUnheld = (input: string | URL | Request, init?: RequestInit) => unheld.handle(new Request(input, init), { hold: false });
    const c = new Anthropic({ apiKey: "k", baseURL: "http://emulator.invalid", fetch: fetchUnheld, maxRetries: 0 });
    const start = performance.now();
    const write = await c.messages.create(withCache as never).withResponse();
    const read = await c.messages.create(withCache as never).withResponse();
    const ttft = Number(write.response.headers.get("x-cachelab-ttft-ms"));
    expect(ttft).toBeGreaterThan(300);
    expect(performance.now() - start).toBeLessThan(ttft);
    expect(read.data.usage.cache_read_input_tokens).toBe(write.data.usage.cache_creation_input_tokens);
    const reference = client(held);
    const heldWrite = await reference.messages.create(withCache as never).withResponse();
    expect(heldWrite.data.usage).toEqual(write.data.usage);
    expect(heldWrite.response.headers.get("x-cachelab-ttft-ms")).toBe(String(ttft));
  });

  it("responses carry the modelled latency, and traces say which breakpoint read and wrote", async () => {
    const emulator = createEmulator({ latencyScale: 0 });
    const c = client(emulator);
    const write = await c.messages.create(withCache as never).withResponse();
    const read = await c.messages.create(withCache as never).withResponse();
    const ttft = (r: typeof write) => Number(r.response.headers.get("x-cachelab-ttft-ms"));
    expect(ttft(read)).toBeLessThan(ttft(write));
    expect(Number(read.response.headers.get("x-cachelab-duration-ms"))).toBeGreaterThan(ttft(read));
    const trace = emulator.trace(read.request_id!)!;
    expect(trace.read).toMatchObject({ position: 0, path: "system.0", writtenBy: write.request_id });
    expect(emulator.trace(write.request_id!)!.writes).toMatchObject([{ position: 0, path: "system.0", ttl: "5m" }]);
    expect(trace.latency.ttftMs).toBe(ttft(read));
  });

  it("the virtual clock: advanceClock moves time without waiting; reset clears everything", async () => {
    const emulator = createEmulator({ latencyScale: 0, startTime: Date.UTC(2026, 0, 1) });
    const c = client(emulator);
    await c.messages.create(withCache as never);
    expect(emulator.entries()).toHaveLength(1);
    const t = emulator.advanceClock(299);
    expect(t).toBeGreaterThanOrEqual(Date.UTC(2026, 0, 1) + 299_000);
    expect((await c.messages.create(withCache as never)).usage.cache_read_input_tokens).toBeGreaterThan(0);
    emulator.advanceClock(301);
    expect((await c.messages.create(withCache as never)).usage.cache_read_input_tokens).toBe(0);
    emulator.reset();
    expect(emulator.entries()).toHaveLength(0);
    expect(emulator.now()).toBeLessThan(Date.UTC(2026, 0, 1) + 60_000);
  });
});

// The in-process fetch hands a string body to the engine without the UTF-8 round trip through the
// Request's stream (api.ts readBody); these are the bodies where that round trip changes something.
// Each must answer exactly as the same Request read through its stream does (Emulator.handle).
describe("in-process fetch with a string body answers as the body read from its stream", () => {
  const EDGE_BODIES: [string, string, number?][] = [
    // A leading byte order mark is dropped by UTF-8 decode (https://encoding.spec.whatwg.org/#utf-8-decode).
    ["a leading byte order mark", `\uFEFF${JSON.stringify(good)}`],
    // A lone surrogate becomes U+FFFD in UTF-8, so the text (and its cache key) is the replaced one.
    // (JSON.stringify escapes it, so it is put into the body text raw.)
    ["a lone surrogate in a cached block", userBlocks({ type: "text", text: `${DOC}LONE`, cache_control: cc }).replace("LONE", "\uD800")],
    // 2-byte characters: under the limit in UTF-16 units, over it in bytes.
    ["a body over the limit in bytes only", JSON.stringify({ ...good, messages: [{ role: "user", content: "é".repeat(600) }] }), 1000],
  ];
  it.each(EDGE_BODIES)("%s", async (_name, body, maxBodyBytes) => {
    const options = { latencyScale: 0, startTime: Date.UTC(2026, 10, 25), ...(maxBodyBytes ? { maxBodyBytes } : {}) };
    const viaFetch = createEmulator(options);
    const viaStream = createEmulator(options);
    const url = "http://emulator.invalid/v1/messages";
    const answers = [];
    for (let turn = 0; turn < 2; turn++) {
      const a = await viaFetch.fetch(url, { method: "POST", body, headers: HEADERS });
      const b = await viaStream.handle(new Request(url, { method: "POST", body, headers: HEADERS }));
      answers.push([a.status, await a.text()], [b.status, await b.text()]);
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[2]).toEqual(answers[3]);
    expect(viaFetch.entries().map((e) => e.key)).toEqual(viaStream.entries().map((e) => e.key));
  });
});
