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

// One formatter for counts and money across the preview, the table and the charts.
export { formatTokens, formatUsd, formatUsdTick } from "@/components/preview/format";
