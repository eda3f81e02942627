import "server-only";
// Exact prefix counts from a live provider's count-tokens endpoint (issue 10 item 14): for each kept
// breakpoint, the prompt up to and including its block (lib/cache/prefix-parts.ts), counted under the
// model's own tokenizer by the official SDK — Anthropic, Foundry and Vertex through
// `messages.countTokens` (Vertex's `count-tokens:rawPredict`), Bedrock through its CountTokens API
// (`POST /model/{id}/count-tokens`, the InvokeModel body base64 in `input.invokeModel.body`), which
// the Bedrock SDK has no method for, so it is posted through the same signed client. Counts are
// cached by provider, model and the prefix itself, so an edit after a breakpoint recounts nothing
// before it. Count-tokens "provides an estimate without using caching logic"
// (docs/reference/anthropic-caching.md §4): it is the provider's own number, the one its minimum
// check uses.
import { createHash } from "node:crypto";
import { buildRequest } from "@/lib/cache/build-request";
import { bedrockAnthropicVersion } from "@/lib/cache/catalog";
import type { Experiment } from "@/lib/cache/experiment-schema";
import { promptUpTo } from "@/lib/cache/prefix-parts";
import { type AppError, type Result, err, ok } from "@/lib/cache/result";
import type { PromptParts, ProviderId } from "@/lib/cache/wire-types";
import type { AnthropicBedrock } from "@anthropic-ai/bedrock-sdk";
import { type ProviderClient, type VertexAuthClient, createLiveClient } from "./clients";
import { type Env, liveAvailability } from "./config";
import { toAppError } from "./errors";

/**
 * Count-tokens endpoints need at least one message; a prefix that ends in the tools or the system
 * prompt is counted with this one-character user turn after it, and says so.
 */
export const PLACEHOLDER_TURN = { role: "user", content: "." } as const;

export interface PrefixCount {
  /** The breakpoint's block, as the analysis names it ("system", "messages[2].content[0]"). */
  path: string;
  tokens: number;
  /** True when the count includes the placeholder user turn (a tools or system breakpoint). */
  withPlaceholderTurn: boolean;
}

export interface CountOptions {
  provider?: ProviderId;
  model?: string;
  timeoutMs?: number;
}

export interface CountDeps {
  env?: Env;
  /** Tests only: Vertex auth without application-default credentials. */
  vertexAuthClient?: VertexAuthClient;
}

const CACHE_LIMIT = 2_000;
const cache = new Map<string, number>();

function cacheKey(provider: ProviderId | "bedrock-mantle", modelId: string, parts: PromptParts): string {
  return createHash("sha256").update(JSON.stringify([provider, modelId, parts])).digest("hex");
}

function remember(key: string, tokens: number): void {
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, tokens);
}

async function countOnce(client: ProviderClient, invokeModel: boolean, modelId: string, parts: PromptParts, bedrockVersion: string, timeoutMs: number): Promise<number> {
  if (invokeModel) {
    // Bedrock CountTokens takes the InvokeModel body (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_CountTokens.html).
    const invokeBody = JSON.stringify({ anthropic_version: bedrockVersion, max_tokens: 1, ...parts });
    // It counts under base foundation-model ids only; an inference profile id is refused.
    const answer = (await (client as AnthropicBedrock).post(`/model/${encodeURIComponent(modelId)}/count-tokens`, {
      body: { input: { invokeModel: { body: Buffer.from(invokeBody).toString("base64") } } },
      // The Bedrock client moves this header into the body; CountTokens takes no such field.
      headers: { "anthropic-version": null },
      timeout: timeoutMs,
    })) as { inputTokens?: unknown };
    if (typeof answer.inputTokens !== "number") throw new Error("Bedrock CountTokens answered without inputTokens");
    return answer.inputTokens;
  }
  const counted = await (client as Exclude<ProviderClient, AnthropicBedrock>).messages.countTokens(
    { model: modelId, messages: parts.messages as never, ...(parts.system !== undefined ? { system: parts.system as never } : {}), ...(parts.tools ? { tools: parts.tools as never } : {}) },
    { timeout: timeoutMs },
  );
  return counted.input_tokens;
}

/**
 * Exact token counts of every kept breakpoint's prefix, from the live provider the experiment (or
 * `options.provider`) names. Fails as a value when the provider is not configured or answers an error.
 */
export async function countPrefixes(experiment: Experiment, options: CountOptions, deps: CountDeps = {}): Promise<Result<PrefixCount[]>> {
  const env = deps.env ?? process.env;
  const variant: Experiment = options.model ? { ...experiment, model: options.model } : experiment;
  const built = buildRequest(variant, options.provider ? { provider: options.provider } : {});
  if (!built.ok) return built;
  const { provider, parts, analysis, model } = built.value;
  // Claude in Amazon Bedrock counts through its Messages API, under its own ids.
  const mantle = provider === "bedrock" && variant.provider_options.bedrock_endpoint === "mantle";
  // Bedrock's CountTokens takes the base model id, not the inference profile a request uses.
  const modelId = provider === "bedrock" && !mantle ? (model?.ids.bedrock ?? built.value.modelId) : built.value.modelId;
  const live = liveAvailability(provider, env);
  if (!live.configured) return err({ code: "provider:not_configured", message: live.reason ?? "This provider is not configured." });

  const timeoutMs = options.timeoutMs ?? 60_000;
  let client: ProviderClient;
  try {
    client = createLiveClient(provider, { timeoutMs, env, bedrockEndpoint: mantle ? "mantle" : "invoke", ...(deps.vertexAuthClient ? { vertexAuthClient: deps.vertexAuthClient } : {}) });
  } catch {
    return err({ code: "provider:not_configured", message: `The ${provider} client could not be created from the server's settings: check .env.local.` });
  }
  const byPath = new Map(analysis.positions.map((p) => [p.path, p]));
  const out: PrefixCount[] = [];
  for (const b of analysis.breakpoints) {
    if (b.status !== "kept" || !b.landedAt) continue;
    const position = byPath.get(b.landedAt.path);
    if (!position) continue;
    const prefix = promptUpTo(parts, position);
    const withPlaceholderTurn = prefix.messages.length === 0;
    const counted: PromptParts = withPlaceholderTurn ? { ...prefix, messages: [PLACEHOLDER_TURN] } : prefix;
    const key = cacheKey(mantle ? "bedrock-mantle" : provider, modelId, counted);
    let tokens = cache.get(key);
    if (tokens === undefined) {
      try {
        tokens = await countOnce(client, provider === "bedrock" && !mantle, modelId, counted, bedrockAnthropicVersion(model), timeoutMs);
      } catch (e) {
        return err(toAppError(e, { provider, modelId, timedOut: false, timeoutMs, midStream: false }));
      }
      remember(key, tokens);
    }
    out.push({ path: b.landedAt.path, tokens, withPlaceholderTurn });
  }
  return ok(out);
}
