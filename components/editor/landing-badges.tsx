"use client";
import { statusWord } from "@/lib/cache/breakpoint-words";
import type { DocumentPath } from "@/lib/cache/paths";
import { useBuildSelector } from "@/components/playground/build-context";
import { Badge } from "@/components/ui/badge";
import type { Landing } from "@/components/preview/derive-build";
import { cn } from "@/components/ui/cn";

/** What a kept breakpoint's prefix does against the minimum, allowing for the estimate's band. */
const KEPT: Record<Landing["minimum"], { word: string; title: string }> = {
  reaches: { word: "kept", title: "cache_control lands here and is kept" },
  near: { word: "kept, may not cache", title: "kept, but the prefix is within the estimate's error band of the model's minimum" },
  below: { word: "kept, too short", title: "kept, but the prefix is below the model's minimum" },
};

/** Inline, on the block itself: the cache_control that lands here, its TTL and whether it survives. */
export function LandingBadges({ path }: { path: DocumentPath }) {
  const landings = useBuildSelector((b) => b.landings.get(path));
  if (!landings?.length) return null;
  // Another request's cache_control still on this block: an overwritten one is no loss.
  const stillCached = landings.some((l) => l.status === "kept");
  return (
    <span className="flex flex-wrap gap-1">
      {landings.map((l) => {
        const overwritten = l.status === "overwritten";
        const tone = l.status === "kept" ? (l.minimum === "reaches" ? "ok" : "warn") : overwritten && stillCached ? "neutral" : "danger";
        const word = l.status === "kept" ? KEPT[l.minimum].word : statusWord(l.status, stillCached);
        return (
          <Badge
            key={l.id}
            data-status={l.status}
            tone={tone}
            mono
            className={cn(tone === "danger" && "line-through")}
            title={l.status === "kept" ? KEPT[l.minimum].title : `cache_control asked for here is ${l.status}`}
          >
            cache_control {l.ttl} · {word}
          </Badge>
        );
      })}
    </span>
  );
}
