// Undo/redo over experiment snapshots. Edits are pure transitions (lib/editor), so a snapshot is
// just the previous document; unchanged parts are shared, which keeps 100 steps cheap.
import type { Experiment } from "@/lib/cache/experiment-schema";

export const HISTORY_LIMIT = 100;
/** Edits to the same field within this window merge into one undo step (typing is one step, not 40). */
export const COALESCE_MS = 1_000;

export interface History {
  past: Experiment[];
  future: Experiment[];
  /** The field the last edit touched and when, for coalescing. */
  lastKey: string | null;
  lastAt: number;
}

export const emptyHistory = (): History => ({ past: [], future: [], lastKey: null, lastAt: 0 });

/** Records `previous` before an edit; consecutive edits with the same key inside the window share one step. */
export function record(history: History, previous: Experiment, key: string | null, now: number): History {
  const coalesce = key !== null && key === history.lastKey && now - history.lastAt < COALESCE_MS;
  const past = coalesce ? history.past : [...history.past, previous].slice(-HISTORY_LIMIT);
  return { past, future: [], lastKey: key, lastAt: now };
}

export function undo(history: History, current: Experiment): { history: History; experiment: Experiment } | null {
  const previous = history.past[history.past.length - 1];
  if (!previous) return null;
  return {
    experiment: previous,
    history: { past: history.past.slice(0, -1), future: [current, ...history.future], lastKey: null, lastAt: 0 },
  };
}

export function redo(history: History, current: Experiment): { history: History; experiment: Experiment } | null {
  const next = history.future[0];
  if (!next) return null;
  return {
    experiment: next,
    history: { past: [...history.past, current].slice(-HISTORY_LIMIT), future: history.future.slice(1), lastKey: null, lastAt: 0 },
  };
}
