"use client";
// The run history of the active experiment: loaded from IndexedDB when the experiment changes,
// appended run by run (only the last chunk is rewritten), cleared on request. The array in state is
// the one source the table, the charts and the exports derive from. Each run is filed under the
// experiment it was sent for, so switching experiments mid-series never mixes two histories.
import { useCallback, useEffect, useRef, useState } from "react";
import { type HistoryProblem, type KeyValueBackend, RunHistoryStore, indexedDbBackend, memoryBackend } from "@/lib/runs/history-store";
import type { RunRecord } from "@/lib/runs/types";

export interface RunHistory {
  runs: RunRecord[];
  loaded: boolean;
  /** Numbers the runs and stores them; resolves once they are persisted. */
  append: (runs: Omit<RunRecord, "number">[]) => Promise<RunRecord[]>;
  clear: () => Promise<void>;
  /** A sentence when storage failed (the runs stay in memory for this visit). */
  storageError: string | null;
  /**
   * A sentence when the saved history of the shown experiment had unreadable or missing runs (how
   * many, and where the unreadable ones were set aside), or cannot be written (a newer version's).
   */
  notice: string | null;
}

const EMPTY: RunRecord[] = [];

interface Shelf {
  store: RunHistoryStore;
  /** The number the next run gets, once the store has been read. */
  next: number | null;
  /** What the first load found wrong: a repair happens once, but the page keeps saying so this visit. */
  problem: HistoryProblem | null;
}

export function useRunHistory(experimentId: string): RunHistory {
  // The history belongs to one experiment: until the loaded one matches, the page shows none.
  const [state, setState] = useState<{ id: string | null; runs: RunRecord[]; problem: HistoryProblem | null }>({ id: null, runs: [], problem: null });
  const loaded = state.id === experimentId;
  const runs = loaded ? state.runs : EMPTY;
  const [storageError, setStorageError] = useState<string | null>(null);
  const backendRef = useRef<Promise<KeyValueBackend> | null>(null);
  const shelves = useRef(new Map<string, Shelf>());
  const shownId = useRef<string | null>(null);

  /** Reads an experiment's history; the store repairs it on the first read and never throws. */
  const read = useCallback(async (entry: Shelf) => {
    const result = await entry.store.load();
    // Appends may have numbered runs meanwhile: the next number never goes back.
    entry.next = Math.max(entry.next ?? 0, result.nextNumber);
    entry.problem ??= result.problem;
    return result;
  }, []);

  const shelf = useCallback(async (id: string): Promise<Shelf> => {
    backendRef.current ??= indexedDbBackend().catch(() => memoryBackend());
    const backend = await backendRef.current;
    // No await between the lookup and the insert: two callers always share one store per experiment.
    let entry = shelves.current.get(id);
    if (!entry) {
      entry = { store: new RunHistoryStore(backend, id || "default", { now: Date.now }), next: null, problem: null };
      shelves.current.set(id, entry);
    }
    if (entry.next === null) await read(entry);
    return entry;
  }, [read]);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const entry = await shelf(experimentId);
      const history = await read(entry);
      if (cancelled) return;
      shownId.current = experimentId;
      setState({ id: experimentId, runs: history.runs, problem: entry.problem });
    })();
    return () => {
      cancelled = true;
    };
  }, [experimentId, shelf, read]);

  const append = useCallback(
    async (incoming: Omit<RunRecord, "number">[]) => {
      const all: RunRecord[] = [];
      const byExperiment = new Map<string, Omit<RunRecord, "number">[]>();
      for (const run of incoming) {
        const group = byExperiment.get(run.experimentId);
        if (group) group.push(run);
        else byExperiment.set(run.experimentId, [run]);
      }
      for (const [id, group] of byExperiment) {
        const entry = await shelf(id);
        const numbered = group.map((run): RunRecord => ({ ...run, number: entry.next!++ }));
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
    // Numbered again from what is left: the next read (queued after the clear) sets it.
    entry.next = null;
    setState((prev) => (prev.id === id ? { ...prev, runs: [] } : prev));
    try {
      await entry.store.clear();
    } catch {
      setStorageError("The stored run history could not be cleared.");
    }
    // A read-only history (a newer version's) keeps what it shows: only this visit's runs go.
    const left = await read(entry);
    setState((prev) => (prev.id === id ? { ...prev, runs: left.runs } : prev));
  }, [shelf, read]);

  return { runs, loaded, append, clear, storageError, notice: loaded ? (state.problem?.message ?? null) : null };
}
