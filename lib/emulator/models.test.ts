// Model ids belong to their surface (reference docs/reference/anthropic-caching.md §5.5, §6.1, §6.3,
// §6.6), through the official SDKs, unchanged, against the standalone server (`cachelab emulate`):
// each surface serves its own ids and refuses the others' in its own error shape; Bedrock InvokeModel
// takes only an inference profile for the models that need one and API version 2026-10-21 only for
// Claude 4.7 and later; Vertex answers with Vertex-shaped ids and serves the models listed for it.
import Anthropic from "@anthropic-ai/sdk";
import { AnthropicBedrock } from "@anthropic-ai/bedrock-sdk";
import { AnthropicFoundry } from "@anthropic-ai/foundry-sdk";
import { AnthropicVertex } from "@anthropic-ai/vertex-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SpawnedEmulator, spawnEmulator } from "./testing/spawn";

let server: SpawnedEmulator;
beforeAll(async () => {
  server = await spawnEmulator(["--latency-scale", "0"]);
});
afterAll(async () => {
  await server.stop();
});

const hello = { max_tokens: 20, messages: [{ role: "user" as const, content: "hello" }] };

async function failure(promise: Promise<unknown>): Promise<InstanceType<typeof Anthropic.APIError>> {
  const e = await promise.then(
    () => null,
    (x: unknown) => x,
  );
  if (!(e instanceof Anthropic.APIError)) throw new Error(`expected an API error, got ${String(e)}`);
  return e;
}

describe("the Claude API serves first-party ids only (404 not_found_error `model: <id>`, docs/reference/anthropic-caching.md §5.5)", () => {
  const client = () => new Anthropic({ apiKey: "k-models", baseURL: server.url, maxRetries: 0 });

  it.each([
    ["a Bedrock base id", "anthropic.claude-sonnet-4-6"],
    ["a Bedrock inference profile", "global.anthropic.claude-sonnet-4-6"],
    ["a Bedrock snapshot id", "anthropic.claude-haiku-4-5-20251001-v1:0"],
    ["a Vertex id", "claude-haiku-4-5@20251001"],
    ["a model retired on the Claude API (still on Vertex)", "claude-opus-4-0"],
  ])("%s: %s", async (_what, model) => {
    const e = await failure(client().messages.create({ ...hello, model }));
    expect(e).toBeInstanceOf(Anthropic.NotFoundError);
    expect(e.error).toMatchObject({ type: "error", error: { type: "not_found_error", message: `model: ${model}` } });
  });

  it("first-party aliases and dated snapshots are served", async () => {
    for (const model of ["claude-haiku-4-5", "claude-haiku-4-5-20251001", "claude-opus-4-7"]) {
      expect((await client().messages.create({ ...hello, model })).model).toBe(model);
    }
  });

  it("Foundry takes the first-party ids too, and refuses Bedrock's", async () => {
    const foundry = new AnthropicFoundry({ apiKey: "foundry-key", baseURL: `${server.url}/anthropic/`, maxRetries: 0 });
    expect((await foundry.messages.create({ ...hello, model: "claude-sonnet-4-6" })).type).toBe("message");
    const e = await failure(foundry.messages.create({ ...hello, model: "global.anthropic.claude-sonnet-4-6" }));
    expect(e.status).toBe(404);
  });
});

describe("Bedrock InvokeModel (docs/reference/anthropic-caching.md §6.1)", () => {
  const client = () => new AnthropicBedrock({ apiKey: "bedrock-models", awsRegion: "us-east-1", baseURL: server.url, maxRetries: 0 });
  // The version every Bedrock model takes; the 1.x SDK would otherwise send its default, 2026-10-21.
  const legacy = { anthropic_version: "bedrock-2023-05-31" } as Record<string, unknown>;

  it.each([
    ["a first-party id", "claude-sonnet-4-6"],
    ["a Vertex id", "claude-haiku-4-5@20251001"],
    ["a geography the model has no profile in (Sonnet 4.6 has no apac.)", "apac.anthropic.claude-sonnet-4-6"],
    ["an unknown model", "anthropic.claude-nope-9"],
  ])("refuses %s (%s) as an AWS ValidationException: the provided model identifier is invalid", async (_what, model) => {
    const e = await failure(client().messages.create({ ...hello, model, ...legacy }));
    expect(e.status).toBe(400);
    expect(e.error).toEqual({ message: "The provided model identifier is invalid." });
    expect(e.headers?.get("x-amzn-errortype")).toMatch(/^ValidationException/);
  });

  it("answers 400 to the base id of a model served only through an inference profile, with the documented message", async () => {
    const e = await failure(client().messages.create({ ...hello, model: "anthropic.claude-sonnet-4-6", ...legacy }));
    expect(e.status).toBe(400);
    expect(e.error).toEqual({
      message:
        "Invocation of model ID anthropic.claude-sonnet-4-6 with on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that contains this model.",
    });
  });

  it("accepts the global., us., eu., jp. profiles the model offers, and the base id of a model served on demand", async () => {
    for (const model of ["global.anthropic.claude-sonnet-4-6", "us.anthropic.claude-sonnet-4-6", "eu.anthropic.claude-sonnet-4-6", "jp.anthropic.claude-sonnet-4-6", "apac.anthropic.claude-opus-4-6-v1", "anthropic.claude-3-5-haiku-20241022-v1:0"]) {
      const message = await client().messages.create({ ...hello, model, ...legacy });
      expect(message.id).toMatch(/^msg_bdrk_/);
    }
  });

  it("takes anthropic_version 2026-10-21 (the 1.x SDK's default) only for Claude 4.7 and later (docs/reference/anthropic-caching.md §5.3)", async () => {
    const older = await failure(client().messages.create({ ...hello, model: "global.anthropic.claude-sonnet-4-6" }));
    expect(older.status).toBe(400);
    expect(older.error).toEqual({ message: "Invalid API version: 2026-10-21" });
    expect((await client().messages.create({ ...hello, model: "global.anthropic.claude-opus-4-7" })).type).toBe("message");
    expect((await client().messages.create({ ...hello, model: "global.anthropic.claude-opus-4-7", ...legacy })).type).toBe("message");
  });
});

describe("Vertex AI (docs/reference/anthropic-caching.md §6.3, §6.6)", () => {
  const client = () =>
    new AnthropicVertex({
      region: "us-east5",
      projectId: "models-project",
      baseURL: `${server.url}/v1`,
      authClient: { getRequestHeaders: async () => new Headers({ authorization: "Bearer t" }) } as never,
      maxRetries: 0,
    });

  it.each([
    ["a Bedrock id", "anthropic.claude-sonnet-4-6"],
    ["a first-party-only snapshot id", "claude-haiku-4-5-20251001"],
    ["a first-party-only alias", "claude-haiku-4-5"],
  ])("refuses %s (%s) with Google's 404 NOT_FOUND", async (_what, model) => {
    const e = await failure(client().messages.create({ ...hello, model }));
    expect(e).toBeInstanceOf(Anthropic.NotFoundError);
    expect(e.error).toEqual({
      error: {
        code: 404,
        message: `Publisher Model \`projects/models-project/locations/us-east5/publishers/anthropic/models/${model}\` was not found or your project does not have access to it. Please ensure you are using a valid model version. For more information, see: https://cloud.google.com/vertex-ai/generative-ai/docs/learn/model-versions`,
        status: "NOT_FOUND",
      },
    });
  });

  it("serves the models listed for it, Claude Opus 4 included, with Vertex-shaped message, tool-use and request ids", async () => {
    const opus4 = await client().messages.create({ ...hello, model: "claude-opus-4@20250514" }).withResponse();
    expect(opus4.data.id).toMatch(/^msg_vrtx_/);
    expect(opus4.response.headers.get("request-id")).toMatch(/^req_vrtx_/);
    const tools = [{ name: "lookup", input_schema: { type: "object" as const, properties: { q: { type: "string" } }, required: ["q"] } }];
    const forced = await client().messages.create({ ...hello, model: "claude-haiku-4-5@20251001", tools, tool_choice: { type: "tool", name: "lookup" } });
    expect(forced.content[0]).toMatchObject({ type: "tool_use", id: expect.stringMatching(/^toolu_vrtx_/) });
  });
});

describe("counts follow the model (docs/reference/anthropic-caching.md §2, §4)", () => {
  const client = () => new Anthropic({ apiKey: "k-counts", baseURL: server.url, maxRetries: 0 });
  const tools = [{ name: "get_weather", description: "Get the current weather in a given location", input_schema: { type: "object" as const, properties: { location: { type: "string" } } } }];
  const question = [{ role: "user" as const, content: "What's the weather like in San Francisco?" }];

  // "When you use tools, the API also automatically includes a special system prompt": 497 tokens on
  // Sonnet 4.6 (https://platform.claude.com/docs/en/agents-and-tools/tool-use/overview#pricing).
  it("count_tokens includes the tool-use system prompt, and a message's usage adds up to it", async () => {
    const bare = await client().messages.countTokens({ model: "claude-sonnet-4-6", messages: question });
    const withTools = await client().messages.countTokens({ model: "claude-sonnet-4-6", messages: question, tools });
    expect(withTools.input_tokens - bare.input_tokens).toBeGreaterThanOrEqual(497);
    const sent = await client().messages.create({ model: "claude-sonnet-4-6", max_tokens: 10, messages: question, tools });
    const u = sent.usage;
    expect(u.input_tokens + (u.cache_creation_input_tokens ?? 0) + (u.cache_read_input_tokens ?? 0)).toBe(withTools.input_tokens);
  });

  // Claude Opus 4.7 and later: "roughly 30 percent more tokens than models before Claude Opus 4.7
  // for the same text" (https://platform.claude.com/docs/en/build-with-claude/token-counting).
  it("the newer tokenizer counts about 30% more for the same text", async () => {
    const text = [{ role: "user" as const, content: "The quick brown fox jumps over the lazy dog. ".repeat(200) }];
    const older = await client().messages.countTokens({ model: "claude-sonnet-4-6", messages: text });
    const newer = await client().messages.countTokens({ model: "claude-opus-4-7", messages: text });
    expect(newer.input_tokens / older.input_tokens).toBeGreaterThan(1.25);
    expect(newer.input_tokens / older.input_tokens).toBeLessThan(1.35);
  });
});

// Bedrock's CountTokens (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_CountTokens.html):
// the InvokeModel body, base64, in input.invokeModel.body; `{"inputTokens": n}`; base model ids only.
describe("Bedrock CountTokens", () => {
  const invokeBody = { anthropic_version: "bedrock-2023-05-31", max_tokens: 1, system: "Count me.", messages: [{ role: "user", content: "hello there" }] };
  const countTokens = (model: string) =>
    fetch(`${server.url}/model/${model}/count-tokens`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer bedrock-count" },
      body: JSON.stringify({ input: { invokeModel: { body: Buffer.from(JSON.stringify(invokeBody)).toString("base64") } } }),
    });

  it("counts the InvokeModel body under the base model id, as the Messages API counts the same prompt", async () => {
    const res = await countTokens("anthropic.claude-sonnet-4-6");
    expect(res.status).toBe(200);
    const { inputTokens } = (await res.json()) as { inputTokens: number };
    const firstParty = await new Anthropic({ apiKey: "k-count", baseURL: server.url, maxRetries: 0 }).messages.countTokens({ model: "claude-sonnet-4-6", system: "Count me.", messages: [{ role: "user", content: "hello there" }] });
    expect(inputTokens).toBe(firstParty.input_tokens);
  });

  it("refuses an inference profile id: CountTokens takes base model ids only", async () => {
    const res = await countTokens("global.anthropic.claude-sonnet-4-6");
    expect(res.status).toBe(400);
    expect(res.headers.get("x-amzn-errortype")).toMatch(/^ValidationException/);
    expect(await res.json()).toEqual({ message: "The provided model doesn't support counting tokens" });
  });
});
