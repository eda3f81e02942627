"use client";
// The request and its analysis, derived from the experiment (never stored, STYLE §3) once per
// edit and shared by the preview and the editor's inline badges. The experiment goes through
// useDeferredValue, so typing in a 150k-token prompt never waits for the preview.
import { createContext, useContext, useDeferredValue, useMemo, type ReactNode } from "react";
import { deriveBuild, type BuildState } from "@/components/preview/derive-build";
import { useActiveExperiment } from "@/lib/store";

const BuildContext = createContext<BuildState | null>(null);

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

export type { BuildState, Landing } from "@/components/preview/derive-build";
