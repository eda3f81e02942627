// Surfaces beyond the Messages call itself, as documented: cache diagnostics on the Claude API
// (https://platform.claude.com/docs/en/build-with-claude/cache-diagnostics, docs/reference/anthropic-caching.md
// §1.12), the models endpoint (§5.1, https://platform.claude.com/docs/en/api/models-list; Foundry and Mantle
// have none, §6.2, §6.4), and Claude in Amazon Bedrock ("Mantle", §6.2, §7.3) as its own surface. Driven
// through the official SDKs against the in-process fetch and `cachelab emulate`.
import Anthropic from "@anthropic-ai/sdk";
import { AnthropicBedrock, AnthropicBedrockMantle } from "@anthropic-ai/bedrock-sdk";
import { AnthropicFoundry } from "@anthropic-ai/foundry-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnEmulator, type SpawnedEmulator } from "./testing/spawn";
import { createEmulator } from "./transport";

type Params = Anthropic.MessageCreateParamsNonStreaming;
const cc = { type: "ephemeral" as const };
const text = (seed: string, words = 150) => Array.from({ length: words }, (_, i) => (i % 10 === 0 ? seed : "context")).join(" ");
const tool = (name: string): Anthropic.Tool => ({ name, description: text(`tool ${name}`), input_schema: { type: "object", properties: {} } });

const turn = (question = "What does it say?"): Params => ({
  model: "claude-sonnet-4-6",
  max_tokens: 50,
  tools: [{ ...tool("search"), cache_control: cc }],
  system: [{ type: "text", text: text("You answer from the handbook."), cache_control: cc }],
  messages: [{ role: "user", content: [{ type: "text", text: text(question), cache_control: cc }] }],
});

function inProcess() {
  const emulator = createEmulator({ latencyScale: 0, minCacheableTokens: 1 });
  const client = new Anthropic({ apiKey: "sk-surfaces", baseURL: "http://emulator.invalid", fetch: emulator.fetch, maxRetries: 0 });
  return { emulator, client };
}

describe("cache diagnostics on the Claude API", () => {
  const withDiagnostics = (p: Params, previous: string | null): Params => ({ ...p, diagnostics: { previous_message_id: previous } }) as Params;
  type Diagnosed = Anthropic.Message & { diagnostics: { cache_miss_reason: Record<string, unknown> | null } | null };
  const create = async (client: Anthropic, p: Params) => (await client.messages.create(p)) as Diagnosed;

  it("opting in with previous_message_id null returns diagnostics null; an unchanged or appended request returns null too", async () => {
    const { client } = inProcess();
    const first = await create(client, withDiagnostics(turn(), null));
    expect(first.diagnostics).toBeNull();
    const same = await create(client, withDiagnostics(turn(), first.id));
    expect(same.diagnostics).toBeNull();
    const appended = turn();
    appended.messages.push({ role: "assistant", content: "It says hello." }, { role: "user", content: "And then?" });
    expect((await create(client, withDiagnostics(appended, same.id))).diagnostics).toBeNull();
  });

  it.each([
    ["system_changed", (p: Params) => ({ ...p, system: [{ type: "text", text: text("You answer briefly."), cache_control: cc }] }) as Params],
    ["tools_changed", (p: Params) => ({ ...p, tools: [tool("other"), ...p.tools!] })],
    ["model_changed", (p: Params) => ({ ...p, model: "claude-opus-4-6" })],
    ["model_changed", (p: Params) => ({ ...p, speed: "fast" }) as Params],
    ["messages_changed", (p: Params) => ({ ...p, messages: [{ role: "user", content: [{ type: "text", text: text("Another question"), cache_control: cc }] }] }) as Params],
  ])("%s: the first divergence, with the tokens that would have been read had the prefix matched", async (reason, change) => {
    const { client } = inProcess();
    const first = await create(client, withDiagnostics(turn(), null));
    const cached = first.usage.cache_creation_input_tokens! + first.usage.cache_read_input_tokens!;
    const second = await create(client, withDiagnostics(change(turn()), first.id));
    expect(second.diagnostics).toEqual({ cache_miss_reason: { type: reason, cache_missed_input_tokens: cached - second.usage.cache_read_input_tokens! } });
    expect((second.diagnostics!.cache_miss_reason as { cache_missed_input_tokens: number }).cache_missed_input_tokens).toBeGreaterThan(0);
  });

  it("unavailable: model, system and tools match but another prompt-affecting parameter (tool_choice, thinking) differs", async () => {
    const { client } = inProcess();
    const first = await create(client, withDiagnostics(turn(), null));
    const second = await create(client, withDiagnostics({ ...turn(), tool_choice: { type: "any" } }, first.id));
    expect(second.diagnostics).toEqual({ cache_miss_reason: { type: "unavailable" } });
  });

  it("previous_message_not_found: an unknown id, a previous request that did not opt in, another workspace", async () => {
    const { client, emulator } = inProcess();
    expect((await create(client, withDiagnostics(turn(), "msg_01unknown"))).diagnostics).toEqual({ cache_miss_reason: { type: "previous_message_not_found" } });
    const notOptedIn = await create(client, turn());
    expect(notOptedIn.diagnostics).toBeNull();
    expect((await create(client, withDiagnostics(turn(), notOptedIn.id))).diagnostics).toEqual({ cache_miss_reason: { type: "previous_message_not_found" } });
    const optedIn = await create(client, withDiagnostics(turn(), null));
    const otherWorkspace = new Anthropic({ apiKey: "sk-other", baseURL: "http://emulator.invalid", fetch: emulator.fetch, maxRetries: 0 });
    expect((await create(otherWorkspace, withDiagnostics(turn(), optedIn.id))).diagnostics).toEqual({ cache_miss_reason: { type: "previous_message_not_found" } });
  });

  it("in the stream: message_start carries the diagnostics object, and the SDK's final message has it", async () => {
    const { client, emulator } = inProcess();
    const first = await create(client, withDiagnostics(turn(), null));
    const changed = withDiagnostics({ ...turn(), system: [{ type: "text", text: text("Changed."), cache_control: cc }] }, first.id);
    const res = await emulator.fetch("http://emulator.invalid/v1/messages", {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": "sk-surfaces", "anthropic-version": "2023-06-01" },
      body: JSON.stringify({ ...changed, stream: true }),
    });
    const start = (await res.text()).split("\n").find((l) => l.startsWith("data: ") && l.includes('"message_start"'))!;
    expect(JSON.parse(start.slice(6)).message.diagnostics).toMatchObject({ cache_miss_reason: { type: "system_changed" } });
    const final = (await client.messages.stream(changed).finalMessage()) as Diagnosed;
    expect(final.diagnostics).toMatchObject({ cache_miss_reason: { type: "system_changed" } });
  });

  it("not available on Bedrock, Vertex or Foundry: their responses carry no diagnostics", async () => {
    const { emulator } = inProcess();
    const { model: _model, ...body } = withDiagnostics(turn(), null);
    const bedrock = new AnthropicBedrock({ awsRegion: "us-east-1", apiKey: "k", baseURL: "http://emulator.invalid", fetch: emulator.fetch, maxRetries: 0 });
    const onBedrock = await bedrock.messages.create({ ...body, model: "global.anthropic.claude-opus-4-7" } as Params);
    expect("diagnostics" in onBedrock).toBe(false);
    const foundry = new AnthropicFoundry({ apiKey: "k", baseURL: "http://emulator.invalid/anthropic/", fetch: emulator.fetch, maxRetries: 0 });
    const onFoundry = await foundry.messages.create({ ...body, model: "claude-sonnet-4-6" } as Params);
    expect("diagnostics" in onFoundry).toBe(false);
    const onVertex = await emulator.fetch("http://emulator.invalid/v1/projects/p/locations/global/publishers/anthropic/models/claude-sonnet-4-6:rawPredict", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer t" },
      body: JSON.stringify({ ...body, anthropic_version: "vertex-2023-10-16" }),
    });
    expect(onVertex.status).toBe(200);
    expect("diagnostics" in ((await onVertex.json()) as object)).toBe(false);
  });
});

describe("GET /v1/models from the catalog", () => {
  it("lists ModelInfo objects, newest first, active and deprecated by default, with the documented paging", async () => {
    const { client } = inProcess();
    const page = await client.models.list({ limit: 3 });
    expect(page.data).toHaveLength(3);
    expect(page.has_more).toBe(true);
    expect(page.first_id).toBe(page.data[0]!.id);
    expect(page.last_id).toBe(page.data[2]!.id);
    for (const m of page.data) {
      expect(m).toMatchObject({ type: "model", lifecycle: "active", id: expect.stringMatching(/^claude-/), display_name: expect.stringMatching(/^Claude /) });
      expect(m.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    }
    const all: string[] = [];
    for await (const m of client.models.list({ limit: 2 })) all.push(m.id);
    expect(all).toContain("claude-sonnet-4-6");
    expect(all).toContain("claude-sonnet-4-5-20250929");
    expect(new Set(all).size).toBe(all.length);
    expect((await client.models.list({ limit: 1000 })).data.map((m) => m.id)).toEqual(all);
    // Retired models appear only when asked for.
    expect(all).not.toContain("claude-opus-4-1-20250805");
    const retired = await client.models.list({ lifecycle: ["retired"] });
    expect(retired.data.map((m) => m.id)).toContain("claude-opus-4-1-20250805");
    expect(retired.data.every((m) => m.lifecycle === "retired" && m.deprecated_at !== null)).toBe(true);
    // Newer generations first: Opus 5 before Sonnet 4.5.
    expect(all.indexOf("claude-opus-5")).toBeLessThan(all.indexOf("claude-sonnet-4-5-20250929"));
  });

  it("before_id pages backwards; a bad limit is a 400", async () => {
    const { client, emulator } = inProcess();
    const all = (await client.models.list({ limit: 1000 })).data.map((m) => m.id);
    const before = await client.models.list({ before_id: all[4]!, limit: 2 });
    expect(before.data.map((m) => m.id)).toEqual(all.slice(2, 4));
    expect(before.has_more).toBe(true);
    const bad = await emulator.fetch("http://emulator.invalid/v1/models?limit=0", { headers: { "x-api-key": "k", "anthropic-version": "2023-06-01" } });
    expect(bad.status).toBe(400);
  });

  it("retrieves a model, resolving an alias to its model id; an unknown one is 404 model: <id>; no key is 401", async () => {
    const { client, emulator } = inProcess();
    expect(await client.models.retrieve("claude-sonnet-4-5")).toMatchObject({ id: "claude-sonnet-4-5-20250929", display_name: "Claude Sonnet 4.5", type: "model" });
    expect(await client.models.retrieve("claude-sonnet-4-6")).toMatchObject({ id: "claude-sonnet-4-6" });
    const missing = (await client.models.retrieve("claude-nope").catch((e: unknown) => e)) as InstanceType<typeof Anthropic.NotFoundError>;
    expect(missing).toBeInstanceOf(Anthropic.NotFoundError);
    expect(missing.error).toMatchObject({ error: { type: "not_found_error", message: "model: claude-nope" } });
    expect((await emulator.fetch("http://emulator.invalid/v1/models")).status).toBe(401);
  });

  it("Foundry and Claude in Amazon Bedrock have no models endpoint: 404", async () => {
    const { emulator } = inProcess();
    const headers = { "x-api-key": "k", "anthropic-version": "2023-06-01" };
    expect((await emulator.fetch("http://emulator.invalid/anthropic/v1/models", { headers })).status).toBe(404);
    expect((await emulator.fetch("http://emulator.invalid/bedrock-mantle/anthropic/v1/models", { headers })).status).toBe(404);
    expect((await emulator.fetch("https://bedrock-mantle.us-east-1.api.aws/anthropic/v1/models", { headers })).status).toBe(404);
  });
});

describe("Claude in Amazon Bedrock (Mantle) as its own surface", () => {
  const MODEL = "anthropic.claude-opus-4-7";
  const mantleParams = (): Params => ({ ...turn(), model: MODEL });

  let spawned: SpawnedEmulator | undefined;
  beforeAll(async () => {
    spawned = await spawnEmulator(["--latency-scale", "0"]);
  });
  afterAll(async () => {
    await spawned?.stop();
  });

  it("AnthropicBedrockMantle at its default base URL (in process): its own anthropic.* ids, first-party body and SSE, prompt caching", async () => {
    const { emulator } = inProcess();
    const mantle = new AnthropicBedrockMantle({ awsRegion: "us-east-1", apiKey: "bedrock-api-key", fetch: emulator.fetch, maxRetries: 0 });
    const first = await mantle.messages.create(mantleParams());
    expect(first.usage.cache_creation_input_tokens).toBeGreaterThan(0);
    const again = await mantle.messages.stream(mantleParams()).finalMessage();
    expect(again.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
    const wrongId = (await mantle.messages.create({ ...mantleParams(), model: "claude-opus-4-7" }).catch((e: unknown) => e)) as InstanceType<typeof Anthropic.NotFoundError>;
    expect(wrongId.status).toBe(404);
  });

  it("over HTTP: the /bedrock-mantle/anthropic base URL with a Bedrock API key, or SigV4 for the bedrock-mantle service on /anthropic", async () => {
    const url = spawned!.url;
    const byPath = new AnthropicBedrockMantle({ awsRegion: "us-east-1", apiKey: "bedrock-api-key", baseURL: `${url}/bedrock-mantle/anthropic`, maxRetries: 0 });
    expect((await byPath.messages.create(mantleParams())).type).toBe("message");
    const signed = new AnthropicBedrockMantle({ awsRegion: "us-east-1", awsAccessKey: "AKIDEXAMPLE", awsSecretAccessKey: "secret", baseURL: `${url}/anthropic`, maxRetries: 0 });
    expect((await signed.messages.create(mantleParams())).type).toBe("message");
    // The same path with a Foundry key is Foundry's, which knows no anthropic.* id.
    const foundry = new AnthropicFoundry({ apiKey: "foundry-key", baseURL: `${url}/anthropic/`, maxRetries: 0 });
    await expect(foundry.messages.create(mantleParams())).rejects.toMatchObject({ status: 404 });
    expect((await foundry.messages.create({ ...mantleParams(), model: "claude-opus-4-7" })).type).toBe("message");
  });

  it.each([
    ["structured outputs (output_config.format)", { output_config: { format: { type: "json_schema", schema: { type: "object" } } } }, "output_config.format: structured outputs are not supported"],
    ["strict tools", { tools: [{ ...tool("search"), strict: true }] }, "tools.0.strict: structured outputs are not supported"],
    ["server tools", { tools: [{ type: "web_search_20250305", name: "web_search" }] }, "tools.0: server tools are not supported"],
  ])("refuses %s with 400 invalid_request_error", async (_case, extra, message) => {
    const { emulator } = inProcess();
    const mantle = new AnthropicBedrockMantle({ awsRegion: "us-east-1", apiKey: "k", fetch: emulator.fetch, maxRetries: 0 });
    const refused = (await mantle.messages.create({ ...mantleParams(), ...extra } as Params).catch((e: unknown) => e)) as InstanceType<typeof Anthropic.BadRequestError>;
    expect(refused.status).toBe(400);
    expect(refused.error).toMatchObject({ error: { type: "invalid_request_error", message: expect.stringContaining(message) } });
  });

  it("has no batches: 404", async () => {
    const { emulator } = inProcess();
    const res = await emulator.fetch("https://bedrock-mantle.us-east-1.api.aws/anthropic/v1/messages/batches", {
      method: "POST",
      headers: { authorization: "Bearer k", "content-type": "application/json", "anthropic-version": "2023-06-01" },
      body: JSON.stringify({ requests: [] }),
    });
    expect(res.status).toBe(404);
  });

  it("keeps its own cache: a Mantle entry is not read through Bedrock InvokeModel or Foundry", async () => {
    const { emulator } = inProcess();
    const mantle = new AnthropicBedrockMantle({ awsRegion: "us-east-1", apiKey: "same-key", fetch: emulator.fetch, maxRetries: 0 });
    await mantle.messages.create(mantleParams());
    const bedrock = new AnthropicBedrock({ awsRegion: "us-east-1", apiKey: "same-key", baseURL: "http://emulator.invalid", fetch: emulator.fetch, maxRetries: 0 });
    const { model: _m, ...body } = mantleParams();
    const viaInvoke = await bedrock.messages.create({ ...body, model: "global.anthropic.claude-opus-4-7" } as Params);
    expect(viaInvoke.usage.cache_read_input_tokens).toBe(0);
    expect(emulator.entries().map((e) => e.provider).sort()).toContain("bedrock-mantle");
  });
});
