// buildRequest: an experiment → the exact body a provider receives, with the semantics of the Pydantic
// AI release the experiment names (semantics.ts; docs/reference/pydantic-ai-caching.md §1.1 pipeline and §12
// algorithm for v1.74.0, docs/reference/pydantic-ai-2.md §2.1 and §2.14 for v1.107.5 and v2.33.0) and the
// analysis of every breakpoint. The one request builder (docs/style.md habit 12): preview, runs, export and CLI all use it.
import { type Analysis, analyzeRequest } from "./analysis";
import { automaticTarget } from "./automatic-cache";
import { type BreakpointRequest, makeCacheControl, resolveTtl } from "./breakpoint-trace";
import { mapMessages } from "./build-messages";
import { mapTools, profileModelName } from "./build-tools";
import { type CatalogModel, type ModelIdOptions, bedrockAnthropicVersion, findModel, providerModelId } from "./catalog";
import type { Experiment } from "./experiment-schema";
import { limitBreakpoints } from "./limit-breakpoints";
import { type DocumentPath, type PathMap, type RequestPath, documentPath, pathMap, requestPath } from "./paths";
import { type Result, err, ok } from "./result";
import { MAX_BREAKPOINTS, PYDANTIC_AI_ERRORS } from "./rules";
import { automaticCacheSetting, bedrockTtlOf, rulesOf, sendsTopLevelCacheControl } from "./semantics";
import type { AnthropicBody, CacheControl, MessageParam, PromptParts, ProviderId, RequestBody, TextBlock, ToolParam, VersionedBody } from "./wire-types";

/**
 * rawPredict names the API version in the body instead of a header (docs/reference/anthropic-caching.md §6.3). InvokeModel
 * does too, with the version each model accepts (catalog `bedrockAnthropicVersion`, docs/reference/anthropic-caching.md §5.3):
 * the body carries it, so the Bedrock SDK's own default (2026-10-21) never reaches an older model.
 */
const VERTEX_ANTHROPIC_VERSION = "vertex-2023-10-16";

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
   * Request path → document path for every tool, the system block and every message block: the one
   * mapping (empty text and cache_points make no block; tools are deduplicated; the memory builtin
   * takes the place of the function tool it replaces).
   */
  paths: PathMap;
}

/** The id a provider expects: the catalog's, or the experiment's as written when unknown there. */
function resolveModelId(
  modelName: string,
  provider: ProviderId,
  options: ModelIdOptions = {},
): { model: CatalogModel | undefined; modelId: string } {
  const model = findModel(modelName);
  return { model, modelId: (model && providerModelId(model, provider, options)) ?? modelName };
}

function assembleBody(provider: ProviderId, model: CatalogModel | undefined, modelId: string, maxTokens: number, parts: PromptParts, mantle: boolean): RequestBody {
  // Empty system and tools are omitted, never sent empty (docs/reference/pydantic-ai-caching.md §1.1); the
  // top-level cache_control only when automatic caching is sent (`cache_control=auto_cache_control or OMIT`,
  // models/anthropic.py 972 at v2.33.0).
  const rest: { system?: string | TextBlock[]; tools?: ToolParam[]; messages: MessageParam[]; cache_control?: CacheControl } = {
    ...(parts.system !== undefined ? { system: parts.system } : {}),
    ...(parts.tools && parts.tools.length > 0 ? { tools: parts.tools } : {}),
    messages: parts.messages,
    ...(parts.cache_control ? { cache_control: parts.cache_control } : {}),
  };
  // Claude in Amazon Bedrock takes the first-party body, model included (docs/reference/anthropic-caching.md §6.2).
  if (mantle) return { model: modelId, max_tokens: maxTokens, ...rest } satisfies AnthropicBody;
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

function documentPaths(
  toolSources: readonly DocumentPath[],
  system: PromptParts["system"],
  systemSources: readonly DocumentPath[],
  blockIndex: readonly (readonly number[])[],
  messageIndex: readonly number[],
): PathMap {
  const pairs: [RequestPath, DocumentPath][] = toolSources.map((source, i) => [requestPath.tool(i), source]);
  // The system prompt: one string, or blocks (the joined prompt, then each instruction part from v1.77.0).
  if (typeof system === "string") pairs.push([requestPath.system(false), systemSources[0] ?? documentPath.top("system")]);
  else if (system !== undefined) systemSources.forEach((source, i) => pairs.push([requestPath.systemBlock(i), source]));
  blockIndex.forEach((indices, m) => {
    const wireMessage = messageIndex[m]!;
    indices.forEach((wireBlock, c) => {
      if (wireBlock >= 0) pairs.push([requestPath.block(wireMessage, wireBlock), documentPath.item(m, c)]);
    });
  });
  return pathMap(pairs);
}

/**
 * Builds the request body and its analysis. Fails (as a value) with Pydantic AI's own words where
 * it raises UserError: a misplaced CachePoint ("cache_point_error") or a MemoryTool with no memory tool.
 */
export function buildRequest(experiment: Experiment, options: BuildOptions = {}): Result<BuildOutput> {
  const provider = options.provider ?? experiment.provider;
  const rules = rulesOf(experiment);
  // Pydantic AI v1.74.0 strips ttl for an AsyncAnthropicBedrock client (docs/reference/pydantic-ai-caching.md §8)
  // and v1.75.0 on sends it (docs/reference/pydantic-ai-2.md §2.2); provider_options.bedrock_ttl overrides
  // either (docs/design.md §4).
  // The rule is AsyncAnthropicBedrock's (InvokeModel); Claude in Amazon Bedrock is reached through
  // AnthropicBedrockMantle, which Pydantic AI treats as the Messages API (models/anthropic.py 278 at
  // v2.33.0: automatic caching on, nothing stripped).
  const mantle = provider === "bedrock" && experiment.provider_options.bedrock_endpoint === "mantle";
  const stripTtl = provider === "bedrock" && !mantle && bedrockTtlOf(experiment) === "omit";
  const { model, modelId } = resolveModelId(experiment.model, provider, {
    bedrockGeo: experiment.provider_options.bedrock_profile,
    bedrockEndpoint: experiment.provider_options.bedrock_endpoint,
  });

  // Pipeline order of `_messages_create` (docs/reference/pydantic-ai-caching.md §1.1; docs/reference/pydantic-ai-2.md §2.1): tools
  // (cached, then builtins), automatic caching, messages and system, the message caches, the limit.
  const tools = mapTools(experiment, stripTtl, rules, { provider, profileModel: profileModelName(modelId) });
  if (!tools.ok) return tools;
  const automatic = automaticCacheSetting(experiment);
  if (automatic !== false && experiment.settings.cache_messages !== false) {
    return err({ code: "cache_setting_error", message: PYDANTIC_AI_ERRORS.cacheConflict, issues: [{ path: "settings.cache", message: "turn off settings.cache or settings.cache_messages: Pydantic AI refuses both" }] });
  }
  const mapped = mapMessages(experiment, stripTtl, provider);
  if (!mapped.ok) return mapped;
  const { messages, system } = mapped.value;

  const parts: PromptParts = { messages };
  if (system !== undefined) parts.system = system;
  if (tools.value.tools.length > 0) parts.tools = tools.value.tools;
  const requests = [...tools.value.requests, ...mapped.value.requests];
  let automaticRequest: BreakpointRequest | null = null;
  if (automatic !== false && (sendsTopLevelCacheControl(provider) || mantle)) {
    // The top-level field takes one of the 4 slots, so the explicit budget is 3 (A 2295 at v2.33.0).
    const ttl = resolveTtl(automatic);
    parts.cache_control = makeCacheControl(ttl, false);
    automaticRequest = { id: "setting:cache", origin: { kind: "setting", setting: "cache" }, requestedTtl: ttl, target: null, automatic: true };
    requests.push(automaticRequest);
  }
  const removed = limitBreakpoints(system, tools.value.tools, messages, automaticRequest ? MAX_BREAKPOINTS - 1 : MAX_BREAKPOINTS);
  if (automaticRequest) automaticRequest.target = automaticTarget(parts);

  const body = assembleBody(provider, model, modelId, experiment.max_tokens, parts, mantle);
  const paths = documentPaths(tools.value.sources, system, mapped.value.systemSources, mapped.value.blockIndex, mapped.value.messageIndex);
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
    systemSources: mapped.value.systemSources,
    paths,
  });
  return ok({ provider, model, modelId, body, parts, analysis, paths });
}
