// A latency model, so charts show what a hit saves in time as well as money (docs/design.md §5). Prefill
// dominates time to first token and grows with the tokens processed fresh; a read costs a small
// fraction of that. The constants are round numbers in the range public measurements report, not a
// claim about any one model.
import type { LatencyModel, LatencyResult } from "./types";

export const DEFAULT_LATENCY: LatencyModel = {
  baseMs: 300,
  perUncachedTokenMs: 0.05,
  perWrittenTokenMs: 0.005,
  perReadTokenMs: 0.002,
  outputTokensPerSecond: 60,
};

export function modelLatency(
  model: LatencyModel,
  usage: { input_tokens: number; cache_creation_input_tokens: number; cache_read_input_tokens: number; output_tokens: number },
): LatencyResult {
  const fresh = usage.input_tokens + usage.cache_creation_input_tokens;
  const ttft =
    model.baseMs +
    model.perUncachedTokenMs * fresh +
    model.perWrittenTokenMs * usage.cache_creation_input_tokens +
    model.perReadTokenMs * usage.cache_read_input_tokens;
  const generation = (usage.output_tokens / model.outputTokensPerSecond) * 1000;
  return { ttftMs: Math.round(ttft), durationMs: Math.round(ttft + generation) };
}
