// `cachelab lint --provider <target>` for another vendor's target (lib/vendors): the request's breakpoints
// as they land there, the notes for what it cannot express, and the cost estimate. Exit 1 when a
// breakpoint caches nothing (not written, or below the minimum: `targetProblems`), as the Claude lint does
// for a dropped or too-short one; notes alone exit 0.
import type { Experiment } from "@/lib/cache/experiment-schema";
import { formatTokens as fmt, formatUsd as dollars } from "@/lib/display/format";
import { buildTargetRequest } from "@/lib/vendors/build-target";
import { estimateTargetCost, estimateTargetUsage, targetProblems } from "@/lib/vendors/target-analysis";
import { normalizedCost } from "@/lib/vendors/usage";
import { targetLabel } from "@/lib/display/format";
import type { TargetId, TargetRequest } from "@/lib/vendors/targets";
import { formatError } from "./experiment-input";
import type { CliIo } from "./main";


/** Gemini explicit caching: the cache object's own bill, creation and storage for its ttl, beside the per-call reads. */
function cacheObjectLine(request: TargetRequest, object: NonNullable<TargetRequest["cacheObject"]>): string {
  const { firstCall } = estimateTargetUsage(request);
  const lines = normalizedCost(firstCall, request.prices).lines;
  const creation = lines.filter((l) => l.label.startsWith("cache write")).reduce((s, l) => s + l.cost, 0);
  const storage = lines.find((l) => l.label === "storage")?.cost ?? 0;
  return `cache object: ≈${fmt(object.tokens)} tokens, ttl ${object.ttlSeconds}s (not extended by reads): creation ${dollars(creation)}, storage ${dollars(storage)} for the ttl; included in the first call`;
}

export function formatTargetReport(file: string, request: TargetRequest): string {
  const label = targetLabel(request.target);
  const problems = targetProblems(request);
  const cost = estimateTargetCost(request);
  const lines = [
    `${file === "-" ? "stdin" : file}: target ${request.target} (${label}), model ${request.modelId}, minimum ${fmt(request.minCacheableTokens)} tokens`,
    `prompt ≈${fmt(request.totalTokens)} tokens`,
    "",
    "breakpoints:",
    ...(request.breakpoints.length
      ? request.breakpoints.map(
          (b) =>
            `  ${b.written ? "✓ written    " : "✗ not written"} ${b.origin}${b.path ? ` → ${b.path}` : ""}  lifetime ${b.lifetime}  ≈${fmt(b.prefixTokens)} tokens, ${b.reachesMinimum ? "caches" : "below the minimum: cannot cache"}`,
        )
      : ["  (none)"]),
    "",
    "notes (what this target cannot express as asked):",
    ...(request.notes.length ? request.notes.map((n) => `  ${n.severity.padEnd(7)} ${n.code}${n.path ? ` (${n.path})` : ""}: ${n.message}`) : ["  (none)"]),
    "",
    `input cost (estimate): first call ${dollars(cost.firstCall)}, cached repeat ${dollars(cost.cachedRepeat)}, without caching ${dollars(cost.uncached)}`,
    ...(request.cacheObject ? [cacheObjectLine(request, request.cacheObject)] : []),
    "",
    problems.length === 0
      ? "ok: every breakpoint this request sends can cache"
      : [`FAIL: ${problems.length} breakpoint${problems.length === 1 ? "" : "s"} cache nothing:`, ...problems.map((p) => `  ${p.message}`)].join("\n"),
  ];
  return `${lines.join("\n")}\n`;
}

export function lintTarget(file: string, experiment: Experiment, target: TargetId, json: boolean, io: CliIo): number {
  const built = buildTargetRequest(experiment, target);
  if (!built.ok) {
    if (json) io.stdout(`${JSON.stringify({ ok: false, error: built.error }, null, 2)}\n`);
    io.stderr(formatError("lint", built.error, experiment.semantics));
    return 1;
  }
  const problems = targetProblems(built.value);
  if (json) {
    const { body: _body, ...rest } = built.value;
    io.stdout(`${JSON.stringify({ ok: problems.length === 0, problems: problems.map((p) => p.message), cost: estimateTargetCost(built.value), ...rest }, null, 2)}\n`);
  } else {
    io.stdout(formatTargetReport(file, built.value));
  }
  return problems.length === 0 ? 0 : 1;
}
