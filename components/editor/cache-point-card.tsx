"use client";
import { setCachePointTtl } from "@/lib/editor/cache-points";
import type { Ttl } from "@/lib/editor/types";
import { useBuildSelector } from "@/components/playground/build-context";
import { cn } from "@/components/ui/cn";
import { controlClass } from "@/components/ui/field";
import type { BreakpointAnalysis } from "@/lib/cache/analysis";
import { breakpointWord, statusPhrase } from "@/lib/cache/breakpoint-words";
import { documentPath, requestPathLabel } from "@/lib/cache/paths";
import { useEdit } from "./use-edit";

const NONE: readonly BreakpointAnalysis[] = [];

/**
 * A CachePoint marker, inline between blocks: its TTL, the block its cache_control lands on and
 * what the limit did to it, or, if Pydantic AI would refuse it here, the reason in its own words.
 */
export function CachePointCard({ ttl, messageIndex, blockIndex, problem }: { ttl: Ttl | undefined; messageIndex: number; blockIndex: number; problem: string | undefined }) {
  const edit = useEdit();
  const marker = useBuildSelector((b) => b.markers.get(documentPath.item(messageIndex, blockIndex)));
  const all = useBuildSelector((b) => (b.result.ok ? b.result.value.analysis.breakpoints : NONE));
  const landed = marker?.landedAt ?? null;
  const word = marker ? breakpointWord(marker, all) : null;
  const where = `message ${messageIndex + 1} item ${blockIndex + 1}`;
  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap items-center gap-2">
        <label className="flex items-center gap-1 text-xs text-fg">
          TTL
          <select
            aria-label={`CachePoint TTL, ${where}`}
            className={cn(controlClass, "h-7 text-xs")}
            value={ttl ?? "5m"}
            onChange={(e) => edit((x) => setCachePointTtl(x, messageIndex, blockIndex, e.target.value as Ttl))}
          >
            <option value="5m">5m</option>
            <option value="1h">1h</option>
          </select>
        </label>
        {marker && !problem ? (
          <span className={cn("text-xs", word === "kept" ? "text-ok-text" : word === "dropped" ? "text-danger-text" : "text-fg-muted")}>
            {landed ? `cache_control on ${requestPathLabel(landed.path)}` : "attaches to nothing"} · {marker.status === "overwritten" ? statusPhrase(marker.status, marker.overwrittenBy) : word}
            {marker.status === "no_effect" ? " (no effect)" : ""}
          </span>
        ) : null}
      </div>
      {problem ? (
        <p className="text-xs font-medium text-danger-text">
          Refused here: {problem}
        </p>
      ) : null}
    </div>
  );
}
