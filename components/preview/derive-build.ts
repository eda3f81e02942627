// The request, its analysis and where each breakpoint lands in the editor, derived from one
// experiment (never stored, docs/style.md habit 3). Pure, so it is unit-tested without React.
import type { BreakpointAnalysis } from "@/lib/cache/analysis";
import { buildRequest, type BuildOutput } from "@/lib/cache/build-request";
import type { Experiment } from "@/lib/cache/experiment-schema";
import { type DocumentPath, documentPath } from "@/lib/cache/paths";
import type { Result } from "@/lib/cache/result";

export interface Landing {
  id: string;
  status: BreakpointAnalysis["status"];
  overwrittenBy?: string;
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
  /** Document path of a block → breakpoints that landed on it. */
  landings: ReadonlyMap<DocumentPath, readonly Landing[]>;
  /** Document path of a cache_point → what became of it. */
  markers: ReadonlyMap<DocumentPath, BreakpointAnalysis>;
}

export function deriveBuild(experiment: Experiment): Omit<BuildState, "stale"> {
  const result = buildRequest(experiment);
  const landings = new Map<DocumentPath, Landing[]>();
  const markers = new Map<DocumentPath, BreakpointAnalysis>();
  if (result.ok) {
    for (const b of result.value.analysis.breakpoints) {
      if (b.origin.kind === "marker") markers.set(documentPath.item(b.origin.messageIndex, b.origin.contentIndex), b);
      const at = b.landedAt?.documentPath;
      if (!at) continue;
      const list = landings.get(at) ?? [];
      list.push({ id: b.id, status: b.status, ttl: b.ttl, canCache: b.canCache, minimum: b.minimum, ...(b.overwrittenBy ? { overwrittenBy: b.overwrittenBy } : {}) });
      landings.set(at, list);
    }
  }
  return { experiment, result, json: result.ok ? JSON.stringify(result.value.body, null, 2) : null, landings, markers };
}

