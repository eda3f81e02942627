// A run record from what was built and what came back. Pure: the server adapter hands in the build
// result, the provider's answer and the time; the catalog prices come from the experiment's model.
import type { BreakpointAnalysis } from "@/lib/cache/analysis";
import { originLabel } from "@/lib/cache/breakpoint-words";
import { knownCode } from "@/lib/cache/error-codes";
import type { ModelPrices } from "@/lib/cache/catalog";
import type { PathMap } from "@/lib/cache/paths";
import type { PrefixPosition } from "@/lib/cache/prefix";
import { costOf } from "@/lib/cache/pricing";
import type { AppError } from "@/lib/cache/result";
import type { ProviderId } from "@/lib/cache/wire-types";
import { tokens } from "@/lib/cache/units";
import type { CacheTrace } from "@/lib/emulator/engine/types";
import type { RunBlock, RunBreakpoint, RunDiagnosis, RunLatency, RunTrace, RunUsage, SentRunRecord, Transport } from "./types";
import { OFFICIAL_MISS_REASONS, totalInput } from "./types";

export interface BuiltForRun {
  provider: ProviderId;
  model: string;
  modelId: string;
  positions: readonly PrefixPosition[];
  breakpoints: readonly BreakpointAnalysis[];
  prices: ModelPrices;
  /** The blocks and breakpoints as records hold them, when already made (shared by every run of one request). */
  recorded?: { blocks: RunBlock[]; breakpoints: RunBreakpoint[] };
}

export interface ProviderAnswer {
  usage: RunUsage;
  responseText: string;
  requestId: string | null;
  latency: RunLatency;
  /** The response's message id (`msg_…`). */
  messageId?: string | null;
  /** The response's `diagnostics` as sent: absent (undefined) when the provider gave none. */
  diagnostics?: unknown;
}

/**
 * The provider's `diagnostics` as a run keeps it (docs/reference/anthropic-caching.md §1.12): `null`
 * means nothing diverged, `{cache_miss_reason: null}` that the comparison was still pending, else the
 * first cause. Undefined when the request named no previous message or the answer had no diagnostics
 * (the surfaces without the feature), or carried a reason this version does not know.
 */
export function runDiagnosisOf(previousMessageId: string | null | undefined, diagnostics: unknown): RunDiagnosis | undefined {
  if (!previousMessageId || diagnostics === undefined) return undefined;
  if (diagnostics === null) return { previousMessageId, reason: null };
  if (typeof diagnostics !== "object") return undefined;
  const reason = (diagnostics as { cache_miss_reason?: unknown }).cache_miss_reason;
  if (reason === null) return { previousMessageId, reason: "pending" };
  if (typeof reason !== "object") return undefined;
  const { type, cache_missed_input_tokens: missed } = reason as { type?: unknown; cache_missed_input_tokens?: unknown };
  if (!OFFICIAL_MISS_REASONS.includes(type as never)) return undefined;
  return { previousMessageId, reason: type as RunDiagnosis["reason"], ...(typeof missed === "number" && Number.isFinite(missed) ? { missedTokens: missed } : {}) };
}

export function runBlocks(positions: readonly PrefixPosition[], paths?: PathMap): RunBlock[] {
  return positions.map((p) => {
    const focusPath = paths?.toDocument(p.path);
    return { path: p.path, hash: p.contentHash, cumulativeTokens: p.cumulativeTokens, ...(focusPath ? { focusPath } : {}) };
  });
}

export function runBreakpoints(breakpoints: readonly BreakpointAnalysis[]): RunBreakpoint[] {
  return breakpoints.flatMap((b) => {
    if (b.landedAt === null) return [];
    const focusPath = b.landedAt.documentPath;
    return [
      {
        path: b.landedAt.path,
        status: b.status,
        origin: originLabel(b.origin),
        ...(b.overwrittenBy ? { overwrittenBy: b.overwrittenBy } : {}),
        ttl: b.ttl,
        prefixTokens: b.prefixTokens,
        minTokens: b.minTokens,
        canCache: b.canCache,
        position: b.landedAt.positionIndex,
        ...(focusPath ? { focusPath } : {}),
      },
    ];
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

/** The part of the emulator's trace a run keeps: where it read and where it wrote, by position. */
export function runTraceOf(trace: CacheTrace): RunTrace {
  return {
    read: trace.read ? { position: trace.read.position, tokens: trace.read.tokens } : null,
    writes: trace.writes.map((w) => ({ position: w.position, ttl: w.ttl, tokens: w.tokens })),
  };
}

const withDiagnosis = (diagnosis: RunDiagnosis | undefined) => (diagnosis ? { diagnosis } : {});

export function completedRun(
  built: BuiltForRun,
  answer: ProviderAnswer,
  meta: { transport: Transport; startedAt: number; trace?: RunTrace; paths?: PathMap; previousMessageId?: string | null },
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
    ...(answer.messageId ? { messageId: answer.messageId } : {}),
    ...withDiagnosis(runDiagnosisOf(meta.previousMessageId, answer.diagnostics)),
    blocks: built.recorded?.blocks ?? runBlocks(built.positions, meta.paths),
    breakpoints: built.recorded?.breakpoints ?? runBreakpoints(built.breakpoints),
    ...(meta.trace !== undefined ? { trace: meta.trace } : {}),
  };
}

/** A run that failed: what was asked for and the error, with no usage, cost or latency. */
export function failedRun(
  error: Pick<AppError, "code" | "message" | "status" | "retryAfterSeconds">,
  meta: { provider: ProviderId; transport: Transport; model: string; startedAt: number },
): SentRunRecord {
  return {
    provider: meta.provider,
    transport: meta.transport,
    model: meta.model,
    modelId: meta.model,
    startedAt: meta.startedAt,
    status: "failed",
    usage: null,
    cost: null,
    costWithoutCache: null,
    latency: null,
    responseText: "",
    requestId: null,
    blocks: [],
    breakpoints: [],
    error: { code: knownCode(error.code), message: error.message, ...(error.status !== undefined ? { status: error.status } : {}), ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}) },
  };
}
