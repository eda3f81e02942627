"use client";
// The run history of the active experiment: loaded from IndexedDB when the experiment changes,
// appended run by run (only the last chunk is rewritten), cleared on request. The array in state is
// the one source the table, the charts and the exports derive from. Each run is filed under the
// experiment it was sent for, so switching experiments mid-series never mixes two histories. The
// shelves (run-history-shelves.ts) do the work; this hook mirrors their view into React state.
import { useEffect, useState } from "react";
import { indexedDbBackend, memoryBackend } from "@/lib/runs/history-store";
import type { RunRecord } from "@/lib/runs/types";
import { type HistoryView, RunHistoryShelves } from "./run-history-shelves";

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

export function useRunHistory(experimentId: string): RunHistory {
  // The history belongs to one experiment: until the loaded one matches, the page shows none.
  const [view, setView] = useState<HistoryView | null>(null);
  const [storageError, setStorageError] = useState<string | null>(null);
  const [shelves] = useState(
    () => new RunHistoryShelves({ openBackend: () => indexedDbBackend().catch(() => memoryBackend()), now: Date.now, onView: setView, onStorageError: setStorageError }),
  );
  useEffect(() => {
    void shelves.show(experimentId);
  }, [shelves, experimentId]);

  const loaded = view?.id === experimentId;
  return {
    runs: loaded ? view.runs : EMPTY,
    loaded,
    append: shelves.append,
    clear: shelves.clear,
    storageError,
    notice: loaded ? (view.problem?.message ?? null) : null,
  };
}
