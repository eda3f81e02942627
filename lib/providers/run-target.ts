import "server-only";
// One run on any runnable target (issue 13 item 3, compare across vendors): the Claude surfaces through
// runExperiment, OpenAI Responses through runOpenAITarget, Bedrock Converse through runConverseTarget, each
// with its official SDK. The answer is one shape whatever the vendor: disjoint usage (lib/vendors/usage.ts),
// the cost and the cost of the same tokens with no caching.
import type { Experiment } from "@/lib/cache/experiment-schema";
import { type AppError, type Result, err, ok } from "@/lib/cache/result";
import { type Usd, tokens, usd } from "@/lib/cache/units";
import type { Emulator } from "@/lib/emulator/transport";
import type { Transport } from "@/lib/runs/types";
import { targetLabel } from "@/lib/display/format";
import { costWithoutCaching } from "@/lib/vendors/compare";
import { isClaudeSurface, type TargetId } from "@/lib/vendors/targets";
import type { NormalizedUsage } from "@/lib/vendors/usage";
import { runConverseTarget } from "./bedrock-converse";
import type { Env } from "./config";
import { runGeminiTarget } from "./gemini";
import { runOpenAITarget } from "./openai";
import { runExperiment } from "./run-experiment";

export interface TargetRunOptions {
  target: TargetId;
  transport: Transport;
  model?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Emulated runs only: whose cache. */
  scope?: string;
}

export interface TargetRunRecord {
  target: TargetId;
  transport: Transport;
  modelId: string;
  requestId: string | null;
  startedAt: number;
  latencyMs: number;
  usage: NormalizedUsage;
  cost: Usd;
  costWithoutCache: Usd;
  responseText: string;
}

export async function runTarget(experiment: Experiment, options: TargetRunOptions, deps: { emulator: Emulator; env?: Env }): Promise<Result<TargetRunRecord>> {
  const { target, transport } = options;
  const common = {
    transport,
    ...(options.model ? { model: options.model } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.scope ? { scope: options.scope } : {}),
  };
  if (isClaudeSurface(target)) {
    const sent = await runExperiment(experiment, { ...common, provider: target }, deps);
    if (!sent.ok) return sent;
    const r = sent.value;
    if (!r.usage || r.cost === null || r.costWithoutCache === null) return err({ code: "provider:bad_response", message: `${targetLabel(target)} answered without usage.` });
    const cacheWrite: NormalizedUsage["cacheWrite"] = {};
    if (r.usage.cacheWrite5m > 0) cacheWrite["5m"] = tokens(r.usage.cacheWrite5m);
    if (r.usage.cacheWrite1h > 0) cacheWrite["1h"] = tokens(r.usage.cacheWrite1h);
    return ok({
      target,
      transport,
      modelId: r.modelId,
      requestId: r.requestId,
      startedAt: r.startedAt,
      latencyMs: r.latency?.totalMs ?? 0,
      usage: { uncached: tokens(r.usage.uncachedInput), cacheRead: tokens(r.usage.cacheRead), cacheWrite, output: tokens(r.usage.output) },
      cost: usd(r.cost),
      costWithoutCache: usd(r.costWithoutCache),
      responseText: r.responseText,
    });
  }
  if (target === "openai" || target === "bedrock-converse") {
    const sent = target === "openai" ? await runOpenAITarget(experiment, common, deps) : await runConverseTarget(experiment, common, deps);
    if (!sent.ok) return sent;
    const r = sent.value;
    return ok({
      target,
      transport,
      modelId: r.modelId,
      requestId: r.requestId,
      startedAt: r.startedAt,
      latencyMs: r.latencyMs,
      usage: r.usage,
      cost: r.cost.total,
      costWithoutCache: costWithoutCaching(r.usage, r.prices),
      responseText: r.text,
    });
  }
  if (target === "gemini") {
    const sent = await runGeminiTarget(experiment, common, deps);
    if (!sent.ok) return sent;
    const r = sent.value;
    // A run that created the cache object carries its creation and its storage for the ttl; without caching, none of that.
    return ok({ target, transport, modelId: r.modelId, requestId: r.requestId, startedAt: r.startedAt, latencyMs: r.latencyMs, usage: r.usage, cost: r.cost.total, costWithoutCache: r.costWithoutCache, responseText: r.text });
  }
  return err({ code: "target_unavailable", message: `${targetLabel(target)} cannot be run yet; choose another target.` });
}
