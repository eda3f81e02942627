"use client";
// The request and its analysis, derived from the experiment (never stored, docs/style.md habit 3) once per
// edit and shared by the preview and the editor's inline badges. The experiment goes through
// useDeferredValue, so typing in a 150k-token prompt never waits for the preview.
//
// Shared through a small external store, not as a context value: a context whose value changes on
// every edit makes React walk the whole page (thousands of fibers) to find its readers, and the
// "stale" flag changes twice per edit. Readers subscribe with a selector and re-render only when
// their part changes; the store itself never changes identity.
import { createContext, useContext, useDeferredValue, useLayoutEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from "react";
import { deriveBuild, type BuildState } from "@/components/preview/derive-build";
import { useActiveExperiment } from "@/lib/store";

type Build = Omit<BuildState, "stale">;

interface BuildSnapshot {
  build: Build;
  /** The preview is behind the editor (a deferred render is pending). */
  stale: boolean;
}

interface BuildStore {
  get(): BuildSnapshot;
  set(next: BuildSnapshot): void;
  /** Told when the build changes (not when only "stale" does: it flips twice per edit). */
  subscribeBuild(listener: () => void): () => void;
  subscribeStale(listener: () => void): () => void;
}

function createBuildStore(initial: BuildSnapshot): BuildStore {
  let snapshot = initial;
  const buildListeners = new Set<() => void>();
  const staleListeners = new Set<() => void>();
  const subscribe = (listeners: Set<() => void>) => (listener: () => void) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };
  return {
    get: () => snapshot,
    set(next) {
      const previous = snapshot;
      snapshot = next;
      if (next.build !== previous.build) for (const listener of buildListeners) listener();
      if (next.stale !== previous.stale) for (const listener of staleListeners) listener();
    },
    subscribeBuild: subscribe(buildListeners),
    subscribeStale: subscribe(staleListeners),
  };
}

const BuildStoreContext = createContext<BuildStore | null>(null);

export function BuildProvider({ children }: { children: ReactNode }) {
  const live = useActiveExperiment();
  const deferred = useDeferredValue(live);
  const build = useMemo(() => deriveBuild(deferred), [deferred]);
  const stale = deferred !== live;
  const [store] = useState(() => createBuildStore({ build, stale }));
  // Published once the render that derived it commits; readers then re-render in the same task,
  // before the browser paints.
  useLayoutEffect(() => store.set({ build, stale }), [store, build, stale]);
  return <BuildStoreContext.Provider value={store}>{children}</BuildStoreContext.Provider>;
}

function useBuildStore(): BuildStore {
  const store = useContext(BuildStoreContext);
  if (!store) throw new Error("useBuild must be used inside <BuildProvider>.");
  return store;
}

/** One part of the build; the selector must return a stable reference for the same build. */
export function useBuildSelector<T>(select: (build: Build) => T): T {
  const store = useBuildStore();
  const read = () => select(store.get().build);
  return useSyncExternalStore(store.subscribeBuild, read, read);
}

export function useBuild(): Build {
  return useBuildSelector((build) => build);
}

/** True while the preview is behind the editor (a deferred render is pending). */
export function usePreviewStale(): boolean {
  const store = useBuildStore();
  const read = () => store.get().stale;
  return useSyncExternalStore(store.subscribeStale, read, read);
}

export type { BuildState, Landing } from "@/components/preview/derive-build";
