// buildRequest: an experiment → the exact body a provider receives, with Pydantic AI v1.74.0's semantics
// (docs/reference/pydantic-ai-caching.md §1.1 pipeline, §12 algorithm) and the analysis of every breakpoint.
// The one request builder (docs/style.md habit 12): preview, runs, export and CLI all use it.
import { type Analysis, analyzeRequest } from "./analysis";
import { mapMessages } from "./build-messages";
import { mapTools } from "./build-tools";
import { type CatalogModel, type ModelIdOptions, bedrockAnthropicVersion, findModel, providerModelId } from "./catalog";
import type { Experiment } from "./experiment-schema";
import { limitBreakpoints } from "./limit-breakpoints";
import { type Result, ok } from "./result";
import type { AnthropicBody, MessageParam, PromptParts, ProviderId, RequestBody, TextBlock, ToolParam, VersionedBody } from "./wire-types";

/**
 * rawPredict names the API version in the body instead of a header (docs/reference/anthropic-caching.md §6.3). InvokeModel
 * does too, with the version each model accepts (catalog `bedrockAnthropicVersion`, docs/reference/anthropic-caching.md §5.3):
 * the body carries it, so the Bedrock SDK's own default (2026-10-21) never reaches an older model.
 */
export const VERTEX_ANTHROPIC_VERSION = "vertex-2023-10-16";

export interface BuildOptions {
  /** Overrides the experiment's provider (the wire dialect). */
  provider?: ProviderId;
}

export interface BuildOutput {
  provider: ProviderId;
  /** The catalog entry, or undefined for a model CacheLab does not know. */
  model: CatalogModel | undefined;
  /** The id this provider expects (in the body for Anthropic/Foundry, in the URL for Bedrock/Vertex). */
  modelId: string;
  body: RequestBody;
  /** The cached-prefix part of the body (the same objects, not copies). */
  parts: PromptParts;
  analysis: Analysis;
  /**
   * Wire path → experiment path for every tool, the system block and every message block, by the
   * builder's own mapping (empty text and cache_points make no block; tools are deduplicated).
   */
  experimentPaths: Record<string, string>;
}

/** The id a provider expects: the catalog's, or the experiment's as written when unknown there. */
export function resolveModelId(
  modelName: string,
  provider: ProviderId,
  options: ModelIdOptions = {},
): { model: CatalogModel | undefined; modelId: string } {
  const model = findModel(modelName);
  return { model, modelId: (model && providerModelId(model, provider, options)) ?? modelName };
}

function assembleBody(provider: ProviderId, model: CatalogModel | undefined, modelId: string, maxTokens: number, parts: PromptParts): RequestBody {
  // Empty system and tools are omitted, never sent empty (docs/reference/pydantic-ai-caching.md §1.1).
  const rest: { system?: string | TextBlock[]; tools?: ToolParam[]; messages: MessageParam[] } = {
    ...(parts.system !== undefined ? { system: parts.system } : {}),
    ...(parts.tools && parts.tools.length > 0 ? { tools: parts.tools } : {}),
    messages: parts.messages,
  };
  switch (provider) {
    case "anthropic":
    case "foundry":
      return { model: modelId, max_tokens: maxTokens, ...rest } satisfies AnthropicBody;
    case "bedrock":
      return { anthropic_version: bedrockAnthropicVersion(model), max_tokens: maxTokens, ...rest } satisfies VersionedBody;
    case "vertex":
      return { anthropic_version: VERTEX_ANTHROPIC_VERSION, max_tokens: maxTokens, ...rest } satisfies VersionedBody;
  }
}

function experimentPathMap(
  experiment: Experiment,
  toolSources: readonly string[],
  system: PromptParts["system"],
  blockIndex: readonly (readonly number[])[],
  messageIndex: readonly number[],
): Record<string, string> {
  const map: Record<string, string> = {};
  toolSources.forEach((source, i) => (map[`tools[${i}]`] = source));
  if (system !== undefined) {
    // One joined block (docs/reference/pydantic-ai-caching.md §1.2): point at the first part that has text,
    // or the instructions.
    const first = experiment.system.findIndex((part) => part !== "");
    map[Array.isArray(system) ? "system[0]" : "system"] = first >= 0 ? `system[${first}]` : experiment.instructions ? "instructions" : "system";
  }
  blockIndex.forEach((indices, m) => {
    const wireMessage = messageIndex[m]!;
    indices.forEach((wireBlock, c) => {
      if (wireBlock >= 0) map[`messages[${wireMessage}].content[${wireBlock}]`] = `messages[${m}].content[${c}]`;
    });
  });
  return map;
}

/**
 * Builds the request body and its analysis. Fails (as a value) with Pydantic AI's own words where
 * it raises UserError: a misplaced CachePoint ("cache_point_error") or a MemoryTool with no memory tool.
 */
export function buildRequest(experiment: Experiment, options: BuildOptions = {}): Result<BuildOutput> {
  const provider = options.provider ?? experiment.provider;
  // Pydantic AI v1.74.0 strips ttl for an AsyncAnthropicBedrock client
  // (docs/reference/pydantic-ai-caching.md §8); docs/design.md §4 lets an experiment send it, since Bedrock
  // now accepts it.
  const stripTtl = provider === "bedrock" && experiment.provider_options.bedrock_ttl !== "send";
  const { model, modelId } = resolveModelId(experiment.model, provider, { bedrockGeo: experiment.provider_options.bedrock_profile });

  // Pipeline order of `_messages_create` (docs/reference/pydantic-ai-caching.md §1.1): tools (cached, then
  // builtins), messages and system, then the limit.
  const tools = mapTools(experiment, stripTtl);
  if (!tools.ok) return tools;
  const mapped = mapMessages(experiment, stripTtl);
  if (!mapped.ok) return mapped;
  const { messages, system } = mapped.value;
  const removed = limitBreakpoints(system, tools.value.tools, messages);

  const parts: PromptParts = { messages };
  if (system !== undefined) parts.system = system;
  if (tools.value.tools.length > 0) parts.tools = tools.value.tools;
  const body = assembleBody(provider, model, modelId, experiment.max_tokens, parts);
  const requests = [...tools.value.requests, ...mapped.value.requests];
  const analysis = analyzeRequest({
    experiment,
    provider,
    model,
    modelId,
    parts,
    requests,
    removed,
    stripTtl,
    messageIndex: mapped.value.messageIndex,
    blockIndex: mapped.value.blockIndex,
  });
  const experimentPaths = experimentPathMap(experiment, tools.value.sources, system, mapped.value.blockIndex, mapped.value.messageIndex);
  return ok({ provider, model, modelId, body, parts, analysis, experimentPaths });
}
