// The model's side of the exchange: a short deterministic reply that acknowledges the last user text,
// so runs are reproducible and output tokens come from the one estimator (lib/cache/tokens.ts).
import { estimateTextTokens } from "@/lib/cache/tokens";

export interface Reply {
  text: string;
  outputTokens: number;
  stopReason: "end_turn" | "max_tokens";
}

const SNIPPET_CHARS = 80;

export function replyTo(lastUserText: string, maxTokens: number): Reply {
  // Pre-warming: "returns immediately with content: [], stop_reason: max_tokens" (reference §1.11).
  if (maxTokens === 0) return { text: "", outputTokens: 0, stopReason: "max_tokens" };
  const flat = lastUserText.replace(/\s+/g, " ").trim();
  const snippet = flat.length > SNIPPET_CHARS ? `${flat.slice(0, SNIPPET_CHARS)}…` : flat;
  const full = snippet ? `Emulated reply from CacheLab. You said: "${snippet}"` : "Emulated reply from CacheLab.";
  const fullTokens = estimateTextTokens(full);
  if (fullTokens <= maxTokens) return { text: full, outputTokens: fullTokens, stopReason: "end_turn" };
  const words = full.split(" ");
  while (words.length > 1 && estimateTextTokens(words.join(" ")) > maxTokens) words.pop();
  const text = words.join(" ");
  return { text, outputTokens: Math.min(maxTokens, estimateTextTokens(text)), stopReason: "max_tokens" };
}
