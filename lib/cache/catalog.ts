// The model catalog (docs/design.md §6): one typed, dated table. Numbers drift, so each carries its source
// and the date it was read; the UI shows the date and an experiment may override a minimum or a price.
// Sources: docs/reference/anthropic-caching.md §1.5 (minimums), §2 (prices), §6.6 (ids per provider).
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
  sources: { minimum: SourcedNumber; prices: SourcedNumber; ids: SourcedNumber };
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
    status: "retired",
    retiredOn: "2026-02-19",
    sources: { minimum: CACHING_DOCS_AUG_2026, prices: PRICING_AUG_2026, ids: IDS_SOURCE },
  },
];

export const DEFAULT_MODEL_ID = "claude-sonnet-4-6";

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
};

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

/** The id a provider expects for a catalog model, or undefined where it is not offered. */
export function providerModelId(model: CatalogModel, provider: ProviderId): string | undefined {
  return model.ids[provider];
}

/**
 * The minimum cacheable prompt length of a model on a provider (docs/reference/anthropic-caching.md §1.5).
 */
export function minCacheableTokens(model: CatalogModel, provider: ProviderId): Tokens {
  return model.minCacheableTokensByProvider?.[provider] ?? model.minCacheableTokens;
}
