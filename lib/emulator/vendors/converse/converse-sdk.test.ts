// Bedrock Converse on the emulator, driven by the official @aws-sdk/client-bedrock-runtime, unchanged: in-process
// (the SDK's request handler calls `emulator.fetch`) and over HTTP against `cachelab emulate`. Bodies are the
// ones CacheLab builds for an experiment (lib/vendors/bedrock-converse.ts). Rules and sources:
// docs/reference/vendors.md §3; usage fields https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_TokenUsage.html.
import { BedrockRuntimeClient, ConverseCommand, ConverseStreamCommand, type ConverseCommandOutput, type TokenUsage } from "@aws-sdk/client-bedrock-runtime";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ExperimentInput } from "@/lib/cache/experiment-schema";
import { cachePoint, experiment, text, tool, user } from "@/lib/cache/test-factories";
import { buildConverseRequest } from "@/lib/vendors/bedrock-converse";
import { converseCommandInput } from "@/lib/vendors/bedrock-converse-sdk";
import type { ConverseBody } from "@/lib/vendors/bedrock-converse-types";
import { FetchRequestHandler } from "../../aws-fetch-handler";
import { spawnEmulator, type SpawnedEmulator } from "../../testing/spawn";
import { type Emulator, createEmulator } from "../../transport";

const DOC = "The quick brown fox jumps over the lazy dog while the cache keeps every prefix warm. ".repeat(250);

function built(input: ExperimentInput): { modelId: string; body: ConverseBody } {
  const result = buildConverseRequest(experiment({ semantics: "pydantic-ai@2.33", ...input }));
  if (!result.ok) throw new Error(result.error.message);
  return { modelId: result.value.modelId, body: result.value.body };
}

const docExperiment = (extra: Partial<ExperimentInput> = {}): ExperimentInput => ({
  model: "claude-sonnet-4-6",
  system: [DOC],
  settings: { cache_instructions: true },
  messages: [user(text("What does the document say?"))],
  ...extra,
});

interface Target {
  client: () => BedrockRuntimeClient;
  reset: () => Promise<void>;
  advance: (seconds: number) => Promise<void>;
}

const credentials = { accessKeyId: "AKIDCONVERSETEST", secretAccessKey: "secret" };

let inProcessEmulator: Emulator;
const inProcess = (): Target => {
  inProcessEmulator = createEmulator({ latencyScale: 0 });
  return {
    client: () => new BedrockRuntimeClient({ region: "us-east-1", endpoint: "http://emulator.invalid", credentials, maxAttempts: 1, requestHandler: new FetchRequestHandler(inProcessEmulator.fetch) }),
    reset: async () => inProcessEmulator.reset(),
    advance: async (seconds) => void inProcessEmulator.advanceClock(seconds),
  };
};

let spawned: SpawnedEmulator | undefined;
beforeAll(async () => {
  spawned = await spawnEmulator(["--latency-scale", "0"]);
});
afterAll(async () => {
  await spawned?.stop();
});
const control = (path: string, body?: unknown) =>
  fetch(`${spawned!.url}/_emulator/${path}`, { method: "POST", ...(body ? { headers: { "content-type": "application/json" }, body: JSON.stringify(body) } : {}) });
const overHttp = (): Target => ({
  // The SDK speaks HTTP/2 by default (TLS to AWS); the emulator serves HTTP/1.1 on loopback.
  client: () => new BedrockRuntimeClient({ region: "us-east-1", endpoint: spawned!.url, credentials, maxAttempts: 1, requestHandler: new NodeHttpHandler() }),
  reset: async () => void (await control("reset")),
  advance: async (seconds) => void (await control("clock", { advance_seconds: seconds })),
});

const send = (client: BedrockRuntimeClient, b: { modelId: string; body: ConverseBody }) => client.send(new ConverseCommand(converseCommandInput(b.modelId, b.body)));
const usageOf = (out: ConverseCommandOutput) => out.usage as TokenUsage;

async function rejection(promise: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await promise;
  } catch (e) {
    const error = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: error.name, message: error.message, ...(error.$metadata?.httpStatusCode ? { status: error.$metadata.httpStatusCode } : {}) };
  }
  throw new Error("expected the request to be refused");
}

describe.each([
  ["in-process fetch", inProcess],
  ["standalone server", overHttp],
])("@aws-sdk/client-bedrock-runtime against the %s", (_name, makeTarget) => {
  let target: Target;
  beforeEach(async () => {
    target = makeTarget();
    await target.reset();
  });

  it("a system cachePoint writes, then reads; inputTokens is only the uncached input (TokenUsage)", async () => {
    const client = target.client();
    const request = built(docExperiment());
    const first = usageOf(await send(client, request));
    expect(first.cacheWriteInputTokens).toBeGreaterThan(1000);
    expect(first.cacheReadInputTokens).toBe(0);
    expect(first.cacheDetails).toEqual([{ ttl: "5m", inputTokens: first.cacheWriteInputTokens }]);
    const second = usageOf(await send(client, request));
    expect(second.cacheReadInputTokens).toBe(first.cacheWriteInputTokens);
    expect(second.cacheWriteInputTokens).toBe(0);
    expect(second.cacheDetails).toEqual([]);
    expect(second.inputTokens).toBe(first.inputTokens);
    expect(second.totalTokens).toBe(second.inputTokens! + second.cacheReadInputTokens! + second.outputTokens!);
  });

  it("a 1h cachePoint is billed as a 1h write and outlives 5 minutes (CacheDetail)", async () => {
    const client = target.client();
    const request = built(docExperiment({ settings: { cache_instructions: "1h" } }));
    expect(request.body.system[1]).toEqual({ cachePoint: { type: "default", ttl: "1h" } });
    const first = usageOf(await send(client, request));
    expect(first.cacheDetails).toEqual([{ ttl: "1h", inputTokens: first.cacheWriteInputTokens }]);
    await target.advance(10 * 60);
    expect(usageOf(await send(client, request)).cacheReadInputTokens).toBe(first.cacheWriteInputTokens);
  });

  it("a 5m entry has expired after 6 minutes, and the next call writes again (Anthropic's rules underneath)", async () => {
    const client = target.client();
    const request = built(docExperiment());
    await send(client, request);
    await target.advance(6 * 60);
    const again = usageOf(await send(client, request));
    expect(again.cacheReadInputTokens).toBe(0);
    expect(again.cacheWriteInputTokens).toBeGreaterThan(1000);
  });

  it("below the model's minimum nothing is cached and both counters are 0", async () => {
    const usage = usageOf(await send(target.client(), built(docExperiment({ system: ["A short system prompt."] }))));
    expect(usage.cacheWriteInputTokens).toBe(0);
    expect(usage.cacheReadInputTokens).toBe(0);
  });

  it("ConverseStream ends with a metadata event carrying the same usage", async () => {
    const client = target.client();
    const request = built(docExperiment());
    const out = await client.send(new ConverseStreamCommand(converseCommandInput(request.modelId, request.body)));
    let textOut = "";
    let usage: TokenUsage | undefined;
    let stop: string | undefined;
    for await (const event of out.stream!) {
      if (event.contentBlockDelta?.delta?.text) textOut += event.contentBlockDelta.delta.text;
      if (event.messageStop) stop = event.messageStop.stopReason;
      if (event.metadata) usage = event.metadata.usage;
    }
    expect(textOut).toContain("Emulated reply");
    expect(stop).toBe("end_turn");
    expect(usage?.cacheWriteInputTokens).toBeGreaterThan(1000);
    expect(usage?.cacheDetails).toEqual([{ ttl: "5m", inputTokens: usage?.cacheWriteInputTokens }]);
  });

  it("five cachePoints: Bedrock passes on the model's 400 (https://github.com/BerriAI/litellm/issues/16062)", async () => {
    const request = built(docExperiment({ messages: [user(text("a"), cachePoint(), text("b"), cachePoint(), text("c"), cachePoint(), text("d"))] }));
    // Pydantic AI would have dropped the oldest; a hand-made body with five reaches Bedrock.
    request.body.messages[0]!.content.push({ cachePoint: { type: "default" } });
    const error = await rejection(send(target.client(), request));
    expect(error).toMatchObject({ name: "ValidationException", status: 400 });
    expect(error.message).toBe("The model returned the following errors: A maximum of 4 blocks with cache_control may be provided. Found 5.");
  });

  it("a 1h cachePoint after a 5m one is refused: TTLs may not grow along tools → system → messages", async () => {
    const request = built(docExperiment({ settings: { cache_instructions: "5m" }, messages: [user(text("Q"), cachePoint("1h"), text("R"))] }));
    const error = await rejection(send(target.client(), request));
    expect(error.name).toBe("ValidationException");
    expect(error.message).toMatch(/^The model returned the following errors: messages\.0\.content\.0\.cache_control\.ttl: a ttl='1h' cache_control block must not come after a ttl='5m'/);
  });

  it("a cachePoint after a reasoning block is refused in Bedrock's words (https://github.com/anomalyco/opencode/issues/36517)", async () => {
    const body: ConverseBody = {
      messages: [
        { role: "user", content: [{ text: "Q" }] },
        { role: "assistant", content: [{ reasoningContent: { reasoningText: { text: "thinking", signature: "sig" } } }, { cachePoint: { type: "default" } }] },
        { role: "user", content: [{ text: "R" }] },
      ],
      system: [],
      inferenceConfig: { maxTokens: 100 },
    };
    const error = await rejection(send(target.client(), { modelId: "global.anthropic.claude-sonnet-4-6", body }));
    expect(error.message).toBe("Cache point cannot be inserted after reasoning block. Please remove the invalid cache point and try again.");
  });

  it("Nova caches from 1,000 tokens where Claude Haiku 4.5 needs 4,096 (docs/reference/vendors.md §3)", async () => {
    const client = target.client();
    const prefix = "Nova reads the same prompt. ".repeat(260);
    const nova = usageOf(await send(client, built({ model: "nova-pro", system: [prefix], settings: { cache_instructions: true }, messages: [user(text("Q"))] })));
    const haiku = usageOf(await send(client, built({ model: "claude-haiku-4-5", system: [prefix], settings: { cache_instructions: true }, messages: [user(text("Q"))] })));
    expect(nova.cacheWriteInputTokens).toBeGreaterThan(1000);
    expect(nova.cacheWriteInputTokens).toBeLessThan(4096);
    expect(haiku.cacheWriteInputTokens).toBe(0);
  });

  it("Nova refuses a cachePoint among its tools, word for word (https://github.com/NousResearch/hermes-agent/issues/97281)", async () => {
    const request = built({ model: "nova-pro", tools: [tool("lookup")], messages: [user(text("Q"))] });
    request.body.toolConfig!.tools.push({ cachePoint: { type: "default" } });
    const error = await rejection(send(target.client(), request));
    expect(error.message).toBe(
      "The model returned the following errors: Malformed input request: #/toolConfig/tools/1: extraneous key [cachePoint] is not permitted, please reformat your input and try again.",
    );
  });

  it("an unknown model is Bedrock's own 400, not the model's", async () => {
    const error = await rejection(send(target.client(), { modelId: "anthropic.claude-unknown-v1:0", body: built(docExperiment()).body }));
    expect(error).toMatchObject({ name: "ValidationException", message: "The provided model identifier is invalid." });
  });
});

describe("Claude on Converse keeps Anthropic's 20-block lookback (docs/reference/anthropic-caching.md §1.4)", () => {
  it("a cachePoint more than 20 blocks after the cached one misses; within 20 it reads", async () => {
    const emulator = createEmulator({ latencyScale: 0 });
    const client = new BedrockRuntimeClient({ region: "us-east-1", endpoint: "http://emulator.invalid", credentials, maxAttempts: 1, requestHandler: new FetchRequestHandler(emulator.fetch) });
    const turns = (n: number) => Array.from({ length: n }, (_, i) => text(`Turn ${i}.`));
    const request = (extra: number, markDoc: boolean) =>
      built({ model: "claude-sonnet-4-6", messages: [user(text(DOC), ...(markDoc ? [cachePoint()] : []), ...turns(extra), cachePoint())] });
    const first = usageOf(await send(client, request(1, true)));
    const docTokens = first.cacheWriteInputTokens!;
    expect(docTokens).toBeGreaterThan(1000);
    // Only the last block carries a cachePoint: 10 blocks after the document's entry, the lookback finds it.
    const near = usageOf(await send(client, request(10, false)));
    expect(near.cacheReadInputTokens).toBe(docTokens);
    // 25 blocks after it, the lookback of 20 does not reach it.
    emulator.reset();
    await send(client, request(1, true));
    const far = usageOf(await send(client, request(25, false)));
    expect(far.cacheReadInputTokens).toBe(0);
    expect(far.cacheWriteInputTokens).toBeGreaterThan(docTokens);
  });
});
