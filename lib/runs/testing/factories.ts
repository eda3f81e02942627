// Test data builders for runs and experiments (docs/style.md habit 11: factories, not literals in every
// test).
import { type Experiment, parseExperiment } from "@/lib/cache/experiment-schema";
import { requestPath } from "@/lib/cache/paths";
import type { RunBlock, RunBreakpoint, RunRecord } from "../types";

/** ~2,500 tokens of stable text: above every 1,024-token minimum. */
export const LONG_TEXT = "CacheLab keeps a stable prefix so later requests can read it from the cache. ".repeat(180);

export function experiment(overrides: Record<string, unknown> = {}): Experiment {
  const parsed = parseExperiment({
    model: "claude-sonnet-4-6",
    max_tokens: 64,
    settings: { cache_instructions: true },
    system: [LONG_TEXT],
    messages: [{ role: "user", content: [{ type: "text", text: "Summarise the document in one line." }] }],
    ...overrides,
  });
  if (!parsed.ok) throw new Error(`bad test experiment: ${parsed.error.message}`);
  return parsed.value;
}

export function blocks(hashes: string[], tokensEach = 500): RunBlock[] {
  return hashes.map((hash, i) => ({ path: i === 0 ? requestPath.system(false) : requestPath.block(i - 1, 0), hash, cumulativeTokens: (i + 1) * tokensEach }));
}

export function breakpoint(overrides: Partial<RunBreakpoint> = {}): RunBreakpoint {
  return { path: requestPath.system(false), status: "kept", ttl: "5m", prefixTokens: 2000, minTokens: 1024, canCache: true, position: 0, ...overrides };
}

let counter = 0;
export function run(overrides: Partial<RunRecord> = {}): RunRecord {
  counter++;
  return {
    id: `run-${counter}`,
    experimentId: "exp",
    seriesId: "series-1",
    number: counter,
    variant: "A",
    label: "Anthropic · Claude Sonnet 4.6",
    parallel: false,
    provider: "anthropic",
    transport: "emulated",
    model: "claude-sonnet-4-6",
    modelId: "claude-sonnet-4-6",
    startedAt: 1_800_000_000_000,
    status: "ok",
    usage: { uncachedInput: 20, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 2000, output: 10 },
    cost: 0.001,
    costWithoutCache: 0.006,
    latency: { totalMs: 900, ttftMs: 300, modelled: true },
    responseText: "ok",
    requestId: `req_${counter}`,
    blocks: blocks(["s", "u"]),
    breakpoints: [breakpoint()],
    ...overrides,
  };
}
