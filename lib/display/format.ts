// How numbers, money, time, providers and models read wherever CacheLab shows them: the preview, the
// runs panel and its charts, the run explanations, the lint findings and the `cachelab` CLI. Pure
// (no React), so the browser, the server and the CLI format the same value the same way.
import { findModel } from "@/lib/cache/catalog";
import type { ProviderId } from "@/lib/cache/wire-types";
import type { TargetId } from "@/lib/vendors/targets";

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** A token count, rounded to a whole token, with thousands separators: "1,626". */
export function formatTokens(n: number): string {
  return integer.format(Math.round(n));
}

/**
 * US dollars: "$0", "$0.0300" (4 decimals from a cent up), "$0.00600" (5 below a cent, so a cached
 * repeat's fraction of a cent still shows), the sign before the symbol ("-$0.0300"); "—" for no value.
 */
export function formatUsd(n: number | null): string {
  if (n === null) return "—";
  if (n === 0) return "$0";
  const abs = Math.abs(n);
  return `${n < 0 ? "-" : ""}$${abs.toFixed(abs < 0.01 ? 5 : 4)}`;
}

const tick = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumSignificantDigits: 3 });
/** A chart axis tick: the sign before the dollar and no trailing zeros ("-$0.03", "$0.006"). */
export const formatUsdTick = (value: number) => tick.format(value);

/**
 * "≈4,658 of 1,024 minimum tokens": "min" next to "5m"/"1h" would read as minutes. An exact count
 * (from a provider's count-tokens endpoint) goes without the "≈".
 */
export function formatPrefixAgainstMinimum(prefixTokens: number, minTokens: number, exact = false): string {
  return `${exact ? "" : "≈"}${formatTokens(prefixTokens)} of ${formatTokens(minTokens)} minimum tokens`;
}

/** Milliseconds as a whole number with separators: "1,200 ms". */
export function formatMs(ms: number): string {
  return `${integer.format(Math.round(ms))} ms`;
}

const seconds = new Intl.NumberFormat("en-US", { maximumFractionDigits: 3 });
/** Seconds with separators and up to 3 decimals, so 300.4 s never reads as 300 s: "360 s", "300.4 s". */
export function formatSeconds(s: number): string {
  return `${seconds.format(s)} s`;
}

/** A share 0–1 as a percentage with one decimal: "62.5%"; "—" for no value. */
export function formatPercent(share: number | null): string {
  return share === null ? "—" : `${(Math.round(share * 1000) / 10).toLocaleString("en-US")}%`;
}

/** A ratio with one decimal: "3.2×"; "—" for no value. */
export function formatRatio(ratio: number | null): string {
  return ratio === null ? "—" : `${(Math.round(ratio * 10) / 10).toLocaleString("en-US")}×`;
}

/** The providers as every screen and the CLI name them. */
export const PROVIDER_LABELS: Readonly<Record<ProviderId, string>> = {
  anthropic: "Anthropic",
  bedrock: "Amazon Bedrock",
  vertex: "Google Vertex AI",
  foundry: "Microsoft Foundry",
};

export function providerLabel(provider: ProviderId): string {
  return PROVIDER_LABELS[provider];
}

/**
 * The targets of an experiment (lib/vendors/targets.ts) as the comparison, the exports, the CLI and their
 * errors name them: a Claude surface by its API, another vendor by its caching API.
 */
export const TARGET_LABELS: Readonly<Record<TargetId, string>> = {
  anthropic: "Claude API",
  bedrock: "Claude on Bedrock (InvokeModel)",
  vertex: "Claude on Vertex AI",
  foundry: "Claude on Microsoft Foundry",
  openai: "OpenAI Responses (GPT-5.6+)",
  "bedrock-converse": "Bedrock Converse (Claude, Nova)",
  gemini: "Gemini explicit caching",
};

export function targetLabel(target: TargetId): string {
  return TARGET_LABELS[target];
}

/** A model's display name from the catalog, or the id as written when the catalog does not know it. */
export function modelLabel(model: string): string {
  return findModel(model)?.displayName ?? model;
}

/** A run's provider and model, and the experiment's name when it is not the active one: "Anthropic · Claude Sonnet 4.6 · Handbook Q&A". */
export function runLabel(provider: ProviderId, model: string, experimentName?: string): string {
  return [providerLabel(provider), modelLabel(model), ...(experimentName ? [experimentName] : [])].join(" · ");
}
