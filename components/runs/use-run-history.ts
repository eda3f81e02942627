"use client";
// The run history of the active experiment: loaded from IndexedDB when the experiment changes,
// appended run by run (only the last chunk is rewritten), cleared on request. The array in state is
// the one source the table, the charts and the exports derive from.
import { useCallback, useEffect, useRef, useState } from "react";
import { RunHistoryStore, indexedDbBackend, memoryBackend } from "@/lib/runs/history-store";
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

export function useRunHistory(experimentId: string): RunHistory {
  // The history belongs to one experiment: until the loaded one matches, the page shows none.
  const [state, setState] = useState<{ id: string | null; runs: RunRecord[] }>({ id: null, runs: [] });
  const loaded = state.id === experimentId;
  const runs = loaded ? state.runs : EMPTY;
  const [storageError, setStorageError] = useState<string | null>(null);
  const storeRef = useRef<RunHistoryStore | null>(null);
  const countRef = useRef(0);

  useEffect(() => {
    let cancelled = false;
    storeRef.current = null;
    (async () => {
      let backend;
      try {
        backend = await indexedDbBackend();
      } catch {
        backend = memoryBackend();
      }
      const store = new RunHistoryStore(backend, experimentId || "default");
      let history: RunRecord[] = [];
      try {
        history = await store.load();
      } catch {
        setStorageError("The saved run history could not be read; new runs are kept for this visit.");
      }
      if (cancelled) return;
      storeRef.current = store;
      countRef.current = history.length;
      setState({ id: experimentId, runs: history });
    })();
    return () => {
      cancelled = true;
    };
  }, [experimentId]);

  const append = useCallback(async (incoming: Omit<RunRecord, "number">[]) => {
    const numbered = incoming.map((run) => ({ ...run, number: ++countRef.current }) as RunRecord);
    setState((prev) => ({ ...prev, runs: prev.runs.concat(numbered) }));
    try {
      await storeRef.current?.append(numbered);
    } catch {
      setStorageError("The run history could not be saved (storage full or blocked); runs are kept for this visit.");
    }
    return numbered;
  }, []);

  const clear = useCallback(async () => {
    countRef.current = 0;
    setState((prev) => ({ ...prev, runs: [] }));
    try {
      await storeRef.current?.clear();
    } catch {
      setStorageError("The stored run history could not be cleared.");
    }
  }, []);

  return { runs, loaded, append, clear, storageError };
}
