// The prices a bill can be computed with, across vendors, each with the source and date the UI shows
// beside it: Claude's from lib/cache/catalog.ts, OpenAI's from the vendor catalog.
import { CATALOG } from "@/lib/cache/catalog";
import { OPENAI } from "./catalog";
import { type NormalizedPrices, fromClaudePrices } from "./usage";

export interface PriceOption {
  /** The model id, unique across vendors. */
  id: string;
  label: string;
  vendor: "Anthropic" | "OpenAI";
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
];

export function findPriceOption(id: string): PriceOption | undefined {
  return PRICE_OPTIONS.find((o) => o.id === id);
}
