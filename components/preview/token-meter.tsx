import type { MinimumVerdict } from "@/lib/cache/tokens";
import { cn } from "@/components/ui/cn";
import { formatPrefixAgainstMinimum } from "@/lib/display/format";

/**
 * The prefix up to a breakpoint against the model's minimum cacheable length, as a meter: green when
 * it reaches the minimum even at the low end of the estimate's band, amber otherwise.
 */
export function TokenMeter({ value, min, label, verdict, exact = false }: { value: number; min: number; label: string; verdict: MinimumVerdict; exact?: boolean }) {
  // Scale so the minimum sits at 2/3 of the bar: both "just below" and "well above" read at a glance.
  const max = Math.max(min * 1.5, value);
  const ok = verdict === "reaches";
  return (
    <div className="flex flex-wrap items-center gap-x-2 gap-y-0.5">
      <meter aria-label={label} min={0} max={max} low={min} optimum={max} value={value} className="sr-only" />
      <div aria-hidden className="relative h-1.5 w-28 shrink-0 overflow-hidden rounded-full bg-line">
        <div className={cn("h-full rounded-full", ok ? "bg-(--chart-read)" : "bg-(--chart-write5m)")} style={{ width: `${Math.min(100, (value / max) * 100)}%` }} />
        <div className="absolute top-0 h-full w-px bg-fg-muted" style={{ left: `${(min / max) * 100}%` }} />
      </div>
      <span className="text-xs text-fg-muted tabular-nums">{formatPrefixAgainstMinimum(value, min, exact)}</span>
    </div>
  );
}
