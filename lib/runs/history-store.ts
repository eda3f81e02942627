// Run history, persisted per experiment. 10,000 runs are far beyond localStorage's few megabytes, so
// they live in IndexedDB (idb-keyval), in chunks of CHUNK_SIZE runs: appending a run rewrites only the
// last chunk, never the whole history. Versioned, and a corrupt or missing chunk truncates the
// history there instead of failing the page (docs/style.md habit 7).
import type { RunRecord } from "./types";

export const HISTORY_VERSION = 1;
export const CHUNK_SIZE = 500;

export interface KeyValueBackend {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
}

interface HistoryMeta {
  version: number;
  count: number;
}

/** A backend in memory, for tests and for browsers without IndexedDB. */
export function memoryBackend(): KeyValueBackend & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async (key) => structuredClone(data.get(key)),
    set: async (key, value) => void data.set(key, structuredClone(value)),
    del: async (key) => void data.delete(key),
  };
}

/** The browser's backend: one IndexedDB database and store for every experiment's history. */
export async function indexedDbBackend(): Promise<KeyValueBackend> {
  const { createStore, get, set, del } = await import("idb-keyval");
  const store = createStore("cachelab-runs", "runs");
  return {
    get: (key) => get(key, store),
    set: (key, value) => set(key, value, store),
    del: (key) => del(key, store),
  };
}

function isMeta(value: unknown): value is HistoryMeta {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as HistoryMeta).version === HISTORY_VERSION &&
    Number.isInteger((value as HistoryMeta).count) &&
    (value as HistoryMeta).count >= 0
  );
}

function isRun(value: unknown): value is RunRecord {
  if (typeof value !== "object" || value === null) return false;
  const r = value as Partial<RunRecord>;
  return typeof r.id === "string" && typeof r.number === "number" && (r.status === "ok" || r.status === "failed");
}

export class RunHistoryStore {
  private queue: Promise<unknown> = Promise.resolve();
  private count = 0;
  private lastChunk: RunRecord[] = [];

  constructor(
    private readonly backend: KeyValueBackend,
    private readonly experimentId: string,
  ) {}

  private metaKey() {
    return `runs:${this.experimentId}:meta`;
  }

  private chunkKey(n: number) {
    return `runs:${this.experimentId}:chunk:${n}`;
  }

  /** Reads the whole history; stops at the first unreadable chunk and keeps what came before it. */
  load(): Promise<RunRecord[]> {
    return this.serial(async () => {
      const meta = await this.backend.get(this.metaKey());
      if (!isMeta(meta)) {
        this.count = 0;
        this.lastChunk = [];
        return [];
      }
      const runs: RunRecord[] = [];
      const chunks = Math.ceil(meta.count / CHUNK_SIZE);
      for (let n = 0; n < chunks; n++) {
        const chunk = await this.backend.get(this.chunkKey(n));
        if (!Array.isArray(chunk)) break;
        const valid = chunk.filter(isRun);
        runs.push(...valid);
        if (valid.length !== chunk.length || valid.length < CHUNK_SIZE) break;
      }
      this.count = runs.length;
      this.lastChunk = runs.slice(Math.floor(runs.length / CHUNK_SIZE) * CHUNK_SIZE);
      if (runs.length !== meta.count) await this.backend.set(this.metaKey(), { version: HISTORY_VERSION, count: runs.length });
      return runs;
    });
  }

  /** Appends runs, rewriting only the chunks they land in. */
  append(runs: readonly RunRecord[]): Promise<void> {
    return this.serial(async () => {
      // Each chunk the new runs touch is written once, however many runs land in it.
      let pending: number | null = null;
      for (const run of runs) {
        this.lastChunk.push(run);
        this.count++;
        pending = Math.floor((this.count - 1) / CHUNK_SIZE);
        if (this.lastChunk.length === CHUNK_SIZE) {
          await this.backend.set(this.chunkKey(pending), this.lastChunk);
          this.lastChunk = [];
          pending = null;
        }
      }
      if (pending !== null) await this.backend.set(this.chunkKey(pending), this.lastChunk);
      await this.backend.set(this.metaKey(), { version: HISTORY_VERSION, count: this.count });
    });
  }

  clear(): Promise<void> {
    return this.serial(async () => {
      const chunks = Math.ceil(this.count / CHUNK_SIZE);
      await this.backend.del(this.metaKey());
      for (let n = 0; n < chunks; n++) await this.backend.del(this.chunkKey(n));
      this.count = 0;
      this.lastChunk = [];
    });
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
