// A run record from what was built and what came back. Pure: the server adapter hands in the build
// result, the provider's answer and the time; the catalog prices come from the experiment's model.
import type { BreakpointAnalysis } from "@/lib/cache/analysis";
import type { ModelPrices } from "@/lib/cache/catalog";
import type { PrefixPosition } from "@/lib/cache/prefix";
import { costOf } from "@/lib/cache/pricing";
import type { ProviderId } from "@/lib/cache/wire-types";
import { tokens } from "@/lib/cache/units";
import type { PathMapper } from "./experiment-paths";
import type { RunBlock, RunBreakpoint, RunLatency, RunUsage, SentRunRecord, Transport } from "./types";
import { totalInput } from "./types";

export interface BuiltForRun {
  provider: ProviderId;
  model: string;
  modelId: string;
  positions: readonly PrefixPosition[];
  breakpoints: readonly BreakpointAnalysis[];
  prices: ModelPrices;
}

export interface ProviderAnswer {
  usage: RunUsage;
  responseText: string;
  requestId: string | null;
  latency: RunLatency;
}

export function runBlocks(positions: readonly PrefixPosition[], toFocus?: PathMapper): RunBlock[] {
  return positions.map((p) => {
    const focusPath = toFocus?.(p.path);
    return { path: p.path, hash: p.contentHash, cumulativeTokens: p.cumulativeTokens, ...(focusPath ? { focusPath } : {}) };
  });
}

export function runBreakpoints(breakpoints: readonly BreakpointAnalysis[], toFocus?: PathMapper): RunBreakpoint[] {
  return breakpoints
    .filter((b) => b.landedAt !== null)
    .map((b) => {
      const path = b.landedAt!.path;
      const focusPath = toFocus?.(path);
      return {
        path,
        status: b.status,
        ttl: b.ttl,
        prefixTokens: b.prefixTokens,
        minTokens: b.minTokens,
        canCache: b.canCache,
        position: b.landedAt!.positionIndex,
        ...(focusPath ? { focusPath } : {}),
      };
    });
}

/** The cost of a run, and of the very same tokens sent with no cache at all. */
export function runCosts(usage: RunUsage, prices: ModelPrices): { cost: number; costWithoutCache: number } {
  const cost = costOf(
    {
      input: tokens(usage.uncachedInput),
      write5m: tokens(usage.cacheWrite5m),
      write1h: tokens(usage.cacheWrite1h),
      read: tokens(usage.cacheRead),
      output: tokens(usage.output),
    },
    prices,
  );
  const costWithoutCache = costOf(
    { input: tokens(totalInput(usage)), write5m: tokens(0), write1h: tokens(0), read: tokens(0), output: tokens(usage.output) },
    prices,
  );
  return { cost, costWithoutCache };
}

export function completedRun(
  built: BuiltForRun,
  answer: ProviderAnswer,
  meta: { transport: Transport; startedAt: number; trace?: unknown; toFocus?: PathMapper },
): SentRunRecord {
  const { cost, costWithoutCache } = runCosts(answer.usage, built.prices);
  return {
    provider: built.provider,
    transport: meta.transport,
    model: built.model,
    modelId: built.modelId,
    startedAt: meta.startedAt,
    status: "ok",
    usage: answer.usage,
    cost,
    costWithoutCache,
    latency: answer.latency,
    responseText: answer.responseText,
    requestId: answer.requestId,
    blocks: runBlocks(built.positions, meta.toFocus),
    breakpoints: runBreakpoints(built.breakpoints, meta.toFocus),
    ...(meta.trace !== undefined ? { trace: meta.trace } : {}),
  };
}
