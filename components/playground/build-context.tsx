"use client";
// The request and its analysis, derived from the experiment (never stored, STYLE §3) once per
// edit and shared by the preview and the editor's inline badges. The experiment goes through
// useDeferredValue, so typing in a 150k-token prompt never waits for the preview.
import { createContext, useContext, useDeferredValue, useMemo, type ReactNode } from "react";
import type { BreakpointAnalysis } from "@/lib/cache/analysis";
import { buildRequest, type BuildOutput } from "@/lib/cache/build-request";
import type { Experiment } from "@/lib/cache/experiment-schema";
import type { Result } from "@/lib/cache/result";
import { useActiveExperiment } from "@/lib/store";

export interface Landing {
  id: string;
  status: BreakpointAnalysis["status"];
  ttl: BreakpointAnalysis["ttl"];
  canCache: boolean;
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

const BuildContext = createContext<BuildState | null>(null);

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
      list.push({ id: b.id, status: b.status, ttl: b.ttl, canCache: b.canCache });
      landings.set(at, list);
    }
  }
  return { experiment, result, json: result.ok ? JSON.stringify(result.value.body, null, 2) : null, landings, markers };
}

export function BuildProvider({ children }: { children: ReactNode }) {
  const live = useActiveExperiment();
  const deferred = useDeferredValue(live);
  const derived = useMemo(() => deriveBuild(deferred), [deferred]);
  const value = useMemo(() => ({ ...derived, stale: deferred !== live }), [derived, deferred, live]);
  return <BuildContext.Provider value={value}>{children}</BuildContext.Provider>;
}

export function useBuild(): BuildState {
  const value = useContext(BuildContext);
  if (!value) throw new Error("useBuild must be used inside <BuildProvider>.");
  return value;
}

/** A stable string of the landings on one block, so memoised blocks re-render only when theirs change. */
export function landingKey(landings: readonly Landing[] | undefined): string {
  return landings?.map((l) => `${l.status}:${l.ttl}:${l.canCache ? 1 : 0}`).join("|") ?? "";
}
