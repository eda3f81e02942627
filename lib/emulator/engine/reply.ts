// The model's side of the exchange: a short deterministic reply that acknowledges the last user text,
// so runs are reproducible and output tokens come from the one estimator (lib/cache/tokens.ts).
import { canonicalJson, estimateTextTokens } from "@/lib/cache/tokens";

export interface Reply {
  text: string;
  /** Set when a forced tool_choice makes the model call a tool instead of answering in text. */
  toolUse?: { name: string; input: Record<string, unknown> };
  outputTokens: number;
  stopReason: "end_turn" | "max_tokens" | "tool_use";
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The smallest input a JSON schema's required properties accept: "", 0, false, [], {}. */
function minimalInput(schema: unknown): Record<string, unknown> {
  const s = isRecord(schema) ? schema : {};
  const properties = isRecord(s.properties) ? s.properties : {};
  const input: Record<string, unknown> = {};
  const required = Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === "string") : [];
  for (const name of required) {
    const prop = isRecord(properties[name]) ? properties[name] : {};
    if (Array.isArray(prop.enum) && prop.enum.length) input[name] = prop.enum[0];
    else if (prop.type === "number" || prop.type === "integer") input[name] = 0;
    else if (prop.type === "boolean") input[name] = false;
    else if (prop.type === "array") input[name] = [];
    else if (prop.type === "object") input[name] = {};
    else input[name] = "";
  }
  return input;
}

/** A forced tool call (tool_choice "tool" or "any"): the model answers with a tool_use block. */
export function toolCall(tool: { name: string; inputSchema: unknown }, maxTokens: number): Reply {
  if (maxTokens === 0) return { text: "", outputTokens: 0, stopReason: "max_tokens" };
  const input = minimalInput(tool.inputSchema);
  const outputTokens = estimateTextTokens(tool.name) + estimateTextTokens(canonicalJson(input)) + 8;
  return { text: "", toolUse: { name: tool.name, input }, outputTokens: Math.min(outputTokens, maxTokens), stopReason: outputTokens > maxTokens ? "max_tokens" : "tool_use" };
}

const SNIPPET_CHARS = 80;

/**
 * `text.replace(/\s+/g, " ").trim()`, or its first `limit + 1` characters when it is longer than
 * `limit`: a long last user text (tens of KB) is collapsed only as far as the snippet needs. A head's
 * collapsed and trimmed form is a prefix of the whole's (a whitespace run cut at the end of the head
 * only merges with the next), so once it is longer than `limit` it gives the same snippet.
 */
export function collapsedHead(text: string, limit: number): string {
  for (let size = 4 * (limit + 1); size < text.length; size *= 2) {
    const head = text.slice(0, size).replace(/\s+/g, " ").trim();
    if (head.length > limit) return head.slice(0, limit + 1);
  }
  const all = text.replace(/\s+/g, " ").trim();
  return all.length > limit ? all.slice(0, limit + 1) : all;
}

export function replyTo(lastUserText: string, maxTokens: number): Reply {
  // Pre-warming: "returns immediately with content: [], stop_reason: max_tokens"
  // (docs/reference/anthropic-caching.md §1.11).
  if (maxTokens === 0) return { text: "", outputTokens: 0, stopReason: "max_tokens" };
  const flat = collapsedHead(lastUserText, SNIPPET_CHARS);
  const snippet = flat.length > SNIPPET_CHARS ? `${flat.slice(0, SNIPPET_CHARS)}…` : flat;
  const full = snippet ? `Emulated reply from CacheLab. You said: "${snippet}"` : "Emulated reply from CacheLab.";
  const fullTokens = estimateTextTokens(full);
  if (fullTokens <= maxTokens) return { text: full, outputTokens: fullTokens, stopReason: "end_turn" };
  const words = full.split(" ");
  while (words.length > 1 && estimateTextTokens(words.join(" ")) > maxTokens) words.pop();
  const text = words.join(" ");
  return { text, outputTokens: Math.min(maxTokens, estimateTextTokens(text)), stopReason: "max_tokens" };
}
