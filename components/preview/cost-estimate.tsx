import type { Analysis } from "@/lib/cache/analysis";
import { cn } from "@/components/ui/cn";
import { formatTokens, formatUsd } from "@/lib/display/format";

const CELLS = [
  { key: "firstCall", label: "First call", tone: "bg-surface-muted" },
  { key: "cachedRepeat", label: "Cached repeat", tone: "bg-ok-bg" },
  { key: "uncached", label: "Without caching", tone: "bg-surface-muted" },
] as const;

/** Input cost of a cold first call and of an identical repeat within the TTL, against no caching. */
export function CostEstimate({ analysis }: { analysis: Analysis }) {
  const { cachedRepeat, uncached } = analysis.cost;
  const notApplicable = analysis.costNotApplicable;
  const saving = uncached > 0 ? 1 - cachedRepeat / uncached : 0;
  return (
    <div className="flex flex-col gap-1.5">
      <dl aria-label="Cost estimate" className="grid grid-cols-3 gap-2 text-center">
        {CELLS.map((c) => (
          <div key={c.key} className={cn("rounded-md p-2", c.tone)}>
            <dt className="text-xs text-fg-muted">{c.label}</dt>
            <dd className="font-mono text-sm font-semibold">{notApplicable ? "n/a" : formatUsd(analysis.cost[c.key])}</dd>
          </div>
        ))}
      </dl>
      <p className="text-center text-xs text-fg-muted">
        {notApplicable ? (
          `Cost estimate ${notApplicable}: see the findings.`
        ) : (
          <>
            Input only, ≈{formatTokens(analysis.totalTokens)} tokens (estimated).{" "}
            {saving > 0 ? `A cached repeat costs ${Math.round(saving * 100)}% less.` : "Nothing is cached, so a repeat costs the same."}
          </>
        )}
      </p>
    </div>
  );
}
