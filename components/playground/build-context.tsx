"use client";
// The request and its analysis, derived from the experiment (never stored, STYLE §3) once per
// edit and shared by the preview and the editor's inline badges. The experiment goes through
// useDeferredValue, so typing in a 150k-token prompt never waits for the preview.
import { createContext, useContext, useDeferredValue, useMemo, type ReactNode } from "react";
import { deriveBuild, type BuildState } from "@/components/preview/derive-build";
import { useActiveExperiment } from "@/lib/store";

const BuildContext = createContext<Omit<BuildState, "stale"> | null>(null);
// Apart from the build, so the urgent render after an edit (when only "stale" flips) does not
// re-render every block's badges.
const StaleContext = createContext(false);

export function BuildProvider({ children }: { children: ReactNode }) {
  const live = useActiveExperiment();
  const deferred = useDeferredValue(live);
  const derived = useMemo(() => deriveBuild(deferred), [deferred]);
  return (
    <StaleContext.Provider value={deferred !== live}>
      <BuildContext.Provider value={derived}>{children}</BuildContext.Provider>
    </StaleContext.Provider>
  );
}

export function useBuild(): Omit<BuildState, "stale"> {
  const value = useContext(BuildContext);
  if (!value) throw new Error("useBuild must be used inside <BuildProvider>.");
  return value;
}

/** True while the preview is behind the editor (a deferred render is pending). */
export function usePreviewStale(): boolean {
  return useContext(StaleContext);
}

export type { BuildState, Landing } from "@/components/preview/derive-build";
