// The models the Bedrock Converse target knows: Claude (the catalog's Bedrock ids, where Anthropic's caching
// rules apply underneath: docs/reference/vendors.md §3) and Amazon Nova (lib/vendors/catalog.ts
// BEDROCK_CONVERSE, each number dated and sourced). Pydantic AI caches only on these two families
// (`bedrock_supports_prompt_caching`, providers/bedrock.py), and only Claude caches tool definitions.
import { type BedrockGeo, type CatalogModel, type ModelPrices, findModel, minCacheableTokens, providerModelId } from "@/lib/cache/catalog";
import type { Tokens } from "@/lib/cache/units";
import { BEDROCK_CONVERSE, type NovaModelFacts } from "./catalog";

export type ConverseModel =
  | { family: "claude"; modelId: string; catalog: CatalogModel; minimum: Tokens; prices: ModelPrices }
  | { family: "nova"; modelId: string; nova: NovaModelFacts; minimum: Tokens; prices: ModelPrices };

/** Bedrock's rejection of a cachePoint among Nova's tools, word for word as reported (catalog `novaCachesTools`). */
export function novaToolCachePointError(toolIndex: number): string {
  return `Malformed input request: #/toolConfig/tools/${toolIndex}: extraneous key [cachePoint] is not permitted, please reformat your input and try again.`;
}

const GEO = /^(?:global|us|eu|jp|apac|au)\./;

/** A Nova model by CacheLab id ("nova-pro"), base id or `us.`/`eu.`/… profile id. */
export function findNovaModel(id: string): NovaModelFacts | undefined {
  const base = id.replace(GEO, "");
  return BEDROCK_CONVERSE.novaModels.find((m) => m.id === base || m.bedrockId === base);
}

function novaPrices(nova: NovaModelFacts): ModelPrices {
  const p = nova.prices.value;
  return { input: p.input, write5m: p.write, write1h: p.write, read: p.read, output: p.output };
}

/**
 * The Converse model for an experiment's `model`: a Claude model from the catalog (its Bedrock id, through an
 * inference profile where InvokeModel needs one: Converse takes the same ids) or a Nova model. Undefined for
 * anything else: Pydantic AI caches on no other Bedrock family.
 */
export function resolveConverseModel(name: string, geo: BedrockGeo = "global"): ConverseModel | undefined {
  const nova = findNovaModel(name);
  if (nova) return { family: "nova", modelId: GEO.test(name) ? name : `us.${nova.bedrockId}`, nova, minimum: BEDROCK_CONVERSE.novaMinCacheableTokens.value, prices: novaPrices(nova) };
  const claude = findModel(name);
  const bedrockId = claude && providerModelId(claude, "bedrock", { bedrockGeo: geo });
  if (!claude || !bedrockId) return undefined;
  const modelId = GEO.test(name) || name.startsWith("anthropic.") ? name : bedrockId;
  return { family: "claude", modelId, catalog: claude, minimum: minCacheableTokens(claude, "bedrock"), prices: claude.prices };
}
