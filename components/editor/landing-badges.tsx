"use client";
import { useBuildSelector } from "@/components/playground/build-context";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";

/** Inline, on the block itself: the cache_control that lands here, its TTL and whether it survives. */
export function LandingBadges({ path }: { path: string }) {
  const landings = useBuildSelector((b) => b.landings.get(path));
  if (!landings?.length) return null;
  // Another request's cache_control still on this block: an overwritten one is no loss.
  const stillCached = landings.some((l) => l.status === "kept");
  return (
    <span className="flex flex-wrap gap-1">
      {landings.map((l) => {
        const overwritten = l.status === "overwritten";
        const tone = l.status === "kept" ? (l.canCache ? "ok" : "warn") : overwritten && stillCached ? "neutral" : "danger";
        const word = l.status === "kept" ? (l.canCache ? "kept" : "kept, too short") : overwritten && stillCached ? "overwritten (block still cached)" : l.status.replace("_", " ");
        return (
          <Badge
            key={l.id}
            data-status={l.status}
            tone={tone}
            mono
            className={cn(tone === "danger" && "line-through")}
            title={l.status === "kept" ? (l.canCache ? "cache_control lands here and is kept" : "kept, but the prefix is below the model's minimum") : `cache_control asked for here is ${l.status}`}
          >
            cache_control {l.ttl} · {word}
          </Badge>
        );
      })}
    </span>
  );
}
