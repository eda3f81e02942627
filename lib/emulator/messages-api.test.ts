// The Messages API's surface beyond caching, as documented: what API version 2026-10-21 refuses
// (https://platform.claude.com/docs/en/api/versioning, docs/reference/anthropic-caching.md §5.3) and the response
// headers with the emulated rate limits (https://platform.claude.com/docs/en/api/rate-limits, §5.6).
// Driven through @anthropic-ai/sdk (which sends 2026-10-21) and raw fetch (2023-06-01).
import Anthropic from "@anthropic-ai/sdk";
import { describe, expect, it } from "vitest";
import { DEFAULT_RATE_LIMITS } from "./ratelimit";
import { startEmulatorServer } from "./server";
import { createEmulator, type EmulatorOptions } from "./transport";

const V2023 = { "content-type": "application/json", "x-api-key": "sk-api", "anthropic-version": "2023-06-01" };
const doc = { type: "document", source: { type: "text", media_type: "text/plain", data: "The handbook." } };
const cited = { type: "text", text: "As the handbook says.", citations: [{ type: "char_location", cited_text: "The handbook.", document_index: 0, document_title: null, start_char_index: 0, end_char_index: 13 }] };

function setup(options: EmulatorOptions = {}) {
  const emulator = createEmulator({ latencyScale: 0, ...options });
  const client = new Anthropic({ apiKey: "sk-api", baseURL: "http://emulator.invalid", fetch: emulator.fetch, maxRetries: 0 });
  const raw = (body: unknown, path = "/v1/messages") => emulator.fetch(`http://emulator.invalid${path}`, { method: "POST", headers: V2023, body: JSON.stringify(body) });
  return { emulator, client, raw };
}

const request = (messages: unknown[]) => ({ model: "claude-sonnet-4-6", max_tokens: 20, messages }) as Anthropic.MessageCreateParamsNonStreaming;

describe("API version 2026-10-21 refuses what the versioning page lists; 2023-06-01 keeps accepting it", () => {
  const assistantDocument = [
    { role: "user", content: "Quote the handbook." },
    { role: "assistant", content: [doc] },
    { role: "user", content: "Thanks." },
  ];
  const userCitations = [{ role: "user", content: [cited] }];
  const insideSearchResult = [
    { role: "user", content: [{ type: "search_result", source: "https://example.com/h", title: "Handbook", content: [cited] }] },
  ];

  it.each([
    ["a document block in an assistant message", assistantDocument, "messages.1.content.0: a document block cannot be placed in an assistant message"],
    ["a user text block with non-empty citations", userCitations, "messages.0.content.0.text.citations: a text block in a user message cannot carry citations"],
    ["the same inside a search_result block", insideSearchResult, "messages.0.content.0.search_result.content.0.citations: a text block in a user message cannot carry citations"],
  ])("%s: 400 invalid_request_error naming the block under 2026-10-21 (messages and count_tokens), 200 under 2023-06-01", async (_case, messages, message) => {
    const { client, raw } = setup();
    const refused = (await client.messages.create(request(messages)).catch((e: unknown) => e)) as InstanceType<typeof Anthropic.BadRequestError>;
    expect(refused).toBeInstanceOf(Anthropic.BadRequestError);
    expect(refused.error).toMatchObject({ type: "error", error: { type: "invalid_request_error", message: expect.stringContaining(message) } });
    await expect(client.messages.countTokens({ model: "claude-sonnet-4-6", messages: messages as never })).rejects.toBeInstanceOf(Anthropic.BadRequestError);
    expect((await raw(request(messages))).status).toBe(200);
  });

  it("empty citations, and citations on assistant text, stay accepted under 2026-10-21", async () => {
    const { client } = setup();
    await expect(client.messages.create(request([{ role: "user", content: [{ ...cited, citations: [] }] }]))).resolves.toMatchObject({ type: "message" });
    const answer = [{ role: "user", content: [doc, { type: "text", text: "Quote it." }] }, { role: "assistant", content: [cited] }, { role: "user", content: "Thanks." }];
    await expect(client.messages.create(request(answer))).resolves.toMatchObject({ type: "message" });
  });

  it("Vertex's body version 2026-10-21 applies the same rule", async () => {
    const { emulator } = setup();
    const res = await emulator.fetch("http://emulator.invalid/v1/projects/p/locations/global/publishers/anthropic/models/claude-sonnet-4-6:rawPredict", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer t" },
      body: JSON.stringify({ anthropic_version: "2026-10-21", max_tokens: 20, messages: userCitations }),
    });
    expect(res.status).toBe(400);
  });
});

describe("response headers and the emulated rate limit (https://platform.claude.com/docs/en/api/rate-limits)", () => {
  const hello = request([{ role: "user", content: "hello" }]);
  const FAMILIES = ["requests", "tokens", "input-tokens", "output-tokens"];
  const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

  it("every Messages response carries request-id, anthropic-organization-id and the anthropic-ratelimit-* family (limit, remaining, reset)", async () => {
    const { client } = setup({ rateLimits: { requestsPerMinute: 50, inputTokensPerMinute: 40_000, outputTokensPerMinute: 8_000 } });
    const { response, request_id } = await client.messages.create(hello).withResponse();
    const h = response.headers;
    expect(h.get("request-id")).toMatch(/^req_/);
    expect(request_id).toBe(h.get("request-id"));
    expect(h.get("anthropic-organization-id")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    for (const family of FAMILIES) {
      expect(Number(h.get(`anthropic-ratelimit-${family}-limit`))).toBeGreaterThan(0);
      expect(h.get(`anthropic-ratelimit-${family}-remaining`)).toMatch(/^\d+$/);
      expect(h.get(`anthropic-ratelimit-${family}-reset`)).toMatch(RFC3339);
    }
    expect(h.get("anthropic-ratelimit-requests-limit")).toBe("50");
    expect(h.get("anthropic-ratelimit-requests-remaining")).toBe("49");
    expect(h.get("anthropic-ratelimit-input-tokens-limit")).toBe("40000");
    // Token "remaining" values are rounded to the nearest thousand.
    expect(Number(h.get("anthropic-ratelimit-input-tokens-remaining")) % 1000).toBe(0);
    expect(h.get("anthropic-ratelimit-output-tokens-limit")).toBe("8000");
    const again = await client.messages.create(hello).withResponse();
    expect(again.response.headers.get("anthropic-ratelimit-requests-remaining")).toBe("48");
    expect(again.response.headers.get("anthropic-organization-id")).toBe(h.get("anthropic-organization-id"));
  });

  it("requests per minute used up: 429 rate_limit_error with retry-after, until the bucket refills on the emulator's clock", async () => {
    const { client, emulator } = setup({ rateLimits: { requestsPerMinute: 2, inputTokensPerMinute: 1_000_000, outputTokensPerMinute: 1_000_000 } });
    await client.messages.create(hello);
    await client.messages.create(hello);
    const limited = (await client.messages.create(hello).catch((e: unknown) => e)) as InstanceType<typeof Anthropic.RateLimitError>;
    expect(limited).toBeInstanceOf(Anthropic.RateLimitError);
    expect(limited.error).toMatchObject({ error: { type: "rate_limit_error" } });
    const retryAfter = Number(limited.headers?.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(30);
    expect(limited.headers?.get("anthropic-ratelimit-requests-remaining")).toBe("0");
    emulator.advanceClock(retryAfter);
    await expect(client.messages.create(hello)).resolves.toMatchObject({ type: "message" });
  });

  it("input tokens per minute count input and cache writes, not cache reads", async () => {
    const { client } = setup({ minCacheableTokens: 1, rateLimits: { requestsPerMinute: 1000, inputTokensPerMinute: 100_000, outputTokensPerMinute: 100_000 } });
    const cached = {
      ...hello,
      system: [{ type: "text" as const, text: "The handbook. ".repeat(2000), cache_control: { type: "ephemeral" as const } }],
    };
    const write = await client.messages.create(cached).withResponse();
    const afterWrite = Number(write.response.headers.get("anthropic-ratelimit-input-tokens-remaining"));
    expect(100_000 - afterWrite).toBeGreaterThanOrEqual(Math.floor((write.data.usage.cache_creation_input_tokens! + write.data.usage.input_tokens) / 1000) * 1000 - 1000);
    const read = await client.messages.create(cached).withResponse();
    expect(read.data.usage.cache_read_input_tokens).toBeGreaterThan(4000);
    const afterRead = Number(read.response.headers.get("anthropic-ratelimit-input-tokens-remaining"));
    expect(afterWrite - afterRead).toBeLessThan(1000);
  });

  it("input tokens used up: the next request gets 429 with retry-after", async () => {
    const { client } = setup({ rateLimits: { requestsPerMinute: 1000, inputTokensPerMinute: 1_000, outputTokensPerMinute: 100_000 } });
    await client.messages.create(request([{ role: "user", content: "word ".repeat(3000) }]));
    const limited = (await client.messages.create(hello).catch((e: unknown) => e)) as InstanceType<typeof Anthropic.RateLimitError>;
    expect(limited).toBeInstanceOf(Anthropic.RateLimitError);
    expect(Number(limited.headers?.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(limited.headers?.get("anthropic-ratelimit-input-tokens-remaining")).toBe("0");
  });

  it("cachelab emulate's server has DEFAULT_RATE_LIMITS on unless told otherwise; createEmulator (in-process) has none", async () => {
    const server = await startEmulatorServer({ port: 0, latencyScale: 0 });
    try {
      const { response } = await new Anthropic({ apiKey: "sk-api", baseURL: server.url, maxRetries: 0 }).messages.create(hello).withResponse();
      expect(response.headers.get("anthropic-ratelimit-requests-limit")).toBe(String(DEFAULT_RATE_LIMITS.requestsPerMinute));
      expect(response.headers.get("anthropic-ratelimit-input-tokens-limit")).toBe(String(DEFAULT_RATE_LIMITS.inputTokensPerMinute));
    } finally {
      await server.close();
    }
    const { response } = await setup().client.messages.create(hello).withResponse();
    expect(response.headers.get("anthropic-ratelimit-requests-limit")).toBeNull();
  });

  it("rateLimits: null turns the limit and its headers off", async () => {
    const { client } = setup({ rateLimits: null });
    const { response } = await client.messages.create(hello).withResponse();
    expect(response.headers.get("anthropic-ratelimit-requests-limit")).toBeNull();
    expect(response.headers.get("anthropic-organization-id")).toMatch(/-/);
  });
});
