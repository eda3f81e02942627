// The prices a bill can be computed with, across vendors, each with the source and date the UI shows
// beside it: Claude's from lib/cache/catalog.ts; OpenAI's, Nova's (Bedrock Converse) and Gemini's from the
// vendor catalog.
import { CATALOG } from "@/lib/cache/catalog";
import { BEDROCK_CONVERSE, GEMINI, OPENAI } from "./catalog";
import { type NormalizedPrices, fromClaudePrices } from "./usage";

export interface PriceOption {
  /** The model id, unique across vendors. */
  id: string;
  label: string;
  vendor: "Anthropic" | "OpenAI" | "Amazon" | "Google";
  prices: NormalizedPrices;
  source: string;
  date: string;
  unverified?: string;
}

export const PRICE_OPTIONS: readonly PriceOption[] = [
  ...CATALOG.filter((m) => m.status === "active").map(
    (m): PriceOption => ({ id: m.id, label: m.displayName, vendor: "Anthropic", prices: fromClaudePrices(m.prices), source: m.sources.prices.source, date: m.sources.prices.date }),
  ),
  ...OPENAI.models.map(
    (m): PriceOption => ({
      id: m.id,
      label: m.displayName,
      vendor: "OpenAI",
      prices: { input: m.prices.value.input, cacheRead: m.prices.value.read, cacheWrite: { "30m": m.prices.value.write30m }, output: m.prices.value.output },
      source: m.prices.source,
      date: m.prices.date,
      ...(m.prices.unverified ? { unverified: m.prices.unverified } : {}),
    }),
  ),
  // Nova on Converse: a write is priced as plain input (no write premium is published; the catalog says so).
  ...BEDROCK_CONVERSE.novaModels.map(
    (m): PriceOption => ({
      id: m.id,
      label: m.displayName,
      vendor: "Amazon",
      prices: { input: m.prices.value.input, cacheRead: m.prices.value.read, cacheWrite: { "5m": m.prices.value.write, "1h": m.prices.value.write }, output: m.prices.value.output },
      source: m.prices.source,
      date: m.prices.date,
      ...(m.prices.unverified ? { unverified: m.prices.unverified } : {}),
    }),
  ),
  // Gemini explicit caching: creation at the input price, reads at the cached price, storage per token-hour.
  ...GEMINI.models.map(
    (m): PriceOption => ({
      id: m.id,
      label: m.displayName,
      vendor: "Google",
      prices: {
        input: m.prices.value.input,
        cacheRead: m.prices.value.cached,
        cacheWrite: { "5m": m.prices.value.input, "1h": m.prices.value.input },
        storagePerHour: m.prices.value.storagePerHour,
        output: m.prices.value.output,
      },
      source: m.prices.source,
      date: m.prices.date,
      ...(m.prices.unverified ? { unverified: m.prices.unverified } : {}),
    }),
  ),
];

export function findPriceOption(id: string): PriceOption | undefined {
  return PRICE_OPTIONS.find((o) => o.id === id);
}
