// Run history, persisted per experiment. 10,000 runs are far beyond localStorage's few megabytes, so
// they live in IndexedDB (idb-keyval), in chunks of CHUNK_SIZE runs: appending a run rewrites only the
// last chunk, never the whole history.
//
// Nothing is lost in silence (issue 8 item 11, docs/style.md habit 7). A load reads every chunk; a
// record the page cannot show is skipped and counted, copied under a set-aside key of its own, and
// only then is the history rewritten without it; the load says how many and where. A history written by a newer
// version, or one that cannot be read or repaired, is never written to: the store turns read-only and
// keeps new runs in memory for the visit. New runs are numbered after the highest number stored,
// set-aside records included, so numbers stay unique.
import { claimedNumber, isReadableRun } from "./run-record-check";
import type { RunRecord } from "./types";

export const HISTORY_VERSION = 1;
export const CHUNK_SIZE = 500;
const SET_ASIDE_FORMAT = "cachelab.runs.set-aside.v1";

export interface KeyValueBackend {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  /** Where the data lives, as a user would look for it ("this browser's IndexedDB (…)"). */
  readonly where: string;
}

interface HistoryMeta {
  version: number;
  count: number;
  /** The number the next run gets, once runs were set aside (their numbers stay taken). */
  next?: number;
}

/** What a load found wrong, in one sentence for the page, with the counts behind it. */
export interface HistoryProblem {
  /** "set-aside": repaired, bad data kept aside. "read-only": storage is left untouched for this visit. */
  kind: "set-aside" | "read-only";
  reason: "unreadable-data" | "newer-version" | "unavailable" | "repair-failed";
  /** Stored runs that could not be read (set aside, or left in place when read-only). */
  unreadable: number;
  /** Runs the stored index counts that are not in storage at all. */
  missing: number;
  /** Runs shown. */
  shown: number;
  /** The key the unreadable data was copied to, when it was. */
  setAsideKey: string | null;
  message: string;
}

export interface HistoryLoad {
  runs: RunRecord[];
  /** The number the next run gets: one more than any stored, so run numbers stay unique. */
  nextNumber: number;
  problem: HistoryProblem | null;
}

/** What was copied aside, under `runs:<experiment>:set-aside:<time>`, exactly as it was read. */
export interface SetAsideRecord {
  format: typeof SET_ASIDE_FORMAT;
  experimentId: string;
  setAsideAt: string;
  /** The history's index, when it was unreadable. */
  meta?: unknown;
  /** Unreadable runs: their chunk, their place in it and the stored value. */
  records: { chunk: number; index: number; value: unknown }[];
  /** Chunks that were not lists of runs at all. */
  chunks: { chunk: number; value: unknown }[];
}

export interface RunHistoryStoreOptions {
  /** The clock for set-aside keys (ms since the epoch); the core takes time as a parameter. */
  now?: () => number;
}

/** A backend in memory, for tests and for browsers without IndexedDB. */
export function memoryBackend(): KeyValueBackend & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    where: "memory (this visit only: this browser offers no IndexedDB)",
    get: async (key) => structuredClone(data.get(key)),
    set: async (key, value) => void data.set(key, structuredClone(value)),
    del: async (key) => void data.delete(key),
  };
}

const HISTORY_DATABASE = "cachelab-runs";
const HISTORY_OBJECT_STORE = "runs";

/** The browser's backend: one IndexedDB database and store for every experiment's history. */
export async function indexedDbBackend(): Promise<KeyValueBackend> {
  const { createStore, get, set, del } = await import("idb-keyval");
  const store = createStore(HISTORY_DATABASE, HISTORY_OBJECT_STORE);
  return {
    where: `this browser's IndexedDB (database “${HISTORY_DATABASE}”, store “${HISTORY_OBJECT_STORE}”)`,
    get: (key) => get(key, store),
    set: (key, value) => set(key, value, store),
    del: (key) => del(key, store),
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function isMeta(value: unknown): value is HistoryMeta {
  const natural = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;
  return isObject(value) && value.version === HISTORY_VERSION && natural(value.count) && (value.next === undefined || natural(value.next));
}

/** A version number this code does not know but a later one may have written: never overwrite it. */
function newerVersion(value: unknown): number | null {
  return isObject(value) && Number.isSafeInteger(value.version) && (value.version as number) > HISTORY_VERSION ? (value.version as number) : null;
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** Everything one pass over the stored chunks found. */
interface Scan {
  meta: unknown;
  runs: RunRecord[];
  /** Chunk indices present in storage, in order. */
  present: number[];
  /** Raw chunks as read, to tell which ones a rewrite leaves unchanged. */
  raw: Map<number, unknown>;
  aside: Omit<SetAsideRecord, "format" | "experimentId" | "setAsideAt">;
  unreadable: number;
  missing: number;
  highestNumber: number;
  /** False when the index or the chunk layout disagrees with the runs found: the history is rewritten. */
  wellFormed: boolean;
}

export class RunHistoryStore {
  private queue: Promise<unknown> = Promise.resolve();
  private count = 0;
  private next = 1;
  private lastChunk: RunRecord[] = [];
  /** Set once storage must not be written for the rest of the visit; new runs stay in `visit`. */
  private readOnly: { problem: Omit<HistoryProblem, "shown" | "message">; shown: RunRecord[]; highestNumber: number; version: number | null } | null = null;
  private visit: RunRecord[] = [];
  private readonly now: () => number;

  constructor(
    private readonly backend: KeyValueBackend,
    private readonly experimentId: string,
    options: RunHistoryStoreOptions = {},
  ) {
    this.now = options.now ?? (() => 0);
  }

  private metaKey() {
    return `runs:${this.experimentId}:meta`;
  }

  private chunkKey(n: number) {
    return `runs:${this.experimentId}:chunk:${n}`;
  }

  /** Reads the whole history, repairing it (bad data set aside first) when something is wrong. */
  load(): Promise<HistoryLoad> {
    return this.serial(async () => {
      if (this.readOnly) return this.readOnlyLoad();
      let scan: Scan;
      try {
        const meta = await this.backend.get(this.metaKey());
        const version = newerVersion(meta);
        if (version !== null) return this.enterReadOnly({ kind: "read-only", reason: "newer-version", unreadable: 0, missing: 0, setAsideKey: null }, [], 0, version);
        scan = await this.scan(meta);
      } catch {
        return this.enterReadOnly({ kind: "read-only", reason: "unavailable", unreadable: 0, missing: 0, setAsideKey: null }, [], 0);
      }
      const nextNumber = Math.max(scan.highestNumber + 1, scan.runs.length + scan.unreadable + scan.missing + 1, isMeta(scan.meta) ? (scan.meta.next ?? 0) : 0);
      this.next = nextNumber;
      if (scan.wellFormed) {
        this.settle(scan.runs);
        return { runs: scan.runs, nextNumber, problem: null };
      }
      let setAsideKey: string | null = null;
      try {
        setAsideKey = await this.setAside(scan);
        await this.rewrite(scan);
      } catch {
        return this.enterReadOnly({ kind: "read-only", reason: "repair-failed", unreadable: scan.unreadable, missing: scan.missing, setAsideKey }, scan.runs, scan.highestNumber);
      }
      this.settle(scan.runs);
      const metaLost = scan.meta !== undefined && !isMeta(scan.meta);
      const problem = scan.unreadable || scan.missing || metaLost ? this.describe({ kind: "set-aside", reason: "unreadable-data", unreadable: scan.unreadable, missing: scan.missing, setAsideKey }, scan.runs.length, metaLost) : null;
      return { runs: scan.runs, nextNumber, problem };
    });
  }

  /** Appends runs, rewriting only the chunks they land in (nothing is written when read-only). */
  append(runs: readonly RunRecord[]): Promise<void> {
    return this.serial(async () => {
      if (this.readOnly) {
        this.visit.push(...runs);
        return;
      }
      // Each chunk the new runs touch is written once, however many runs land in it.
      let pending: number | null = null;
      for (const run of runs) {
        this.lastChunk.push(run);
        this.count++;
        this.next = Math.max(this.next, run.number + 1);
        pending = Math.floor((this.count - 1) / CHUNK_SIZE);
        if (this.lastChunk.length === CHUNK_SIZE) {
          await this.backend.set(this.chunkKey(pending), this.lastChunk);
          this.lastChunk = [];
          pending = null;
        }
      }
      if (pending !== null) await this.backend.set(this.chunkKey(pending), this.lastChunk);
      await this.writeMeta(this.count);
    });
  }

  /** Deletes the history (the last chunks first, the index last); set-aside copies stay. */
  clear(): Promise<void> {
    return this.serial(async () => {
      if (this.readOnly) {
        this.visit = [];
        return;
      }
      const chunks = Math.ceil(this.count / CHUNK_SIZE);
      for (let n = chunks - 1; n >= 0; n--) await this.backend.del(this.chunkKey(n));
      await this.backend.del(this.metaKey());
      this.count = 0;
      this.next = 1;
      this.lastChunk = [];
    });
  }

  /** Reads every chunk the index counts, and any found past it (orphans of an older truncation). */
  private async scan(meta: unknown): Promise<Scan> {
    const metaOk = isMeta(meta);
    const expectedCount = metaOk ? meta.count : 0;
    const expectedChunks = Math.ceil(expectedCount / CHUNK_SIZE);
    const sizeOf = (n: number) => (n < expectedChunks ? Math.min(CHUNK_SIZE, expectedCount - n * CHUNK_SIZE) : 1);
    const scan: Scan = { meta, runs: [], present: [], raw: new Map(), aside: { records: [], chunks: [] }, unreadable: 0, missing: 0, highestNumber: 0, wellFormed: metaOk || meta === undefined };
    const seen = new Set<string>();
    let slots = 0;
    for (let n = 0; ; n++) {
      const raw = await this.backend.get(this.chunkKey(n));
      if (raw === undefined) {
        if (n >= expectedChunks) break;
        scan.wellFormed = false;
        continue;
      }
      scan.present.push(n);
      scan.raw.set(n, raw);
      if (!Array.isArray(raw)) {
        scan.aside.chunks.push({ chunk: n, value: raw });
        scan.unreadable += sizeOf(n);
        slots += sizeOf(n);
        scan.wellFormed = false;
        continue;
      }
      slots += raw.length;
      const last = n === Math.max(expectedChunks - 1, 0);
      if (n >= expectedChunks && raw.length > 0) scan.wellFormed = false;
      if (!last && n < expectedChunks && raw.length !== CHUNK_SIZE) scan.wellFormed = false;
      raw.forEach((value: unknown, index) => {
        scan.highestNumber = Math.max(scan.highestNumber, claimedNumber(value));
        if (!isReadableRun(value)) {
          scan.aside.records.push({ chunk: n, index, value });
          scan.unreadable++;
          scan.wellFormed = false;
          return;
        }
        const run = value;
        // A copy of a run already read (a rewrite cut short after shifting runs) is the same run.
        const identity = `${run.id}\u0000${run.number}`;
        if (seen.has(identity)) {
          scan.wellFormed = false;
          return;
        }
        seen.add(identity);
        scan.runs.push(run);
      });
    }
    scan.missing = Math.max(0, expectedCount - slots);
    if (!metaOk && meta !== undefined) scan.aside.meta = meta;
    if (meta === undefined && scan.present.length > 0) scan.wellFormed = false;
    if (scan.runs.length !== expectedCount) scan.wellFormed = false;
    return scan;
  }

  /** Copies what cannot be read under a key of its own, never reusing one; null when there is nothing to keep. */
  private async setAside(scan: Scan): Promise<string | null> {
    const { aside } = scan;
    if (!aside.records.length && !aside.chunks.length && !("meta" in aside)) return null;
    const at = new Date(this.now()).toISOString();
    const base = `runs:${this.experimentId}:set-aside:${at}`;
    let key = base;
    for (let n = 2; (await this.backend.get(key)) !== undefined; n++) key = `${base}-${n}`;
    const record: SetAsideRecord = { format: SET_ASIDE_FORMAT, experimentId: this.experimentId, setAsideAt: at, ...aside };
    await this.backend.set(key, record);
    return key;
  }

  /** Writes the readable runs back in order: changed chunks, then removes the rest, then the index. */
  private async rewrite(scan: Scan): Promise<void> {
    const chunks = Math.ceil(scan.runs.length / CHUNK_SIZE);
    for (let n = 0; n < chunks; n++) {
      const chunk = scan.runs.slice(n * CHUNK_SIZE, (n + 1) * CHUNK_SIZE);
      const before = scan.raw.get(n);
      const unchanged = Array.isArray(before) && before.length === chunk.length && chunk.every((run, i) => before[i] === run);
      if (!unchanged) await this.backend.set(this.chunkKey(n), chunk);
    }
    for (const n of scan.present.filter((n) => n >= chunks).reverse()) await this.backend.del(this.chunkKey(n));
    await this.writeMeta(scan.runs.length);
  }

  /** The index; `next` only when it says more than the count does (numbers taken by set-aside runs). */
  private async writeMeta(count: number): Promise<void> {
    const meta: HistoryMeta = { version: HISTORY_VERSION, count };
    if (this.next > count + 1) meta.next = this.next;
    await this.backend.set(this.metaKey(), meta);
  }

  private settle(runs: RunRecord[]) {
    this.count = runs.length;
    this.lastChunk = runs.slice(Math.floor(runs.length / CHUNK_SIZE) * CHUNK_SIZE);
  }

  private enterReadOnly(problem: Omit<HistoryProblem, "shown" | "message">, shown: RunRecord[], highestNumber: number, version?: number): HistoryLoad {
    this.readOnly = { problem, shown, highestNumber, version: version ?? null };
    return this.readOnlyLoad();
  }

  private readOnlyLoad(): HistoryLoad {
    const { problem, shown, highestNumber } = this.readOnly!;
    const runs = shown.concat(this.visit);
    const nextNumber = runs.reduce((max, r) => Math.max(max, r.number), Math.max(highestNumber, shown.length)) + 1;
    return { runs, nextNumber, problem: this.describe(problem, runs.length, false) };
  }

  private describe(problem: Omit<HistoryProblem, "shown" | "message">, shown: number, metaLost: boolean): HistoryProblem {
    const version = this.readOnly?.version;
    const where = problem.setAsideKey ? ` The unreadable data is kept in ${this.backend.where} under the key “${problem.setAsideKey}”.` : "";
    const visitOnly = "; new runs are kept for this visit only.";
    let message: string;
    if (problem.reason === "newer-version") {
      message = `The run history of this experiment was saved by a newer version of CacheLab (history version ${version}), so it is not shown and is left untouched${visitOnly}`;
    } else if (problem.reason === "unavailable") {
      message = `The saved run history could not be read (the browser's storage is blocked or failing), so it is left untouched${visitOnly}`;
    } else {
      const parts: string[] = [];
      if (metaLost) parts.push("The index of the run history could not be read, so it was set aside and the runs were recovered from storage");
      const repaired = problem.reason !== "repair-failed";
      if (problem.unreadable) {
        const setAside = repaired ? ` and ${problem.unreadable === 1 ? "was" : "were"} set aside` : "";
        parts.push(`${plural(problem.unreadable, "saved run of this experiment", "saved runs of this experiment")} could not be read${setAside}`);
      }
      if (problem.missing) parts.push(`${plural(problem.missing, "saved run of this experiment is", "saved runs of this experiment are")} missing from storage`);
      const what = parts.join("; ");
      message = repaired
        ? `${what}; ${plural(shown, "run is", "runs are")} shown.${where}`
        : `${what}, and the history could not be repaired (storage full or blocked), so it is shown read-only and left untouched${visitOnly}${where}`;
    }
    return { ...problem, shown, message };
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
