// What a person types into max_tokens, read as the API reads it: a whole number from 0 up.
// 0 is the documented way to pre-warm a cache (docs/reference/anthropic-caching.md §1.11); a value
// above the model's output limit is sent (the experiment may target another model later) but flagged.
import { findModel, maxOutputTokens } from "@/lib/cache/catalog";
import { MAX_TOKENS_CEILING } from "@/lib/cache/rules";

export type MaxTokensReading =
  | { ok: true; value: number; warning?: string }
  | { ok: false; error: string };

const formatInt = (n: number) => n.toLocaleString("en-US");

export function readMaxTokens(text: string, modelId: string): MaxTokensReading {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, error: "max_tokens is required: a whole number, 0 or more (0 pre-warms the cache)." };
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) return { ok: false, error: "max_tokens must be a whole number, such as 1024." };
  const value = Number(trimmed);
  if (value < 0) return { ok: false, error: "max_tokens cannot be negative: use 0 to pre-warm the cache, or a positive whole number." };
  if (!Number.isInteger(value)) return { ok: false, error: "max_tokens must be a whole number, without decimals." };
  if (value > MAX_TOKENS_CEILING) return { ok: false, error: `max_tokens can be at most ${formatInt(MAX_TOKENS_CEILING)} in an experiment.` };
  const model = findModel(modelId);
  const limit = maxOutputTokens(model);
  if (limit !== undefined && value > limit) {
    return { ok: true, value, warning: `Above ${model!.displayName}'s output limit of ${formatInt(limit)} tokens: the API rejects this request.` };
  }
  if (value === 0) return { ok: true, value, warning: "0 pre-warms the cache: the reply is empty and no output is billed. It cannot be streamed, so CacheLab sends it unstreamed." };
  return { ok: true, value };
}
