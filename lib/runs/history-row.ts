// One row of the run history as the virtualised table shows it (issue 12 item 3): the run's explanation
// and, beside it, Anthropic's diagnosis. A row depends on the run and on the two runs it is read
// against (the previous successful run of its variant, and the run whose message id its diagnosis
// named), so it is kept per run record and handed out again while those two are the same records:
// the table's memoised rows then skip re-rendering when the history grows, and scrolling back over a
// long history explains nothing twice. Finding the run a diagnosis named costs a few steps for a
// history as a series writes it (the named run is a row or two above); a name the history does not
// hold is looked up in an index of message ids built once per history, never by reading every row
// above. Pure: it reads only the records.
import { type DiagnosisView, diagnosisView } from "./diagnosis";
import { type RunExplanation, explainRun, previousOf } from "./explain";
import type { RunRecord } from "./types";

export interface HistoryRow {
  explanation: RunExplanation;
  /** Anthropic's cache diagnostics for the run (lib/runs/diagnosis.ts), when the request asked for them. */
  diagnosis?: DiagnosisView;
}

interface Kept {
  previous: RunRecord | undefined;
  named: RunRecord | undefined;
  row: HistoryRow;
}

const kept = new WeakMap<RunRecord, Kept>();
/** Per history: each message id and the positions of the runs that carry it, in order. */
const messageIndexes = new WeakMap<readonly RunRecord[], Map<string, number[]>>();
/** How far above a row the run its diagnosis named is looked for before the index is consulted. */
const NEAR = 32;

function messageIndex(runs: readonly RunRecord[]): Map<string, number[]> {
  let index = messageIndexes.get(runs);
  if (!index) {
    index = new Map();
    runs.forEach((run, i) => {
      if (!run.messageId) return;
      const at = index!.get(run.messageId);
      if (at) at.push(i);
      else index!.set(run.messageId, [i]);
    });
    messageIndexes.set(runs, index);
  }
  return index;
}

/** The run a diagnosis compared with: the newest run above the row whose response had that message id. */
export function namedRun(runs: readonly RunRecord[], index: number, messageId: string): RunRecord | undefined {
  const stop = Math.max(0, index - NEAR);
  for (let i = index - 1; i >= stop; i--) if (runs[i]!.messageId === messageId) return runs[i];
  if (stop === 0) return undefined;
  const positions = messageIndex(runs).get(messageId);
  if (!positions) return undefined;
  // The last position before `stop` (the rows from `stop` up were just read).
  let lo = 0;
  let hi = positions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (positions[mid]! < stop) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? runs[positions[lo - 1]!] : undefined;
}

/** Row `index` of the history: the same object as last time while the run and the runs it is read against are the same. */
export function historyRowAt(runs: readonly RunRecord[], index: number): HistoryRow {
  const run = runs[index]!;
  const previous = previousOf(runs, index);
  const named = run.diagnosis ? namedRun(runs, index, run.diagnosis.previousMessageId) : undefined;
  const last = kept.get(run);
  if (last && last.previous === previous && last.named === named) return last.row;
  const explanation = explainRun(run, previous);
  const row: HistoryRow = run.diagnosis ? { explanation, diagnosis: diagnosisView(run.diagnosis, named, run) } : { explanation };
  kept.set(run, { previous, named, row });
  return row;
}
