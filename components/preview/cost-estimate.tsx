import type { Analysis } from "@/lib/cache/analysis";
import { formatTokens, formatUsd } from "./format";

/** Input cost of a cold first call and of an identical repeat within the TTL, against no caching. */
export function CostEstimate({ analysis }: { analysis: Analysis }) {
  const { firstCall, cachedRepeat, uncached } = analysis.cost;
  const saving = uncached > 0 ? 1 - cachedRepeat / uncached : 0;
  return (
    <dl aria-label="Cost estimate" className="grid grid-cols-3 gap-2 text-center">
      <div className="rounded-md bg-slate-50 p-2">
        <dt className="text-xs text-slate-600">First call</dt>
        <dd className="font-mono text-sm font-semibold text-slate-900">{formatUsd(firstCall)}</dd>
      </div>
      <div className="rounded-md bg-emerald-50 p-2">
        <dt className="text-xs text-slate-600">Cached repeat</dt>
        <dd className="font-mono text-sm font-semibold text-emerald-900">{formatUsd(cachedRepeat)}</dd>
      </div>
      <div className="rounded-md bg-slate-50 p-2">
        <dt className="text-xs text-slate-600">Without caching</dt>
        <dd className="font-mono text-sm font-semibold text-slate-900">{formatUsd(uncached)}</dd>
      </div>
      <p className="col-span-3 text-xs text-slate-600">
        Input only, ≈{formatTokens(analysis.totalTokens)} tokens (estimated).{" "}
        {saving > 0 ? `A cached repeat costs ${Math.round(saving * 100)}% less.` : "Nothing is cached, so a repeat costs the same."}
      </p>
    </dl>
  );
}
