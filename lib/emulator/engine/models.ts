// Which models the emulator answers for, and on which surface. The catalog (lib/cache/catalog.ts) is
// the source; the first-party ids the SDK's `Model` union lists but the catalog does not price yet are
// accepted too, so a request the real API would serve never gets a 404 here (docs/reference/anthropic-caching.md §6.6). Their
// minimums are not published (docs/reference/anthropic-caching.md §1.5, §9): each takes its predecessor's, as noted.
//
// Model ids belong to their surface (docs/reference/anthropic-caching.md §6.6): the Claude API and Foundry take first-party ids
// only, Bedrock InvokeModel its `anthropic.…` ids (through an inference profile where the model needs
// one, §6.1), Claude in Amazon Bedrock ("Mantle") its own `anthropic.…` ids (§6.2), Vertex its
// `…@date` ids. Each surface refuses the others' ids in its own error shape.
import { type BedrockGeo, BEDROCK_GEOS, CATALOG, type CatalogModel, type Tokenizer, findModel, minCacheableTokens, snapshotIds } from "@/lib/cache/catalog";
import type { ProviderId } from "@/lib/cache/wire-types";
import { invalidRequest, notFound } from "./errors";
import type { EngineError } from "./types";

export interface EmulatedModel {
  /** Cache identity: dated snapshots and provider ids of one model share it. */
  id: string;
  minimum: number;
  /** What the token estimate needs (catalog `tokenModelFor`): the tokenizer and the tool-use system prompt. */
  tokenizer: Tokenizer;
  toolUsePrompt: { auto: number; any: number };
  /** Whether Bedrock InvokeModel accepts `anthropic_version: "2026-10-21"` for it (docs/reference/anthropic-caching.md §5.3). */
  accepts2026OnBedrock: boolean;
}

/** The surfaces that name models differently: the four providers, and Mantle beside Bedrock InvokeModel. */
export type ModelSurface = ProviderId | "bedrock-mantle";

interface Unpriced {
  minimum: number;
  note: string;
  /** Served on Claude in Amazon Bedrock ("Mantle") as `anthropic.<id>` (docs/reference/anthropic-caching.md §6.2). */
  mantle?: boolean;
}

// All of these are Claude 4.7 or later, so Bedrock takes API version 2026-10-21 for them (docs/reference/anthropic-caching.md §5.3).
const UNPRICED: Record<string, Unpriced> = {
  "claude-mythos-preview": { minimum: 2048, note: "docs: Opus 4.7 / Mythos Preview 2,048", mantle: true },
  "claude-mythos-5": { minimum: 512, note: "docs: Opus 5 / Fable 5 / Mythos 5 512" },
  "claude-fable-5-1": { minimum: 512, note: "third-party release notes: Fable 5.1 keeps 512" },
  "claude-mythos-5-1": { minimum: 512, note: "assumed: Mythos 5's" },
  "claude-fable-5-2": { minimum: 512, note: "assumed: Fable 5.1's" },
  "claude-mythos-5-2": { minimum: 512, note: "assumed: Mythos 5's" },
  "claude-opus-5-5": { minimum: 512, note: "assumed: Opus 5's" },
  "claude-sonnet-5-5": { minimum: 1024, note: "assumed: Sonnet 5's" },
  "claude-haiku-5-5": { minimum: 4096, note: "assumed: Haiku 4.5's" },
};

export type ModelLookup = { ok: true; model: EmulatedModel } | { ok: false; error: EngineError };

const found = (model: CatalogModel, provider: ProviderId): ModelLookup => ({
  ok: true,
  model: {
    id: model.id,
    minimum: minCacheableTokens(model, provider),
    accepts2026OnBedrock: model.bedrock?.accepts2026Version ?? false,
    tokenizer: model.tokenizer,
    toolUsePrompt: model.toolUsePrompt,
  },
});
// Newer than Claude Opus 4.7, so on its tokenizer; their tool-use prompts are not published, so
// Claude Opus 5's (assumed).
const foundUnpriced = (id: string): ModelLookup => ({
  ok: true,
  model: { id, minimum: UNPRICED[id]!.minimum, accepts2026OnBedrock: true, tokenizer: "claude-4.7", toolUsePrompt: { auto: 286, any: 406 } },
});

/** Bedrock's answer to an id it does not know (a ValidationException, 400), e.g. https://github.com/aws-samples/amazon-bedrock-workshop/issues/315. */
export const BEDROCK_INVALID_MODEL = "The provided model identifier is invalid.";

/**
 * Bedrock's answer to the base id of a model served only through an inference profile
 * (docs/reference/anthropic-caching.md §6.1; the text as AWS sends it, curly apostrophe included, e.g.
 * https://github.com/anthropics/anthropic-sdk-python/issues/894).
 */
export function bedrockProfileRequired(id: string): string {
  return `Invocation of model ID ${id} with on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that contains this model.`;
}

/** Vertex's 404 for a model it does not serve (Google's wording, e.g. https://github.com/pydantic/pydantic-ai/issues/5002). */
export function vertexModelNotFound(model: string, project = "PROJECT", location = "LOCATION"): string {
  return `Publisher Model \`projects/${project}/locations/${location}/publishers/anthropic/models/${model}\` was not found or your project does not have access to it. Please ensure you are using a valid model version. For more information, see: https://cloud.google.com/vertex-ai/generative-ai/docs/learn/model-versions`;
}

const byBedrockBase = new Map<string, CatalogModel>();
const byMantleId = new Map<string, CatalogModel>();
const byVertexId = new Map<string, CatalogModel>();
for (const model of CATALOG) {
  if (model.ids.bedrock) byBedrockBase.set(model.ids.bedrock, model);
  if (model.bedrock?.mantleId) byMantleId.set(model.bedrock.mantleId, model);
  if (model.ids.vertex) byVertexId.set(model.ids.vertex, model);
}

const GEO_PREFIX = new RegExp(`^(${BEDROCK_GEOS.join("|")})\\.(anthropic\\..+)$`);

/**
 * Bedrock's CountTokens takes base foundation-model ids only: "cross-region inference profile ids
 * (the us./eu./global. prefixes) 400 with 'The provided model doesn't support counting tokens'"
 * (pydantic-ai's Bedrock count-tokens client, https://github.com/pydantic/pydantic-ai, models/_anthropic_bedrock_count_tokens.py).
 */
export const BEDROCK_COUNT_UNSUPPORTED = "The provided model doesn't support counting tokens";

function resolveBedrockCount(id: string): ModelLookup {
  if (GEO_PREFIX.test(id)) return { ok: false, error: invalidRequest(BEDROCK_COUNT_UNSUPPORTED) };
  const model = byBedrockBase.get(id);
  if (model) return found(model, "bedrock");
  const unpriced = /^anthropic\.(.+)$/.exec(id)?.[1];
  if (unpriced && UNPRICED[unpriced]) return foundUnpriced(unpriced);
  return { ok: false, error: invalidRequest(BEDROCK_INVALID_MODEL) };
}

function resolveBedrock(id: string): ModelLookup {
  // Bedrock also takes the ARN of a foundation model or a system inference profile (docs/reference/anthropic-caching.md §6.1):
  // arn:aws:bedrock:<region>:<account>:(foundation-model|inference-profile)/<model id>.
  const arn = /^arn:aws[\w-]*:bedrock:[^:]*:[^:]*:(?:foundation-model|inference-profile)\/(.+)$/.exec(id);
  if (arn) return resolveBedrock(arn[1]!);
  const profile = GEO_PREFIX.exec(id);
  const geo = profile?.[1] as BedrockGeo | undefined;
  const base = profile?.[2] ?? id;
  const model = byBedrockBase.get(base);
  if (model) {
    const facts = model.bedrock;
    if (geo) return facts && !facts.profiles.includes(geo) ? { ok: false, error: invalidRequest(BEDROCK_INVALID_MODEL) } : found(model, "bedrock");
    return facts?.profileRequired ? { ok: false, error: invalidRequest(bedrockProfileRequired(id)) } : found(model, "bedrock");
  }
  // Models newer than the catalog: Claude 4.7 and later, served like the newest catalog models.
  const unpriced = /^anthropic\.(.+)$/.exec(base)?.[1];
  if (unpriced && UNPRICED[unpriced]) return geo ? foundUnpriced(unpriced) : { ok: false, error: invalidRequest(bedrockProfileRequired(id)) };
  return { ok: false, error: invalidRequest(BEDROCK_INVALID_MODEL) };
}

function resolveFirstParty(id: string, provider: "anthropic" | "foundry"): ModelLookup | null {
  const model = findModel(id);
  if (model && model.ids[provider] && (model.ids[provider] === id || model.id === id || snapshotIds(model).includes(id))) return found(model, provider);
  if (UNPRICED[id]) return foundUnpriced(id);
  return null;
}

/**
 * The model a request names on a surface, or the error that surface answers: the Claude API and
 * Foundry 404 `model: <id>` (docs/reference/anthropic-caching.md §5.5), Bedrock a 400 ValidationException (§6.1), Vertex
 * Google's 404 NOT_FOUND (rendered by the wire layer from `vertexModelNotFound`).
 */
export function resolveModel(
  id: string,
  surface: ModelSurface,
  vertexResource?: { project: string; location: string },
  kind: "messages" | "count_tokens" = "messages",
): ModelLookup {
  switch (surface) {
    case "anthropic":
    case "foundry":
      return resolveFirstParty(id, surface) ?? { ok: false, error: notFound(`model: ${id}`) };
    case "bedrock":
      return kind === "count_tokens" ? resolveBedrockCount(id) : resolveBedrock(id);
    case "bedrock-mantle": {
      const model = byMantleId.get(id);
      if (model) return found(model, "bedrock");
      const unpriced = /^anthropic\.(.+)$/.exec(id)?.[1];
      if (unpriced && UNPRICED[unpriced]?.mantle) return foundUnpriced(unpriced);
      return { ok: false, error: notFound(`model: ${id}`) };
    }
    case "vertex": {
      const model = byVertexId.get(id);
      if (model) return found(model, "vertex");
      if (UNPRICED[id]) return foundUnpriced(id);
      return { ok: false, error: notFound(vertexModelNotFound(id, vertexResource?.project, vertexResource?.location)) };
    }
  }
}

/**
 * Models that take `role: "system"` messages mid-conversation (docs/reference/anthropic-caching.md §1.7:
 * Fable 5, Mythos 5, Opus 4.8, Opus 5, not Sonnet 5; §5.3 "Opus 4.8+"); their later versions are assumed to
 * as well.
 */
const SYSTEM_MESSAGE_MODELS = new Set([
  "claude-opus-4-8",
  "claude-opus-5",
  "claude-opus-5-5",
  "claude-fable-5",
  "claude-fable-5-1",
  "claude-fable-5-2",
  "claude-mythos-5",
  "claude-mythos-5-1",
  "claude-mythos-5-2",
]);

export function acceptsSystemMessages(model: EmulatedModel): boolean {
  return SYSTEM_MESSAGE_MODELS.has(model.id);
}

/**
 * The effort a model uses when `output_config.effort` is omitted: "Most Claude models default to high
 * effort …; Claude Opus 5.5 and Claude Haiku 5.5 default to medium"
 * (https://platform.claude.com/docs/en/build-with-claude/effort).
 */
export function defaultEffort(model: EmulatedModel): "high" | "medium" {
  return model.id === "claude-opus-5-5" || model.id === "claude-haiku-5-5" ? "medium" : "high";
}

/**
 * Whether a model keeps the thinking blocks of earlier turns when new non-tool-result user content
 * arrives: "Opus 4.5+/Sonnet 4.6+ keep thinking blocks; earlier Opus/Sonnet and all Haiku strip them"
 * (docs/reference/anthropic-caching.md §1.7). Fable and Mythos, newer than Opus 4.5, are assumed to keep them.
 */
export function keepsThinkingBlocks(model: EmulatedModel): boolean {
  const m = /^claude-(opus|sonnet|haiku|fable|mythos)-(\d+)(?:-(\d+))?/.exec(model.id);
  if (!m) return false; // claude-3-… and older
  const [, line, major, minor = "0"] = m;
  const version = Number(major) + Number(minor) / 10;
  if (line === "haiku") return false;
  if (line === "opus") return version >= 4.5;
  if (line === "sonnet") return version >= 4.6;
  return true;
}
