// The model catalog (docs/design.md §6): one typed, dated table. Numbers drift, so each carries its source
// and the date it was read; the UI shows the date and an experiment may override a minimum or a price.
// Sources: docs/reference/anthropic-caching.md §1.5 (minimums), §2 (prices), §6.6 (ids per provider).
import type { TokenModel } from "./prefix";
import { NEWER_TOKENIZER_SCALE } from "./tokens";
import { type Tokens, type UsdPerMTok, tokens, usdPerMTok } from "./units";
import type { ProviderId } from "./wire-types";

export interface ModelPrices {
  input: UsdPerMTok;
  write5m: UsdPerMTok;
  write1h: UsdPerMTok;
  read: UsdPerMTok;
  output: UsdPerMTok;
}

export interface SourcedNumber {
  source: string;
  date: string;
}

export interface CatalogModel {
  /** CacheLab's id: the first-party alias. */
  id: string;
  displayName: string;
  /** Model id per provider; absent where the provider does not offer the model. */
  ids: Partial<Record<ProviderId, string>>;
  /** Minimum cacheable prompt length in tokens, per provider where they differ. */
  minCacheableTokens: Tokens;
  minCacheableTokensByProvider?: Partial<Record<ProviderId, Tokens>>;
  prices: ModelPrices;
  /** Whether a 1h TTL is accepted, per provider. */
  supports1h: Partial<Record<ProviderId, boolean>>;
  status: "active" | "retired";
  /** Date the model was retired on the first-party API, if it was. */
  retiredOn?: string;
  /** How Bedrock serves the model (present whenever `ids.bedrock` is). */
  bedrock?: BedrockFacts;
  /** Which tokenizer counts its tokens: the one before Claude Opus 4.7, or the newer one (~30% more tokens). */
  tokenizer: Tokenizer;
  /**
   * Tokens of the system prompt the API adds whenever tools are present, by tool_choice: `auto` (and
   * `none`) or `any`/`tool` (https://platform.claude.com/docs/en/agents-and-tools/tool-use/overview#pricing).
   */
  toolUsePrompt: { auto: number; any: number };
  sources: { minimum: SourcedNumber; prices: SourcedNumber; ids: SourcedNumber };
}

/** Where the per-model tool-use prompt sizes come from (one table for every model). */
const TOOL_USE_PROMPT_SOURCE = "https://platform.claude.com/docs/en/agents-and-tools/tool-use/overview#pricing, read 2026-11-30";

/**
 * Geographies of Bedrock's cross-region (system-defined) inference profiles: the id is the base id
 * with `<geo>.` in front, e.g. `global.anthropic.claude-sonnet-4-6` (docs/reference/anthropic-caching.md §6.1, §6.6).
 */
export const BEDROCK_GEOS = ["global", "us", "eu", "jp", "apac", "au"] as const;
export type BedrockGeo = (typeof BEDROCK_GEOS)[number];

/** `anthropic_version` values Bedrock InvokeModel takes in the body (docs/reference/anthropic-caching.md §5.3, §6.1, §7.3). */
const BEDROCK_VERSION_LEGACY = "bedrock-2023-05-31";
export const API_VERSION_2026 = "2026-10-21";

export type Tokenizer = "claude-4" | "claude-4.7";

export interface BedrockFacts {
  /** The inference profiles offered for the model, by geography. */
  profiles: readonly BedrockGeo[];
  /**
   * InvokeModel refuses the base id ("on-demand throughput isn't supported", 400) and takes only
   * an inference profile (docs/reference/anthropic-caching.md §6.1).
   */
  profileRequired: boolean;
  /** Whether InvokeModel accepts `anthropic_version: "2026-10-21"` (Claude 4.7 and later, docs/reference/anthropic-caching.md §5.3). */
  accepts2026Version: boolean;
  /** The id on Claude in Amazon Bedrock ("Mantle", `/anthropic/v1/messages`), where it serves the model (docs/reference/anthropic-caching.md §6.2). */
  mantleId?: string;
  source: SourcedNumber;
}

const CACHING_DOCS_AUG_2026: SourcedNumber = {
  source: "https://platform.claude.com/docs/en/build-with-claude/prompt-caching (Cache limitations, Aug-2026 snapshot)",
  date: "2026-08-23",
};
const PRICING_AUG_2026: SourcedNumber = {
  source: "https://platform.claude.com/docs/en/about-claude/pricing (Aug-2026 snapshot)",
  date: "2026-08-23",
};
const IDS_SOURCE: SourcedNumber = {
  source: "docs/reference/anthropic-caching.md §6.6 (Claude API, Bedrock, Vertex and Foundry model pages)",
  date: "2026-11-25",
};

// Anthropic's Bedrock page lists, per model, the base id and which of global/us/eu/jp/apac profiles
// exist; it says newer models need a profile on InvokeModel and that their base id answers 400.
const BEDROCK_PAGE: SourcedNumber = {
  source:
    "https://platform.claude.com/docs/en/build-with-claude/claude-on-amazon-bedrock-legacy (API model IDs table: base id and global/us/eu/jp/apac profiles); docs/reference/anthropic-caching.md §6.1, §6.6",
  date: "2026-11-30",
};
const BEDROCK_NEW_MODELS: SourcedNumber = {
  source:
    "https://platform.claude.com/docs/en/build-with-claude/claude-on-amazon-bedrock-legacy (Opus 4.7 and later: InvokeModel without ARN versions, inference profile required) and https://platform.claude.com/docs/en/build-with-claude/claude-in-amazon-bedrock (Mantle ids, docs/reference/anthropic-caching.md §6.2); API version 2026-10-21 on Bedrock only for Claude 4.7+ (docs/reference/anthropic-caching.md §5.3). Profiles: global and us are the ones public clients use for these models; others not confirmed",
  date: "2026-11-30",
};
const BEDROCK_OPUS_4_7: SourcedNumber = {
  source:
    "https://docs.aws.amazon.com/bedrock/latest/userguide/model-card-anthropic-claude-opus-4-7.html (anthropic.claude-opus-4-7; us/eu/jp/au/global profiles, no apac); Mantle id docs/reference/anthropic-caching.md §6.2",
  date: "2026-11-30",
};

const HAIKU_4_5_BEDROCK: SourcedNumber = {
  source:
    "docs/reference/anthropic-caching.md §6.6 (base id); global profile: https://aws.amazon.com/blogs/machine-learning/global-cross-region-inference-for-latest-anthropic-claude-opus-sonnet-and-haiku-models-on-amazon-bedrock-in-thailand-malaysia-singapore-indonesia-and-taiwan; us/eu profiles as public clients use them; Mantle id docs/reference/anthropic-caching.md §6.2",
  date: "2026-11-30",
};
const HAIKU_3_5_BEDROCK: SourcedNumber = {
  source: "docs/reference/anthropic-caching.md §6.6 (base id, us profile); served on demand in us-west-2, so the base id is accepted",
  date: "2026-11-30",
};

const bedrockFacts = (
  profiles: readonly BedrockGeo[],
  options: { required?: boolean; accepts2026?: boolean; mantleId?: string; source?: SourcedNumber } = {},
): BedrockFacts => ({
  profiles,
  profileRequired: options.required ?? true,
  accepts2026Version: options.accepts2026 ?? false,
  ...(options.mantleId ? { mantleId: options.mantleId } : {}),
  source: options.source ?? BEDROCK_PAGE,
});
const newBedrockModel = (id: string, profiles: readonly BedrockGeo[] = ["global", "us"], source = BEDROCK_NEW_MODELS) =>
  bedrockFacts(profiles, { accepts2026: true, mantleId: `anthropic.${id}`, source });

// The tool-use system prompt table (TOOL_USE_PROMPT_SOURCE); Fable 5 is not in it and takes Opus 5's.
const toolPrompt = (auto: number, any: number) => ({ auto, any });

const p = (input: number, write5m: number, write1h: number, read: number, output: number): ModelPrices => ({
  input: usdPerMTok(input),
  write5m: usdPerMTok(write5m),
  write1h: usdPerMTok(write1h),
  read: usdPerMTok(read),
  output: usdPerMTok(output),
});

const everywhere1h = { anthropic: true, bedrock: true, vertex: true, foundry: true } as const;

/** The date this table was last checked against its sources; the UI shows it. */
export const CATALOG_DATE = "2026-11-25";

export const CATALOG: readonly CatalogModel[] = [
  {
    id: "claude-sonnet-4-6",
    displayName: "Claude Sonnet 4.6",
    ids: { anthropic: "claude-sonnet-4-6", bedrock: "anthropic.claude-sonnet-4-6", vertex: "claude-sonnet-4-6", foundry: "claude-sonnet-4-6" },
    minCacheableTokens: tokens(1024),
    prices: p(3, 3.75, 6, 0.3, 15),
    supports1h: everywhere1h,
    bedrock: bedrockFacts(["global", "us", "eu", "jp"]),
    tokenizer: "claude-4",
    toolUsePrompt: toolPrompt(497, 589),
    status: "active",
    sources: {
      minimum: { source: `${CACHING_DOCS_AUG_2026.source}; was 2,048 until 2026-05-13`, date: CACHING_DOCS_AUG_2026.date },
      prices: PRICING_AUG_2026,
      ids: IDS_SOURCE,
    },
  },
  {
    id: "claude-opus-4-6",
    displayName: "Claude Opus 4.6",
    ids: { anthropic: "claude-opus-4-6", bedrock: "anthropic.claude-opus-4-6-v1", vertex: "claude-opus-4-6", foundry: "claude-opus-4-6" },
    minCacheableTokens: tokens(4096),
    prices: p(5, 6.25, 10, 0.5, 25),
    supports1h: everywhere1h,
    bedrock: bedrockFacts(["global", "us", "eu", "jp", "apac"]),
    tokenizer: "claude-4",
    toolUsePrompt: toolPrompt(497, 589),
    status: "active",
    sources: { minimum: CACHING_DOCS_AUG_2026, prices: PRICING_AUG_2026, ids: IDS_SOURCE },
  },
  {
    id: "claude-haiku-4-5",
    displayName: "Claude Haiku 4.5",
    ids: {
      anthropic: "claude-haiku-4-5",
      bedrock: "anthropic.claude-haiku-4-5-20251001-v1:0",
      vertex: "claude-haiku-4-5@20251001",
      foundry: "claude-haiku-4-5",
    },
    minCacheableTokens: tokens(4096),
    prices: p(1, 1.25, 2, 0.1, 5),
    supports1h: everywhere1h,
    bedrock: bedrockFacts(["global", "us", "eu"], { mantleId: "anthropic.claude-haiku-4-5", source: HAIKU_4_5_BEDROCK }),
    tokenizer: "claude-4",
    toolUsePrompt: toolPrompt(496, 588),
    status: "active",
    sources: { minimum: CACHING_DOCS_AUG_2026, prices: PRICING_AUG_2026, ids: IDS_SOURCE },
  },
  {
    id: "claude-sonnet-5",
    displayName: "Claude Sonnet 5",
    ids: { anthropic: "claude-sonnet-5", bedrock: "anthropic.claude-sonnet-5", vertex: "claude-sonnet-5", foundry: "claude-sonnet-5" },
    minCacheableTokens: tokens(1024),
    prices: p(2, 2.5, 4, 0.2, 10),
    supports1h: everywhere1h,
    bedrock: newBedrockModel("claude-sonnet-5"),
    tokenizer: "claude-4.7",
    toolUsePrompt: toolPrompt(354, 474),
    status: "active",
    sources: { minimum: CACHING_DOCS_AUG_2026, prices: PRICING_AUG_2026, ids: IDS_SOURCE },
  },
  {
    id: "claude-opus-5",
    displayName: "Claude Opus 5",
    ids: { anthropic: "claude-opus-5", bedrock: "anthropic.claude-opus-5", vertex: "claude-opus-5", foundry: "claude-opus-5" },
    minCacheableTokens: tokens(512),
    prices: p(5, 6.25, 10, 0.5, 25),
    supports1h: everywhere1h,
    bedrock: newBedrockModel("claude-opus-5"),
    tokenizer: "claude-4.7",
    toolUsePrompt: toolPrompt(286, 406),
    status: "active",
    sources: { minimum: CACHING_DOCS_AUG_2026, prices: PRICING_AUG_2026, ids: IDS_SOURCE },
  },
  {
    id: "claude-fable-5",
    displayName: "Claude Fable 5",
    ids: { anthropic: "claude-fable-5", bedrock: "anthropic.claude-fable-5", vertex: "claude-fable-5", foundry: "claude-fable-5" },
    minCacheableTokens: tokens(512),
    prices: p(10, 12.5, 20, 1, 50),
    supports1h: everywhere1h,
    bedrock: newBedrockModel("claude-fable-5"),
    tokenizer: "claude-4.7",
    toolUsePrompt: toolPrompt(286, 406),
    status: "active",
    sources: { minimum: CACHING_DOCS_AUG_2026, prices: PRICING_AUG_2026, ids: IDS_SOURCE },
  },
  {
    id: "claude-opus-4-8",
    displayName: "Claude Opus 4.8",
    ids: { anthropic: "claude-opus-4-8", bedrock: "anthropic.claude-opus-4-8", vertex: "claude-opus-4-8", foundry: "claude-opus-4-8" },
    minCacheableTokens: tokens(1024),
    prices: p(5, 6.25, 10, 0.5, 25),
    supports1h: everywhere1h,
    bedrock: newBedrockModel("claude-opus-4-8"),
    tokenizer: "claude-4.7",
    toolUsePrompt: toolPrompt(290, 410),
    status: "active",
    sources: {
      minimum: { source: "https://platform.claude.com/docs/en/release-notes/overview (2026-05-28)", date: "2026-05-28" },
      prices: PRICING_AUG_2026,
      ids: IDS_SOURCE,
    },
  },
  {
    id: "claude-opus-4-7",
    displayName: "Claude Opus 4.7",
    ids: { anthropic: "claude-opus-4-7", bedrock: "anthropic.claude-opus-4-7", vertex: "claude-opus-4-7", foundry: "claude-opus-4-7" },
    minCacheableTokens: tokens(2048),
    prices: p(5, 6.25, 10, 0.5, 25),
    supports1h: everywhere1h,
    bedrock: newBedrockModel("claude-opus-4-7", ["global", "us", "eu", "jp", "au"], BEDROCK_OPUS_4_7),
    tokenizer: "claude-4.7",
    toolUsePrompt: toolPrompt(675, 804),
    status: "active",
    sources: {
      minimum: { source: `${CACHING_DOCS_AUG_2026.source}; was 4,096 until 2026-06-09`, date: CACHING_DOCS_AUG_2026.date },
      prices: PRICING_AUG_2026,
      ids: IDS_SOURCE,
    },
  },
  {
    id: "claude-opus-4-5",
    displayName: "Claude Opus 4.5",
    ids: {
      anthropic: "claude-opus-4-5",
      bedrock: "anthropic.claude-opus-4-5-20251101-v1:0",
      vertex: "claude-opus-4-5@20251101",
      foundry: "claude-opus-4-5",
    },
    minCacheableTokens: tokens(4096),
    prices: p(5, 6.25, 10, 0.5, 25),
    supports1h: everywhere1h,
    bedrock: bedrockFacts(["global", "us", "eu"]),
    tokenizer: "claude-4",
    toolUsePrompt: toolPrompt(496, 588),
    status: "active",
    sources: { minimum: CACHING_DOCS_AUG_2026, prices: PRICING_AUG_2026, ids: IDS_SOURCE },
  },
  {
    id: "claude-sonnet-4-5",
    displayName: "Claude Sonnet 4.5",
    ids: {
      anthropic: "claude-sonnet-4-5",
      bedrock: "anthropic.claude-sonnet-4-5-20250929-v1:0",
      vertex: "claude-sonnet-4-5@20250929",
      foundry: "claude-sonnet-4-5",
    },
    minCacheableTokens: tokens(1024),
    prices: p(3, 3.75, 6, 0.3, 15),
    supports1h: everywhere1h,
    bedrock: bedrockFacts(["global", "us", "eu", "jp"]),
    tokenizer: "claude-4",
    toolUsePrompt: toolPrompt(496, 588),
    status: "active",
    sources: { minimum: CACHING_DOCS_AUG_2026, prices: PRICING_AUG_2026, ids: IDS_SOURCE },
  },
  {
    id: "claude-opus-4-1",
    displayName: "Claude Opus 4.1",
    ids: { bedrock: "anthropic.claude-opus-4-1-20250805-v1:0", vertex: "claude-opus-4-1@20250805" },
    minCacheableTokens: tokens(1024),
    prices: p(15, 18.75, 30, 1.5, 75),
    supports1h: { bedrock: true, vertex: true },
    bedrock: bedrockFacts(["us"]),
    tokenizer: "claude-4",
    toolUsePrompt: toolPrompt(313, 315),
    status: "retired",
    retiredOn: "2026-08-05",
    sources: { minimum: CACHING_DOCS_AUG_2026, prices: PRICING_AUG_2026, ids: IDS_SOURCE },
  },
  {
    id: "claude-sonnet-4-0",
    displayName: "Claude Sonnet 4",
    ids: { bedrock: "anthropic.claude-sonnet-4-20250514-v1:0", vertex: "claude-sonnet-4@20250514" },
    minCacheableTokens: tokens(1024),
    prices: p(3, 3.75, 6, 0.3, 15),
    supports1h: { bedrock: true, vertex: true },
    bedrock: bedrockFacts(["global", "us", "eu", "apac"]),
    tokenizer: "claude-4",
    toolUsePrompt: toolPrompt(313, 315),
    status: "retired",
    retiredOn: "2026-06-15",
    sources: { minimum: CACHING_DOCS_AUG_2026, prices: PRICING_AUG_2026, ids: IDS_SOURCE },
  },
  {
    // Retired on the Claude API but still served on Google Cloud (docs/reference/anthropic-caching.md §2.1, §6.6).
    id: "claude-opus-4-0",
    displayName: "Claude Opus 4",
    ids: { vertex: "claude-opus-4@20250514" },
    minCacheableTokens: tokens(1024),
    prices: p(15, 18.75, 30, 1.5, 75),
    supports1h: { vertex: true },
    tokenizer: "claude-4",
    toolUsePrompt: toolPrompt(313, 315),
    status: "retired",
    retiredOn: "2026-06-15",
    sources: { minimum: CACHING_DOCS_AUG_2026, prices: PRICING_AUG_2026, ids: IDS_SOURCE },
  },
  {
    id: "claude-3-5-haiku",
    displayName: "Claude Haiku 3.5",
    ids: { bedrock: "anthropic.claude-3-5-haiku-20241022-v1:0", vertex: "claude-3-5-haiku@20241022" },
    minCacheableTokens: tokens(2048),
    prices: p(0.8, 1, 1.6, 0.08, 4),
    supports1h: { bedrock: true, vertex: true },
    bedrock: bedrockFacts(["us"], { required: false, source: HAIKU_3_5_BEDROCK }),
    tokenizer: "claude-4",
    toolUsePrompt: toolPrompt(264, 355),
    status: "retired",
    retiredOn: "2026-02-19",
    sources: { minimum: CACHING_DOCS_AUG_2026, prices: PRICING_AUG_2026, ids: IDS_SOURCE },
  },
];

const byAnyId = new Map<string, CatalogModel>();
for (const model of CATALOG) {
  byAnyId.set(model.id, model);
  for (const id of Object.values(model.ids)) if (id) byAnyId.set(id, model);
}
// Dated snapshots and cross-region inference profiles name the same model.
const ALIASES: Record<string, string> = {
  "claude-haiku-4-5-20251001": "claude-haiku-4-5",
  "claude-opus-4-5-20251101": "claude-opus-4-5",
  "claude-sonnet-4-5-20250929": "claude-sonnet-4-5",
  "claude-sonnet-4-20250514": "claude-sonnet-4-0",
  "claude-opus-4-1-20250805": "claude-opus-4-1",
  "claude-3-5-haiku-20241022": "claude-3-5-haiku",
  "claude-opus-4-20250514": "claude-opus-4-0",
};

/** The dated first-party snapshot ids of a model (docs/reference/anthropic-caching.md §6.6), e.g. "claude-sonnet-4-5-20250929". */
export function snapshotIds(model: CatalogModel): string[] {
  return Object.entries(ALIASES)
    .filter(([, alias]) => alias === model.id)
    .map(([snapshot]) => snapshot);
}

/** Finds a model by CacheLab id, any provider's id, a dated snapshot, or a Bedrock inference profile. */
export function findModel(id: string): CatalogModel | undefined {
  const direct = byAnyId.get(id);
  if (direct) return direct;
  const alias = ALIASES[id];
  if (alias) return byAnyId.get(alias);
  // Bedrock inference profiles: "global.anthropic.claude-…", "us.anthropic.claude-…".
  const profile = /^(?:global|us|eu|jp|apac|au)\.(anthropic\..+)$/.exec(id);
  if (profile?.[1]) return byAnyId.get(profile[1]);
  return undefined;
}

/**
 * The inference profile a Bedrock request uses for a model: the one asked for where the model offers
 * it, else `global` where offered, else the first one offered (docs/reference/anthropic-caching.md §6.1, §6.6).
 */
function bedrockGeoFor(model: CatalogModel, wanted: BedrockGeo = "global"): BedrockGeo | undefined {
  const offered = model.bedrock?.profiles ?? [];
  if (offered.includes(wanted)) return wanted;
  return offered.includes("global") ? "global" : offered[0];
}

/**
 * Bedrock's two Claude endpoints: InvokeModel on bedrock-runtime (docs/reference/anthropic-caching.md §6.1)
 * and Claude in Amazon Bedrock, "Mantle", with the first-party Messages API at /anthropic/v1/messages
 * (docs/reference/anthropic-caching.md §6.2).
 */
export const BEDROCK_ENDPOINTS = ["invoke", "mantle"] as const;
export type BedrockEndpoint = (typeof BEDROCK_ENDPOINTS)[number];

/**
 * The server tools Claude in Amazon Bedrock refuses (docs/reference/anthropic-caching.md §6.2: no server
 * tools, no structured outputs); the memory tool runs on the client and is not one of them.
 */
export const MANTLE_REFUSED_BUILTINS = ["web_search", "web_fetch", "code_execution"] as const;

/** Whether Claude in Amazon Bedrock serves a model (it has its own list and ids, §6.2). */
export function servedOnMantle(model: CatalogModel | undefined): boolean {
  return Boolean(model?.bedrock?.mantleId);
}

export interface ModelIdOptions {
  /** The Bedrock inference-profile geography (provider_options.bedrock_profile). */
  bedrockGeo?: BedrockGeo;
  /** The Bedrock endpoint (provider_options.bedrock_endpoint); Mantle has its own ids. */
  bedrockEndpoint?: BedrockEndpoint;
}

/**
 * The id a provider expects for a catalog model, or undefined where it is not offered. On Bedrock a
 * model that can only be invoked through an inference profile gets the profile id
 * (`global.anthropic.…`), since InvokeModel answers 400 to its base id (docs/reference/anthropic-caching.md §6.1).
 * On Claude in Amazon Bedrock ("Mantle") the model's Mantle id, where Mantle serves it (docs/reference/anthropic-caching.md §6.2).
 */
export function providerModelId(model: CatalogModel, provider: ProviderId, options: ModelIdOptions = {}): string | undefined {
  if (provider === "bedrock" && options.bedrockEndpoint === "mantle") return model.bedrock?.mantleId;
  const id = model.ids[provider];
  if (provider !== "bedrock" || !id || !model.bedrock?.profileRequired) return id;
  const geo = bedrockGeoFor(model, options.bedrockGeo);
  return geo ? `${geo}.${id}` : id;
}

/** The `anthropic_version` a Bedrock InvokeModel body carries for a model: 2026-10-21 only where it is accepted (docs/reference/anthropic-caching.md §5.3). */
export function bedrockAnthropicVersion(model: CatalogModel | undefined): string {
  return model?.bedrock?.accepts2026Version ? API_VERSION_2026 : BEDROCK_VERSION_LEGACY;
}

/**
 * What the token estimate needs to know about a model (lib/cache/prefix.ts `TokenModel`): its
 * tool-use system prompt for the request's tool_choice, and its tokenizer's size. A model the catalog
 * does not know counts as the default model does (Claude Sonnet 4.6).
 */
export function tokenModelFor(
  model: Pick<CatalogModel, "tokenizer" | "toolUsePrompt"> | undefined,
  toolChoice: "auto" | "any" | "tool" | "none" = "auto",
): TokenModel {
  const prompt = model?.toolUsePrompt ?? DEFAULT_TOOL_USE_PROMPT;
  return {
    toolPromptTokens: toolChoice === "any" || toolChoice === "tool" ? prompt.any : prompt.auto,
    scale: model?.tokenizer === "claude-4.7" ? NEWER_TOKENIZER_SCALE : 1,
  };
}
/** Claude Sonnet 4.6's, the default model's. */
const DEFAULT_TOOL_USE_PROMPT = toolPrompt(497, 589);

/**
 * The minimum cacheable prompt length of a model on a provider (docs/reference/anthropic-caching.md §1.5).
 */
export function minCacheableTokens(model: CatalogModel, provider: ProviderId): Tokens {
  return model.minCacheableTokensByProvider?.[provider] ?? model.minCacheableTokens;
}

/**
 * The most output tokens each model may be asked for (`max_tokens`), from each model's overview page
 * ("Max output") on platform.claude.com, read 2026-11-30: https://platform.claude.com/docs/en/models/<model>/overview
 * (e.g. …/models/sonnet-4-6/overview: "Max output: 128K tokens"), and the models overview's legacy
 * table for the retired ones (https://platform.claude.com/docs/en/about-claude/models/overview).
 */
const MAX_OUTPUT_TOKENS: Readonly<Record<string, number>> = {
  "claude-sonnet-4-6": 128_000,
  "claude-opus-4-6": 128_000,
  "claude-haiku-4-5": 64_000,
  "claude-sonnet-5": 128_000,
  "claude-opus-5": 128_000,
  "claude-fable-5": 128_000,
  "claude-opus-4-8": 128_000,
  "claude-opus-4-7": 128_000,
  "claude-opus-4-5": 64_000,
  "claude-sonnet-4-5": 64_000,
  "claude-opus-4-1": 32_000,
  "claude-sonnet-4-0": 64_000,
  "claude-opus-4-0": 32_000,
  "claude-3-5-haiku": 8_192,
};

/** The model's output limit for `max_tokens`, or undefined for a model the table does not know. */
export function maxOutputTokens(model: CatalogModel | undefined): number | undefined {
  return model ? MAX_OUTPUT_TOKENS[model.id] : undefined;
}
