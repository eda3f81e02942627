// The models the Bedrock Converse target knows: Claude (the catalog's Bedrock ids, where Anthropic's
// caching rules apply underneath: docs/reference/vendors.md §3) and Amazon Nova. Pydantic AI caches only on
// these two families (`bedrock_supports_prompt_caching`, providers/bedrock.py), and only Claude can cache tool
// definitions (`bedrock_supports_tool_caching`). Nova's numbers are dated and sourced here; the ones read only
// from a third-party copy of AWS's table are marked `unverified`.
import { type BedrockGeo, type CatalogModel, type ModelPrices, findModel, minCacheableTokens, providerModelId } from "@/lib/cache/catalog";
import { type Tokens, tokens, usdPerMTok } from "@/lib/cache/units";

export interface SourcedFact<T> {
  value: T;
  source: string;
  /** When the source was read. */
  date: string;
  /** Why the value is not confirmed by the vendor's own page, when it is not. */
  unverified?: string;
}

export interface NovaModel {
  id: string;
  displayName: string;
  /** The base Bedrock id; requests go through the `us.` cross-region profile. */
  bedrockId: string;
  /** Whether Pydantic AI's profile adds `nova_code_interpreter` for CodeExecutionTool ('nova-2' in the name). */
  codeInterpreter: boolean;
  prices: SourcedFact<ModelPrices>;
}

const AWS_PROMPT_CACHING = "https://docs.aws.amazon.com/bedrock/latest/userguide/prompt-caching.html";
const PORTKEY_COPY = "https://portkey.ai/docs/integrations/llms/bedrock/prompt-caching (a copy of AWS's supported-models table)";
const READ = "2026-11-30";

/** Nova's caching limits (docs/reference/vendors.md §3). */
export const NOVA_LIMITS = {
  minimumTokens: {
    value: tokens(1000),
    source: PORTKEY_COPY,
    date: READ,
    unverified: `third-party copy of the table on ${AWS_PROMPT_CACHING}; the AWS page itself was not readable here`,
  } satisfies SourcedFact<Tokens>,
  maxCheckpoints: { value: 4, source: PORTKEY_COPY, date: READ, unverified: "third-party copy of AWS's table" } satisfies SourcedFact<number>,
  maxCachedTokens: {
    value: tokens(32_000),
    source: PORTKEY_COPY,
    date: READ,
    unverified: "third-party copy of AWS's table (\"a maximum of 32k tokens for prompt caching\"); not emulated",
  } satisfies SourcedFact<Tokens>,
  toolCaching: {
    value: false,
    source: `${PORTKEY_COPY}; Bedrock's answer quoted in https://github.com/NousResearch/hermes-agent/issues/97281 and https://github.com/danny-avila/LibreChat/issues/13838`,
    date: READ,
  } satisfies SourcedFact<boolean>,
  ttl1h: {
    value: false,
    source: "https://aws.amazon.com/about-aws/whats-new/2026/01/amazon-bedrock-one-hour-duration-prompt-caching/ (1h for Claude 4.5 and later; Nova not named)",
    date: READ,
    unverified: "docs/reference/vendors.md §3 reads the announcement as Claude-only; what Nova does with ttl \"1h\" is not documented",
  } satisfies SourcedFact<boolean>,
};

/** Bedrock's rejection of a cachePoint among Nova's tools, word for word as reported (NOVA_LIMITS.toolCaching). */
export function novaToolCachePointError(toolIndex: number): string {
  return `Malformed input request: #/toolConfig/tools/${toolIndex}: extraneous key [cachePoint] is not permitted, please reformat your input and try again.`;
}

const NOVA_PRICE_SOURCE = "https://aws.amazon.com/bedrock/pricing/ as quoted by https://www.swfte.com/de/blog/amazon-nova-pro-pricing and https://pristren.com/blog/amazon-nova-micro-ultra-fast";
const novaPrices = (input: number, read: number, output: number): SourcedFact<ModelPrices> => ({
  value: { input: usdPerMTok(input), write5m: usdPerMTok(input), write1h: usdPerMTok(input), read: usdPerMTok(read), output: usdPerMTok(output) },
  source: NOVA_PRICE_SOURCE,
  date: READ,
  unverified: "third-party quotes of AWS's price list; cache reads at 75% off input; a write is priced as plain input (no write premium is published for Nova)",
});

export const NOVA_MODELS: readonly NovaModel[] = [
  { id: "nova-micro", displayName: "Amazon Nova Micro", bedrockId: "amazon.nova-micro-v1:0", codeInterpreter: false, prices: novaPrices(0.035, 0.00875, 0.14) },
  { id: "nova-lite", displayName: "Amazon Nova Lite", bedrockId: "amazon.nova-lite-v1:0", codeInterpreter: false, prices: novaPrices(0.06, 0.015, 0.24) },
  { id: "nova-pro", displayName: "Amazon Nova Pro", bedrockId: "amazon.nova-pro-v1:0", codeInterpreter: false, prices: novaPrices(0.8, 0.2, 3.2) },
];

export type ConverseModel =
  | { family: "claude"; modelId: string; catalog: CatalogModel; minimum: Tokens; prices: ModelPrices; supports1h: boolean }
  | { family: "nova"; modelId: string; nova: NovaModel; minimum: Tokens; prices: ModelPrices; supports1h: false };

const GEO = /^(?:global|us|eu|jp|apac|au)\./;

/** A Nova model by CacheLab id ("nova-pro"), base id or `us.`/`eu.`/… profile id. */
export function findNovaModel(id: string): NovaModel | undefined {
  const base = id.replace(GEO, "");
  return NOVA_MODELS.find((m) => m.id === base || m.bedrockId === base);
}

/**
 * The Converse model for an experiment's `model`: a Claude model from the catalog (its Bedrock id, through an
 * inference profile where InvokeModel needs one: Converse takes the same ids) or a Nova model. Undefined for
 * anything else: Pydantic AI caches on no other Bedrock family.
 */
export function resolveConverseModel(name: string, geo: BedrockGeo = "global"): ConverseModel | undefined {
  const nova = findNovaModel(name);
  if (nova) return { family: "nova", modelId: GEO.test(name) ? name : `us.${nova.bedrockId}`, nova, minimum: NOVA_LIMITS.minimumTokens.value, prices: nova.prices.value, supports1h: false };
  const claude = findModel(name);
  const bedrockId = claude && providerModelId(claude, "bedrock", { bedrockGeo: geo });
  if (!claude || !bedrockId) return undefined;
  const modelId = GEO.test(name) || name.startsWith("anthropic.") ? name : bedrockId;
  return { family: "claude", modelId, catalog: claude, minimum: minCacheableTokens(claude, "bedrock"), prices: claude.prices, supports1h: claude.supports1h.bedrock === true };
}
