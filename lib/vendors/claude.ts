// The four Claude surfaces as targets: lib/cache/buildRequest's body and analysis, read into the target
// shape. Nothing is re-derived here: the Pydantic AI semantics, the 4-breakpoint limit and the minimums
// are buildRequest's (docs/design.md §4).
import { FALLBACK_MIN_CACHEABLE_TOKENS } from "@/lib/cache/analysis";
import { describeOrigin } from "@/lib/cache/breakpoint-trace";
import { buildRequest } from "@/lib/cache/build-request";
import { minCacheableTokens } from "@/lib/cache/catalog";
import type { Experiment } from "@/lib/cache/experiment-schema";
import { effectivePrices } from "@/lib/cache/pricing";
import { type Result, ok } from "@/lib/cache/result";
import { tokens } from "@/lib/cache/units";
import type { ProviderId } from "@/lib/cache/wire-types";
import type { LandedBreakpoint, TargetNote, TargetOptions, TargetRequest } from "./targets";
import { fromClaudePrices } from "./usage";

export function buildClaudeTarget(experiment: Experiment, provider: ProviderId, options: TargetOptions = {}): Result<TargetRequest> {
  const built = buildRequest(options.model ? { ...experiment, model: options.model } : experiment, { provider });
  if (!built.ok) return built;
  const { analysis } = built.value;
  const breakpoints: LandedBreakpoint[] = analysis.breakpoints
    .filter((b) => b.status === "kept" || b.status === "dropped")
    .map((b) => ({
      path: b.automatic ? null : (b.landedAt?.path ?? null),
      origin: b.automatic ? "automatic (top-level cache_control)" : describeOrigin(b.origin),
      ...(b.landedAt ? { experimentPath: b.landedAt.documentPath ?? b.landedAt.path } : {}),
      lifetime: b.ttl,
      written: b.status === "kept",
      prefixTokens: b.prefixTokens,
      reachesMinimum: b.prefixTokens >= b.minTokens,
    }));
  const notes: TargetNote[] = [];
  // The seed's rule omits ttl on Bedrock (docs/design.md §4 item 1): every breakpoint then lives 5m.
  if (provider === "bedrock" && experiment.provider_options.bedrock_ttl === "omit" && analysis.breakpoints.some((b) => b.requestedTtl === "1h")) {
    notes.push({
      code: "ttl_omitted",
      severity: "warning",
      message: "Bedrock's body omits ttl (provider_options.bedrock_ttl is \"omit\"), so the 1h breakpoints are written as 5m ones; set it to \"send\" to keep 1h.",
      path: "provider_options.bedrock_ttl",
    });
  }
  const override = experiment.overrides?.min_cacheable_tokens;
  const model = built.value.model;
  return ok({
    target: provider,
    modelId: built.value.modelId,
    body: built.value.body,
    notes,
    breakpoints,
    totalTokens: analysis.totalTokens,
    minCacheableTokens: override !== undefined ? tokens(override) : model ? minCacheableTokens(model, provider) : FALLBACK_MIN_CACHEABLE_TOKENS,
    prices: fromClaudePrices(effectivePrices(built.value.model, experiment.overrides?.prices)),
  });
}

