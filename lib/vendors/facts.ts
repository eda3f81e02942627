// The vendor numbers a target's request and bill rest on, each with its source and date (issue 13: "every
// vendor number in the UI shows its source and date"). Read from the dated catalogs, never restated:
// lib/cache/catalog.ts for Claude, lib/vendors/catalog.ts for OpenAI, Bedrock Converse, Nova and Gemini.
import { findModel, minCacheableTokens } from "@/lib/cache/catalog";
import { BEDROCK_CONVERSE, GEMINI, OPENAI, type VendorFact, findGeminiModel, findOpenAIModel } from "./catalog";
import { resolveConverseModel } from "./bedrock-converse-models";
import { isClaudeSurface, type TargetId } from "./targets";

export interface ShownFact {
  label: string;
  value: string;
  source: string;
  date: string;
  unverified?: string;
}

const usd = (n: number) => `$${n}`;
const int = (n: number) => n.toLocaleString("en-US");

function shown<T>(label: string, fact: VendorFact<T>, value: string): ShownFact {
  return { label, value, source: fact.source, date: fact.date, ...(fact.unverified ? { unverified: fact.unverified } : {}) };
}

function claudeFacts(modelId: string, surface: "anthropic" | "bedrock" | "vertex" | "foundry"): ShownFact[] {
  const model = findModel(modelId);
  if (!model) return [];
  const p = model.prices;
  return [
    { label: `Minimum cacheable prompt (${model.displayName})`, value: `${int(minCacheableTokens(model, surface))} tokens`, ...model.sources.minimum },
    {
      label: `Prices per million tokens (${model.displayName})`,
      value: `input ${usd(p.input)}, cache write 5m ${usd(p.write5m)}, 1h ${usd(p.write1h)}, cache read ${usd(p.read)}, output ${usd(p.output)}`,
      ...model.sources.prices,
    },
  ];
}

function openaiFacts(modelId: string | undefined): ShownFact[] {
  const model = (modelId ? findOpenAIModel(modelId) : undefined) ?? findOpenAIModel(OPENAI.defaultModel)!;
  const p = model.prices.value;
  const l = OPENAI.lookup.value;
  return [
    shown("Minimum cacheable prompt", OPENAI.minCacheableTokens, `${int(OPENAI.minCacheableTokens.value)} visible input tokens`),
    shown("Cache lifetime", OPENAI.lifetimeMinutes, `at least ${OPENAI.lifetimeMinutes.value} minutes after the latest write or reuse`),
    shown("Breakpoints written per request", OPENAI.writeSlots, `${OPENAI.writeSlots.value}: in implicit mode the implicit one and the latest ${OPENAI.explicitWritesInImplicitMode.value} explicit; in explicit mode the latest ${OPENAI.explicitWritesInExplicitMode.value}`),
    shown("Lookup boundaries", OPENAI.lookup, `the first ${l.firstExplicit} and latest ${l.latestExplicit} explicit breakpoints; implicit mode adds up to ${l.earlierMessageEndings} earlier eligible message endings and the initial developer block`),
    shown("Cache write and read prices", OPENAI.writeMultiplier, `writes ${OPENAI.writeMultiplier.value}× and reads ${OPENAI.readMultiplier.value}× the input price`),
    shown(`Prices per million tokens (${model.displayName})`, model.prices, `input ${usd(p.input)}, cache write ${usd(p.write30m)}, cache read ${usd(p.read)}, output ${usd(p.output)}`),
  ];
}

function converseFacts(modelId: string): ShownFact[] {
  const resolved = resolveConverseModel(modelId);
  const common = [
    shown("Cache checkpoints per request", BEDROCK_CONVERSE.checkpoints, `${BEDROCK_CONVERSE.checkpoints.value}`),
    shown("cachePoint ttl values", BEDROCK_CONVERSE.ttlValues, BEDROCK_CONVERSE.ttlValues.value.join(", ")),
  ];
  if (resolved?.family !== "nova") return [...common, ...claudeFacts(modelId, "bedrock")];
  const p = resolved.nova.prices.value;
  return [
    ...common,
    shown("Minimum cacheable prompt (Nova)", BEDROCK_CONVERSE.novaMinCacheableTokens, `${int(BEDROCK_CONVERSE.novaMinCacheableTokens.value)} tokens per checkpoint`),
    shown("Tool definitions cached (Nova)", BEDROCK_CONVERSE.novaCachesTools, BEDROCK_CONVERSE.novaCachesTools.value ? "yes" : "no"),
    shown(`Prices per million tokens (${resolved.nova.displayName})`, resolved.nova.prices, `input ${usd(p.input)}, cache write ${usd(p.write)}, cache read ${usd(p.read)}, output ${usd(p.output)}`),
  ];
}

function geminiFacts(modelId: string | undefined): ShownFact[] {
  const model = (modelId ? findGeminiModel(modelId) : undefined) ?? findGeminiModel(GEMINI.defaultModel)!;
  const p = model.prices.value;
  return [
    shown(`Minimum cache object (${model.displayName})`, model.minCacheableTokens, `${int(model.minCacheableTokens.value)} tokens`),
    shown("Cache objects per request", GEMINI.oneCachePerRequest, "one, named in cachedContent; caches cannot be chained"),
    shown("Default ttl", GEMINI.defaultTtlSeconds, `${GEMINI.defaultTtlSeconds.value / 3600} hour`),
    shown("Lifetime", GEMINI.refreshedOnRead, "the ttl from creation; reads do not extend it, PATCH does"),
    shown("Storage", GEMINI.storageBilledForTtl, "billed per token-hour for the whole ttl"),
    shown("Cache creation", GEMINI.creationAtInputPrice, "its tokens at the standard input price"),
    shown("Cached reads", GEMINI.readDiscount, `${Math.round(GEMINI.readDiscount.value * 100)}% off the input price`),
    shown("Implicit caching", GEMINI.implicitBestEffort, "best effort: possible, not promised; billed here as uncached"),
    shown(
      `Prices per million tokens (${model.displayName})`,
      model.prices,
      `input ${usd(p.input)}, cached read ${usd(p.cached)}, storage ${usd(p.storagePerHour)} per hour, output ${usd(p.output)}`,
    ),
  ];
}

/**
 * The facts behind a target with a model (the experiment's when none is chosen): each shown number with the
 * page it comes from, when it was read, and why it is unverified where it is.
 */
export function targetFacts(target: TargetId, model: string | undefined, experimentModel: string): ShownFact[] {
  if (isClaudeSurface(target)) return claudeFacts(model ?? experimentModel, target);
  if (target === "openai") return openaiFacts(model ?? (findOpenAIModel(experimentModel) ? experimentModel : undefined));
  if (target === "bedrock-converse") return converseFacts(model ?? experimentModel);
  return geminiFacts(model ?? (findGeminiModel(experimentModel) ? experimentModel : undefined));
}
