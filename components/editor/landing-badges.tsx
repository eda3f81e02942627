"use client";
import { useBuildSelector } from "@/components/playground/build-context";
import { cn } from "@/components/ui/cn";

/** Inline, on the block itself: the cache_control that lands here, its TTL and whether it survives. */
export function LandingBadges({ path }: { path: string }) {
  const landings = useBuildSelector((b) => b.landings.get(path));
  if (!landings?.length) return null;
  return (
    <span className="flex flex-wrap gap-1">
      {landings.map((l) => (
        <span
          key={l.id}
          data-status={l.status}
          className={cn(
            "rounded px-1.5 py-0.5 font-mono text-[11px] font-medium",
            l.status === "kept" ? (l.canCache ? "bg-emerald-100 text-emerald-800" : "bg-amber-100 text-amber-900") : "bg-red-100 text-red-800 line-through",
          )}
          title={l.status === "kept" ? (l.canCache ? "cache_control lands here and is kept" : "kept, but the prefix is below the model's minimum") : `cache_control asked for here is ${l.status}`}
        >
          cache_control {l.ttl} · {l.status === "kept" ? (l.canCache ? "kept" : "kept, too short") : l.status}
        </span>
      ))}
    </span>
  );
}
