"use client";
// The run history of the active experiment: loaded from IndexedDB when the experiment changes,
// appended run by run (only the last chunk is rewritten), cleared on request. The array in state is
// the one source the table, the charts and the exports derive from. Each run is filed under the
// experiment it was sent for, so switching experiments mid-series never mixes two histories.
import { useCallback, useEffect, useRef, useState } from "react";
import { type KeyValueBackend, RunHistoryStore, indexedDbBackend, memoryBackend } from "@/lib/runs/history-store";
import type { RunRecord } from "@/lib/runs/types";

export interface RunHistory {
  runs: RunRecord[];
  loaded: boolean;
  /** Numbers the runs and stores them; resolves once they are persisted. */
  append: (runs: Omit<RunRecord, "number">[]) => Promise<RunRecord[]>;
  clear: () => Promise<void>;
  /** A sentence when storage failed (the runs stay in memory for this visit). */
  storageError: string | null;
}

const EMPTY: RunRecord[] = [];

interface Shelf {
  store: RunHistoryStore;
  /** Runs stored so far, once the store has been read (it numbers new runs). */
  count: number | null;
}

export function useRunHistory(experimentId: string): RunHistory {
  // The history belongs to one experiment: until the loaded one matches, the page shows none.
  const [state, setState] = useState<{ id: string | null; runs: RunRecord[] }>({ id: null, runs: [] });
  const loaded = state.id === experimentId;
  const runs = loaded ? state.runs : EMPTY;
  const [storageError, setStorageError] = useState<string | null>(null);
  const backendRef = useRef<Promise<KeyValueBackend> | null>(null);
  const shelves = useRef(new Map<string, Shelf>());
  const shownId = useRef<string | null>(null);

  const shelf = useCallback(async (id: string): Promise<Shelf> => {
    backendRef.current ??= indexedDbBackend().catch(() => memoryBackend());
    const backend = await backendRef.current;
    // No await between the lookup and the insert: two callers always share one store per experiment.
    let entry = shelves.current.get(id);
    if (!entry) {
      entry = { store: new RunHistoryStore(backend, id || "default"), count: null };
      shelves.current.set(id, entry);
    }
    if (entry.count === null) {
      try {
        entry.count = (await entry.store.load()).length;
      } catch {
        entry.count = 0;
        setStorageError("The saved run history could not be read; new runs are kept for this visit.");
      }
    }
    return entry;
  }, []);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const entry = await shelf(experimentId);
      let history: RunRecord[] = [];
      try {
        history = await entry.store.load();
      } catch {
        setStorageError("The saved run history could not be read; new runs are kept for this visit.");
      }
      if (cancelled) return;
      entry.count = history.length;
      shownId.current = experimentId;
      setState({ id: experimentId, runs: history });
    })();
    return () => {
      cancelled = true;
    };
  }, [experimentId, shelf]);

  const append = useCallback(
    async (incoming: Omit<RunRecord, "number">[]) => {
      const all: RunRecord[] = [];
      const byExperiment = new Map<string, Omit<RunRecord, "number">[]>();
      for (const run of incoming) byExperiment.set(run.experimentId, [...(byExperiment.get(run.experimentId) ?? []), run]);
      for (const [id, group] of byExperiment) {
        const entry = await shelf(id);
        const numbered = group.map((run) => ({ ...run, number: ++entry.count! }) as RunRecord);
        all.push(...numbered);
        if (shownId.current === id) setState((prev) => (prev.id === id ? { ...prev, runs: prev.runs.concat(numbered) } : prev));
        try {
          await entry.store.append(numbered);
        } catch {
          setStorageError("The run history could not be saved (storage full or blocked); runs are kept for this visit.");
        }
      }
      return all;
    },
    [shelf],
  );

  const clear = useCallback(async () => {
    const id = shownId.current;
    if (id === null) return;
    const entry = await shelf(id);
    entry.count = 0;
    setState((prev) => (prev.id === id ? { ...prev, runs: [] } : prev));
    try {
      await entry.store.clear();
    } catch {
      setStorageError("The stored run history could not be cleared.");
    }
  }, [shelf]);

  return { runs, loaded, append, clear, storageError };
}
