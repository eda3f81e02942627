// The run histories of this visit, one shelf per experiment, behind useRunHistory (which only mirrors
// the view into React state). Each history is read from storage once per showing, never once per
// caller: the first read of a 100,000-run history used to happen twice on open (once to learn the next
// run number, once to show it), each checking every record and rewriting nothing but costing seconds.
// The view is published synchronously with each change, so a run numbered while a read is in flight
// is neither lost from the page nor shown twice.
import { type HistoryLoad, type HistoryProblem, type KeyValueBackend, RunHistoryStore } from "@/lib/runs/history-store";
import type { RunRecord } from "@/lib/runs/types";

/** What the page shows: one experiment's history and what its first read found wrong. */
export interface HistoryView {
  id: string;
  runs: RunRecord[];
  problem: HistoryProblem | null;
}

export interface RunHistoryShelvesOptions {
  openBackend: () => Promise<KeyValueBackend>;
  /** The clock for set-aside keys. */
  now: () => number;
  onView: (view: HistoryView) => void;
  onStorageError: (message: string) => void;
}

interface Shelf {
  store: RunHistoryStore;
  /** The number the next run gets, once the store has been read. */
  next: number | null;
  /** What the first load found wrong: a repair happens once, but the page keeps saying so this visit. */
  problem: HistoryProblem | null;
  /** The read in flight, shared by everyone who needs it. */
  reading: Promise<HistoryLoad> | null;
  /** Runs numbered since the last read was queued: they reach storage after it, so it does not hold them. */
  since: RunRecord[];
}

export const SAVE_FAILED = "The run history could not be saved (storage full or blocked); runs are kept for this visit.";
export const CLEAR_FAILED = "The stored run history could not be cleared.";

export class RunHistoryShelves {
  private backend: Promise<KeyValueBackend> | null = null;
  private readonly shelves = new Map<string, Shelf>();
  /** The experiment the page asks for; a read that finishes for another one is not shown. */
  private wanted: string | null = null;
  private view: HistoryView | null = null;

  constructor(private readonly options: RunHistoryShelvesOptions) {}

  /** Shows `id`'s history once read: the read in flight if there is one (the first, perhaps started by an append), a fresh one otherwise. */
  async show(id: string): Promise<void> {
    this.wanted = id;
    const entry = await this.shelf(id);
    const history = await (entry.reading ?? this.read(entry));
    if (this.wanted !== id) return;
    this.publish({ id, runs: this.withSince(history, entry), problem: entry.problem });
  }

  /** Numbers the runs per experiment, shows those of the shown one and stores them; resolves once stored. */
  readonly append = async (incoming: readonly Omit<RunRecord, "number">[]): Promise<RunRecord[]> => {
    const all: RunRecord[] = [];
    const byExperiment = new Map<string, Omit<RunRecord, "number">[]>();
    for (const run of incoming) {
      const group = byExperiment.get(run.experimentId);
      if (group) group.push(run);
      else byExperiment.set(run.experimentId, [run]);
    }
    for (const [id, group] of byExperiment) {
      const entry = await this.numbered(id);
      // From here to store.append nothing awaits: the numbers, the view and the store's queue agree.
      const numbered = group.map((run): RunRecord => ({ ...run, number: entry.next!++ }));
      all.push(...numbered);
      entry.since.push(...numbered);
      if (this.view?.id === id) this.publish({ ...this.view, runs: this.view.runs.concat(numbered) });
      try {
        await entry.store.append(numbered);
      } catch {
        this.options.onStorageError(SAVE_FAILED);
      }
    }
    return all;
  };

  /** Clears the shown history; a read-only one (a newer version's) keeps what it shows, only this visit's runs go. */
  readonly clear = async (): Promise<void> => {
    const id = this.view?.id;
    if (id === undefined) return;
    const entry = await this.shelf(id);
    // Numbered again from what is left: the next read (queued after the clear) sets it.
    entry.next = null;
    if (this.view?.id === id) this.publish({ ...this.view, runs: [] });
    try {
      await entry.store.clear();
    } catch {
      this.options.onStorageError(CLEAR_FAILED);
    }
    const left = await this.read(entry);
    if (this.view?.id === id) this.publish({ ...this.view, runs: this.withSince(left, entry) });
  };

  private publish(view: HistoryView) {
    this.view = view;
    this.options.onView(view);
  }

  private withSince(history: HistoryLoad, entry: Shelf): RunRecord[] {
    return entry.since.length ? history.runs.concat(entry.since) : history.runs;
  }

  private async shelf(id: string): Promise<Shelf> {
    this.backend ??= this.options.openBackend();
    const backend = await this.backend;
    // No await between the lookup and the insert: two callers always share one store per experiment.
    let entry = this.shelves.get(id);
    if (!entry) {
      entry = { store: new RunHistoryStore(backend, id || "default", { now: this.options.now }), next: null, problem: null, reading: null, since: [] };
      this.shelves.set(id, entry);
    }
    return entry;
  }

  /** A shelf whose next run number is known: read first, sharing a read already in flight. */
  private async numbered(id: string): Promise<Shelf> {
    const entry = await this.shelf(id);
    if (entry.next === null) await (entry.reading ?? this.read(entry));
    return entry;
  }

  /** Reads an experiment's history; the store repairs it on the first read and never throws. */
  private read(entry: Shelf): Promise<HistoryLoad> {
    entry.since = [];
    const reading = entry.store.load().then((result) => {
      // Appends may have numbered runs meanwhile: the next number never goes back.
      entry.next = Math.max(entry.next ?? 0, result.nextNumber);
      entry.problem ??= result.problem;
      if (entry.reading === reading) entry.reading = null;
      return result;
    });
    entry.reading = reading;
    return reading;
  }
}
