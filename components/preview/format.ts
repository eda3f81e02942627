import type { BreakpointAnalysis } from "@/lib/cache/analysis";
import type { Usd } from "@/lib/cache/units";

const integer = new Intl.NumberFormat("en-US");
export const formatTokens = (n: number) => integer.format(Math.round(n));

export function formatUsd(value: Usd): string {
  if (value === 0) return "$0";
  if (value < 0.01) return `$${value.toFixed(5)}`;
  return `$${value.toFixed(4)}`;
}

/** "settings.cache_messages" → "Cache messages"; a marker → "CachePoint in message 3". */
export function describeBreakpoint(b: BreakpointAnalysis): string {
  if (b.origin.kind === "setting") {
    const names = { cache_instructions: "Cache instructions", cache_tool_definitions: "Cache tool definitions", cache_messages: "Cache messages", cache: "Automatic caching" } as const;
    return `${names[b.origin.setting]} setting`;
  }
  return `CachePoint in message ${b.origin.messageIndex + 1}, item ${b.origin.contentIndex + 1}`;
}

/**
 * The status word every list item carries: "kept" or "dropped". An overwritten marker and a setting
 * with nothing to attach to put no cache_control of their own in the body, so they count as dropped.
 */
export function statusWord(b: BreakpointAnalysis): "kept" | "dropped" {
  return b.status === "kept" ? "kept" : "dropped";
}
