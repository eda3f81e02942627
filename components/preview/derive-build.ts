// The request, its analysis and where each breakpoint lands in the editor, derived from one
// experiment (never stored, docs/style.md habit 3). Pure, so it is unit-tested without React.
import type { BreakpointAnalysis } from "@/lib/cache/analysis";
import { buildRequest, type BuildOutput } from "@/lib/cache/build-request";
import type { Experiment } from "@/lib/cache/experiment-schema";
import type { Result } from "@/lib/cache/result";

export interface Landing {
  id: string;
  status: BreakpointAnalysis["status"];
  ttl: BreakpointAnalysis["ttl"];
  canCache: boolean;
  minimum: BreakpointAnalysis["minimum"];
}

export interface BuildState {
  experiment: Experiment;
  result: Result<BuildOutput>;
  /** The body exactly as shown and copied: JSON.stringify(body, null, 2). */
  json: string | null;
  /** The preview is behind the editor (a deferred render is pending). */
  stale: boolean;
  /** Experiment path of a block → breakpoints that landed on it. */
  landings: ReadonlyMap<string, readonly Landing[]>;
  /** Experiment path of a cache_point → what became of it. */
  markers: ReadonlyMap<string, BreakpointAnalysis>;
}

export function deriveBuild(experiment: Experiment): Omit<BuildState, "stale"> {
  const result = buildRequest(experiment);
  const landings = new Map<string, Landing[]>();
  const markers = new Map<string, BreakpointAnalysis>();
  if (result.ok) {
    const paths = result.value.experimentPaths;
    for (const b of result.value.analysis.breakpoints) {
      if (b.origin.kind === "marker") markers.set(`messages[${b.origin.messageIndex}].content[${b.origin.contentIndex}]`, b);
      const at = b.landedAt ? paths[b.landedAt.path] : undefined;
      if (!at) continue;
      const list = landings.get(at) ?? [];
      list.push({ id: b.id, status: b.status, ttl: b.ttl, canCache: b.canCache, minimum: b.minimum });
      landings.set(at, list);
    }
  }
  return { experiment, result, json: result.ok ? JSON.stringify(result.value.body, null, 2) : null, landings, markers };
}

