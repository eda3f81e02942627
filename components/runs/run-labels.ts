// Display names shared by the controls, the table and the charts.
import { findModel } from "@/lib/cache/catalog";
import type { ProviderId } from "@/lib/cache/wire-types";

export const PROVIDER_LABELS: Record<ProviderId, string> = {
  anthropic: "Anthropic",
  bedrock: "Bedrock",
  vertex: "Vertex AI",
  foundry: "Foundry",
};

export function variantLabel(provider: ProviderId, model: string): string {
  return `${PROVIDER_LABELS[provider]} · ${findModel(model)?.displayName ?? model}`;
}

export const formatTokens = (n: number) => n.toLocaleString("en-US");

export function formatUsd(n: number | null): string {
  if (n === null) return "—";
  if (n === 0) return "$0";
  return n < 0.01 ? `$${n.toFixed(5)}` : `$${n.toFixed(4)}`;
}
