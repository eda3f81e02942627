"use client";
// The React side of the store: one store per provider (never a module global, so server renders
// never share state), read through selector hooks that return stable references.
import { createContext, useContext, useState, type ReactNode } from "react";
import { useStore } from "zustand";
import type { Experiment } from "@/lib/cache/experiment-schema";
import { createExperimentsStore, type CreateStoreOptions, type ExperimentsActions, type ExperimentsState, type ExperimentsStore } from "./experiments-store";

const StoreContext = createContext<ExperimentsStore | null>(null);

export function ExperimentStoreProvider({ children, options }: { children: ReactNode; options?: CreateStoreOptions }) {
  const [store] = useState(() => createExperimentsStore({ writeDelayMs: 200, ...options }));
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

/** The store itself, for code that reads state outside render (a run series, a keyboard handler). */
export function useExperimentStoreApi(): ExperimentsStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error("useExperimentStore must be used inside <ExperimentStoreProvider>.");
  return store;
}

/** Selects from the store; the selector must return a stable reference (zustand v5 loops otherwise). */
export function useExperimentStore<T>(selector: (state: ExperimentsState) => T): T {
  return useStore(useExperimentStoreApi(), selector);
}

export const selectActiveExperiment = (s: ExperimentsState): Experiment => {
  const entry = s.activeId ? s.experiments[s.activeId] : undefined;
  // The library always holds the active entry; the fallback only covers a transient empty state.
  return (entry ?? s.experiments[s.order[0] ?? ""] ?? Object.values(s.experiments)[0])!.experiment;
};

/** The experiment being edited (a new object after every edit, the same one otherwise). */
export function useActiveExperiment(): Experiment {
  return useExperimentStore(selectActiveExperiment);
}

/**
 * One part of the experiment being edited, re-rendering only when that part changes: transitions
 * share unchanged parts, so `(e) => e.messages[3]` or `(e) => e.settings` keep their reference
 * across edits elsewhere. Like any selector it must return a stable reference (zustand v5).
 */
export function useActiveExperimentSelector<T>(select: (experiment: Experiment) => T): T {
  return useExperimentStore((s) => select(selectActiveExperiment(s)));
}

export function useActiveExperimentId(): string {
  return useExperimentStore((s) => s.activeId ?? s.order[0] ?? "");
}

/** All actions; the object is created once per store, so this never re-renders. */
export function useExperimentActions(): ExperimentsActions {
  return useExperimentStore((s) => s.actions);
}
