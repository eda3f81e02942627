// The official SDKs, unchanged, against the emulator: in-process (the SDK's `fetch`) and over HTTP
// (the standalone server spawned as `cachelab emulate --port 0`). Never a mock, never the network.
import Anthropic from "@anthropic-ai/sdk";
import { AnthropicBedrock } from "@anthropic-ai/bedrock-sdk";
import { AnthropicVertex } from "@anthropic-ai/vertex-sdk";
import { AnthropicFoundry } from "@anthropic-ai/foundry-sdk";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { spawnEmulator, type SpawnedEmulator } from "./testing/spawn";
import { createEmulator } from "./transport";

const DOC = "The quick brown fox jumps over the lazy dog while the cache keeps every prefix warm. ".repeat(250);

const params = (question = "What does the document say?") => ({
  model: "claude-sonnet-4-6",
  max_tokens: 100,
  system: [{ type: "text" as const, text: DOC, cache_control: { type: "ephemeral" as const } }],
  messages: [{ role: "user" as const, content: question }],
});

interface Target {
  origin: string;
  fetch?: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  reset: () => Promise<void>;
}

const inProcess = (): Target => {
  const emulator = createEmulator();
  return { origin: "http://emulator.invalid", fetch: emulator.fetch, reset: async () => emulator.reset() };
};

let spawned: SpawnedEmulator | undefined;
beforeAll(async () => {
  spawned = await spawnEmulator();
});
afterAll(async () => {
  await spawned?.stop();
});
const overHttp = (): Target => ({
  origin: spawned!.url,
  reset: async () => {
    await fetch(`${spawned!.url}/_emulator/reset`, { method: "POST" });
  },
});

const sumInput = (u: Anthropic.Usage) => u.input_tokens + (u.cache_creation_input_tokens ?? 0) + (u.cache_read_input_tokens ?? 0);

describe.each([
  ["in-process fetch", inProcess],
  ["standalone server", overHttp],
])("official SDKs against the %s", (_name, makeTarget) => {
  let target: Target;
  beforeEach(async () => {
    target = makeTarget();
    await target.reset();
  });
  const common = () => ({ maxRetries: 0, ...(target.fetch ? { fetch: target.fetch } : {}) });

  it("@anthropic-ai/sdk: create writes, create reads, the parts add up to countTokens", async () => {
    const client = new Anthropic({ apiKey: "sk-test-1", baseURL: target.origin, ...common() });
    const count = await client.messages.countTokens({ model: "claude-sonnet-4-6", system: params().system, messages: params().messages });
    const first = await client.messages.create(params());
    const second = await client.messages.create(params());
    expect(first.usage.cache_creation_input_tokens).toBeGreaterThan(1024);
    expect(first.usage.cache_read_input_tokens).toBe(0);
    expect(second.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
    expect(second.usage.cache_creation_input_tokens).toBe(0);
    expect(second.usage.cache_creation).toEqual({ ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 });
    expect(sumInput(first.usage)).toBe(count.input_tokens);
    expect(sumInput(second.usage)).toBe(count.input_tokens);
    expect(first._request_id).toMatch(/^req_emu_/);
    expect(first.content[0]).toMatchObject({ type: "text" });
  });

  it("@anthropic-ai/sdk: stream carries the cache usage in message_start and the final message", async () => {
    const client = new Anthropic({ apiKey: "sk-test-2", baseURL: target.origin, ...common() });
    const write = await client.messages.create(params());
    const stream = client.messages.stream(params("Again?"));
    let startUsage: Anthropic.Usage | undefined;
    stream.on("streamEvent", (event) => {
      if (event.type === "message_start") startUsage = event.message.usage;
    });
    const final = await stream.finalMessage();
    expect(startUsage?.cache_read_input_tokens).toBe(write.usage.cache_creation_input_tokens);
    expect(final.usage.cache_read_input_tokens).toBe(write.usage.cache_creation_input_tokens);
    expect(final.usage.output_tokens).toBeGreaterThan(1);
    expect(await stream.finalText()).toContain("Again?");
  });

  it("@anthropic-ai/sdk: the workspace header is the scope; without it, the key", async () => {
    const ws = (key: string, workspace: string) =>
      new Anthropic({ apiKey: key, baseURL: target.origin, defaultHeaders: { "anthropic-workspace-id": workspace }, ...common() });
    await ws("key-a", "wrkspc_1").messages.create(params());
    expect((await ws("key-b", "wrkspc_1").messages.create(params())).usage.cache_read_input_tokens).toBeGreaterThan(0);
    expect((await ws("key-a", "wrkspc_2").messages.create(params())).usage.cache_read_input_tokens).toBe(0);
    const plain = (key: string) => new Anthropic({ apiKey: key, baseURL: target.origin, ...common() });
    await plain("key-c").messages.create(params());
    expect((await plain("key-d").messages.create(params())).usage.cache_read_input_tokens).toBe(0);
  });

  it("@anthropic-ai/bedrock-sdk (SigV4): invoke writes, invoke-with-response-stream reads", async () => {
    const client = new AnthropicBedrock({ awsAccessKey: "AKIDEXAMPLE", awsSecretKey: "secret", awsRegion: "us-east-1", baseURL: target.origin, ...common() });
    // The 1.x SDK sends anthropic_version 2026-10-21 unless the body names one; Sonnet 4.6 on
    // Bedrock takes only bedrock-2023-05-31 (docs/reference/anthropic-caching.md §5.3), as CacheLab's bodies say.
    const p = { ...params(), model: "global.anthropic.claude-sonnet-4-6", anthropic_version: "bedrock-2023-05-31" } as ReturnType<typeof params>;
    const first = await client.messages.create(p);
    expect(first.id).toMatch(/^msg_bdrk_/);
    expect(first.usage.cache_creation_input_tokens).toBeGreaterThan(1024);
    const final = await client.messages.stream(p).finalMessage();
    expect(final.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
    // The access key id is the organization scope; a Bedrock API key is another one.
    const other = new AnthropicBedrock({ apiKey: "bedrock-api-key", awsRegion: "us-east-1", baseURL: target.origin, ...common() });
    expect((await other.messages.create(p)).usage.cache_read_input_tokens).toBe(0);
    const unsigned = new AnthropicBedrock({ skipAuth: true, awsRegion: "us-east-1", baseURL: target.origin, ...common() });
    expect((await unsigned.messages.create(p)).usage.cache_creation_input_tokens).toBeGreaterThan(0);
  });

  it("@anthropic-ai/vertex-sdk: rawPredict, streamRawPredict and count-tokens", async () => {
    const client = new AnthropicVertex({
      region: "us-east5",
      projectId: "my-project",
      baseURL: `${target.origin}/v1`,
      authClient: { getRequestHeaders: async () => new Headers({ authorization: "Bearer t" }) } as never,
      ...common(),
    });
    const count = await client.messages.countTokens({ model: "claude-sonnet-4-6", system: params().system, messages: params().messages });
    const first = await client.messages.create(params());
    expect(first.id).toMatch(/^msg_vrtx_/);
    const final = await client.messages.stream(params()).finalMessage();
    expect(final.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
    expect(sumInput(final.usage)).toBe(count.input_tokens);
  });

  it("@anthropic-ai/vertex-sdk: a top-level cache_control (automatic caching) is a 400 in Vertex's shape", async () => {
    // Automatic caching is not available on Vertex: "cache_control: Extra inputs are not permitted"
    // (docs/reference/vendors.md §3; https://github.com/UKGovernmentBEIS/inspect_ai/pull/3851,
    // https://github.com/vercel/ai/pull/13986). Vertex passes Anthropic's error body through, with a
    // req_vrtx_ request id (docs/reference/anthropic-caching.md §6.3; https://github.com/BerriAI/litellm/issues/14293).
    const client = new AnthropicVertex({
      region: "us-east5",
      projectId: "my-project",
      baseURL: `${target.origin}/v1`,
      authClient: { getRequestHeaders: async () => new Headers({ authorization: "Bearer t" }) } as never,
      ...common(),
    });
    const { system: _cached, ...rest } = params();
    const automatic = { ...rest, system: DOC, cache_control: { type: "ephemeral" as const } };
    for (const attempt of [() => client.messages.create(automatic), () => client.messages.stream(automatic).finalMessage()]) {
      const err = await attempt().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Anthropic.BadRequestError);
      const e = err as InstanceType<typeof Anthropic.BadRequestError>;
      expect(e.status).toBe(400);
      expect(e.error).toMatchObject({ type: "error", error: { type: "invalid_request_error", message: "cache_control: Extra inputs are not permitted" } });
      expect(e.requestID).toMatch(/^req_vrtx_/);
    }
    // Nothing was cached, and the same prompt with a block-level breakpoint is served.
    expect((await client.messages.create(params())).usage.cache_read_input_tokens).toBe(0);
  });

  it("@anthropic-ai/foundry-sdk: messages and count_tokens under /anthropic", async () => {
    const client = new AnthropicFoundry({ apiKey: "foundry-key", baseURL: `${target.origin}/anthropic/`, ...common() });
    const count = await client.messages.countTokens({ model: "claude-sonnet-4-6", system: params().system, messages: params().messages });
    const first = await client.messages.create(params());
    const second = await client.messages.create(params());
    expect(second.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
    expect(sumInput(second.usage)).toBe(count.input_tokens);
  });

  it("@anthropic-ai/sdk: a forced tool call streams as input_json_delta and parses back", async () => {
    const client = new Anthropic({ apiKey: "sk-test-4", baseURL: target.origin, ...common() });
    const tools = [{ name: "final_result", input_schema: { type: "object" as const, properties: { answer: { type: "string" } }, required: ["answer"] } }];
    const final = await client.messages
      .stream({ ...params(), tools, tool_choice: { type: "tool", name: "final_result" } })
      .finalMessage();
    expect(final.stop_reason).toBe("tool_use");
    expect(final.content[0]).toMatchObject({ type: "tool_use", name: "final_result", input: { answer: "" } });
  });

  it("an API error reaches the SDK as its typed error with the request id", async () => {
    const client = new Anthropic({ apiKey: "sk-test-3", baseURL: target.origin, ...common() });
    const cc = { type: "ephemeral" as const };
    const err = await client.messages
      .create({
        model: "claude-sonnet-4-6",
        max_tokens: 10,
        messages: [{ role: "user", content: ["a", "b", "c", "d", "e"].map((text) => ({ type: "text" as const, text, cache_control: cc })) }],
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.BadRequestError);
    const e = err as InstanceType<typeof Anthropic.BadRequestError>;
    expect(e.status).toBe(400);
    expect(e.message).toContain("A maximum of 4 blocks with cache_control may be provided. Found 5.");
    expect(e.requestID).toMatch(/^req_emu_/);
    const notFound = await client.messages.create({ ...params(), model: "claude-nope" }).catch((x: unknown) => x);
    expect(notFound).toBeInstanceOf(Anthropic.NotFoundError);
  });
});
