import type { BreakpointAnalysis } from "@/lib/cache/analysis";

const integer = new Intl.NumberFormat("en-US");
export const formatTokens = (n: number) => integer.format(Math.round(n));

/** A cost with enough digits to tell runs apart: "$0.0116", "$0.00120", "-$0.0300"; null is "—". */
export function formatUsd(value: number | null): string {
  if (value === null) return "—";
  if (value === 0) return "$0";
  const abs = Math.abs(value);
  return `${value < 0 ? "-" : ""}$${abs.toFixed(abs < 0.01 ? 5 : 4)}`;
}

const tick = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumSignificantDigits: 3 });
/** A chart axis tick: the sign before the dollar and no trailing zeros ("-$0.03", "$0.006"). */
export const formatUsdTick = (value: number) => tick.format(value);

/** "settings.cache_messages" → "Cache messages"; a marker → "CachePoint in message 3". */
export function describeBreakpoint(b: BreakpointAnalysis): string {
  if (b.origin.kind === "setting") {
    const names = { cache_instructions: "Cache instructions", cache_tool_definitions: "Cache tool definitions", cache_messages: "Cache messages", cache: "Automatic caching" } as const;
    return `${names[b.origin.setting]} setting`;
  }
  return `CachePoint in message ${b.origin.messageIndex + 1}, item ${b.origin.contentIndex + 1}`;
}

/**
 * The status word every list item carries. "kept" and "dropped" (by the limit, or with nothing to
 * attach to) say whether this request put cache_control in the body. An overwritten request put
 * none of its own, but the block still carries another one's cache_control, so it is not an alarm.
 */
export type StatusWord = "kept" | "dropped" | "overwritten (block still cached)" | "overwritten";

export function statusWord(b: BreakpointAnalysis, all: readonly BreakpointAnalysis[] = []): StatusWord {
  if (b.status === "kept") return "kept";
  if (b.status !== "overwritten") return "dropped";
  const stillCached = b.landedAt !== null && all.some((o) => o.status === "kept" && o.landedAt?.path === b.landedAt!.path);
  return stillCached ? "overwritten (block still cached)" : "overwritten";
}

/** The tone of a status word: only a breakpoint that really went missing is red. */
export function statusTone(word: StatusWord): "ok" | "danger" | "neutral" {
  return word === "kept" ? "ok" : word === "dropped" ? "danger" : "neutral";
}

/** "≈4,658 of 1,024 minimum tokens": "min" next to "5m"/"1h" would read as minutes. */
export function formatPrefixAgainstMinimum(prefixTokens: number, minTokens: number): string {
  return `≈${formatTokens(prefixTokens)} of ${formatTokens(minTokens)} minimum tokens`;
}
