// What the experiments library keeps in the browser, and how it survives bad data (docs/style.md habit 7):
// an allow-list of fields (partialize), a version with a migration, and a recovery path that sets
// corrupt data aside under a key of its own (its time in the key, never reused: issue 8 item 12) with
// a message instead of crashing or overwriting it.
import { parseExperiment, type Experiment } from "@/lib/cache/experiment-schema";
import type { PersistStorage, StorageValue } from "zustand/middleware";

export const STORAGE_KEY = "cachelab:experiments";
/** Set-aside copies live under `<this>:<ISO time>`; older versions wrote this key alone. */
export const SET_ASIDE_KEY = "cachelab:experiments:set-aside";
export const STORE_VERSION = 1;

export interface StoredExperiment {
  id: string;
  experiment: Experiment;
  createdAt: number;
  updatedAt: number;
  /** What an import could not keep, shown with the experiment until the person dismisses it (issue 11 item 8). */
  importNotes?: string[];
}

/** The persisted slice: nothing else (history, focus, notices) is written to storage. */
export interface PersistedLibrary {
  experiments: Record<string, StoredExperiment>;
  order: string[];
  activeId: string | null;
}

export interface Recovery {
  /** One sentence for the banner. */
  message: string;
  /** Where in localStorage the unreadable data was put, so a user can still get it back; null when it could not be. */
  setAsideKey: string | null;
  /** Copies set aside before this one, still kept (oldest first). */
  earlierKeys: string[];
  /** The unreadable data, when it could not be set aside: the page offers it as a download. */
  unsaved: string | null;
  /** Paths and reasons, when the data was JSON but not valid experiments. */
  details: string[];
}

/** What `sanitizeLibrary` reports; where the data went is added once it is set aside. */
export type Finding = Pick<Recovery, "message" | "details">;

/** Marks a stored value that was not JSON at all; `sanitizeLibrary` turns it into a Recovery. */
interface CorruptMarker {
  __corrupt: string;
}

/** Marks a library saved by a newer version: all of it is set aside before this version writes over it. */
interface NewerMarker {
  __newer: number;
  value: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * Migrates an older persisted shape to the current one. Version 0 (before the library) stored a
 * single `{ experiment }`; it becomes a one-entry library. Unknown shapes pass through to
 * `sanitizeLibrary`, which sets aside whatever it cannot read. Never throws.
 */
export function migrateLibrary(persisted: unknown, version: number): unknown {
  // zustand writes the migrated library back at once: keep the newer one whole first.
  if (version > STORE_VERSION) return { __newer: version, value: persisted } satisfies NewerMarker;
  if (version === 0 && isRecord(persisted) && "experiment" in persisted) {
    const id = "migrated-0";
    return {
      experiments: { [id]: { id, experiment: persisted.experiment, createdAt: 0, updatedAt: 0 } },
      order: [id],
      activeId: id,
    };
  }
  return persisted;
}

/**
 * Keeps every stored experiment that still validates and reports the rest. The library is never
 * lost as a whole because one entry went bad.
 */
export function sanitizeLibrary(persisted: unknown): { library: PersistedLibrary; recovery: Finding | null; rejected: unknown } {
  const empty: PersistedLibrary = { experiments: {}, order: [], activeId: null };
  if (isRecord(persisted) && typeof persisted.__newer === "number") {
    const readable = sanitizeLibrary(persisted.value);
    return {
      library: readable.library,
      recovery: {
        message: `Your saved experiments were saved by a newer version of CacheLab (library version ${persisted.__newer}), so a copy of all of them was set aside; the ones this version can read are shown.`,
        details: readable.recovery?.details ?? [],
      },
      rejected: persisted.value,
    };
  }
  if (isRecord(persisted) && typeof persisted.__corrupt === "string") {
    return {
      library: empty,
      recovery: { message: "Your saved experiments could not be read (the stored data is not valid JSON), so they were set aside and the library starts fresh.", details: [] },
      rejected: persisted.__corrupt,
    };
  }
  if (!isRecord(persisted) || !isRecord(persisted.experiments)) {
    return {
      library: empty,
      recovery: { message: "Your saved experiments are in a shape CacheLab does not recognise, so they were set aside and the library starts fresh.", details: [] },
      rejected: persisted,
    };
  }
  const experiments: Record<string, StoredExperiment> = {};
  const details: string[] = [];
  const rejected: Record<string, unknown> = {};
  for (const [id, entry] of Object.entries(persisted.experiments)) {
    const parsed = isRecord(entry) ? parseExperiment(entry.experiment) : null;
    if (parsed?.ok && isRecord(entry)) {
      experiments[id] = {
        id,
        experiment: parsed.value,
        createdAt: typeof entry.createdAt === "number" ? entry.createdAt : 0,
        updatedAt: typeof entry.updatedAt === "number" ? entry.updatedAt : 0,
        ...(Array.isArray(entry.importNotes) && entry.importNotes.length && entry.importNotes.every((n) => typeof n === "string") ? { importNotes: entry.importNotes as string[] } : {}),
      };
    } else {
      rejected[id] = entry;
      const name = isRecord(entry) && isRecord(entry.experiment) && typeof entry.experiment.name === "string" ? entry.experiment.name : id;
      details.push(`${name}: ${parsed && !parsed.ok ? parsed.error.message : "not an experiment entry"}`);
    }
  }
  const listed = Array.isArray(persisted.order) ? persisted.order.filter((id): id is string => typeof id === "string" && id in experiments) : [];
  const order = [...listed, ...Object.keys(experiments).filter((id) => !listed.includes(id))];
  const activeId = typeof persisted.activeId === "string" && persisted.activeId in experiments ? persisted.activeId : (order[0] ?? null);
  const recovery: Finding | null = details.length
    ? { message: `${details.length} saved experiment${details.length === 1 ? "" : "s"} could not be read and ${details.length === 1 ? "was" : "were"} set aside.`, details }
    : null;
  return { library: { experiments, order, activeId }, recovery, rejected: details.length ? rejected : null };
}

export interface LibraryStorageOptions {
  /** The Web Storage to use; defaults to window.localStorage in the browser and nothing on the server. */
  storage?: () => Storage | undefined;
  /** Called when a write fails (quota exceeded, private mode) so the UI can say so. */
  onWriteError?: (message: string) => void;
  /**
   * Batches writes: serialising a 150k-token library on every keystroke costs more than the edit.
   * The last value is written after this pause, and at once when the page is hidden or unloaded.
   * 0 (the default) writes synchronously.
   */
  writeDelayMs?: number;
}

/**
 * A PersistStorage over Web Storage that never throws: unreadable JSON comes back as a marker for
 * `sanitizeLibrary`, and a failed write is reported instead of breaking the edit that caused it.
 */
export function libraryStorage(options: LibraryStorageOptions = {}): PersistStorage<PersistedLibrary> {
  const resolve = options.storage ?? (() => (typeof window === "undefined" ? undefined : window.localStorage));
  const delay = options.writeDelayMs ?? 0;
  let pending: { name: string; value: StorageValue<PersistedLibrary> } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const write = (name: string, value: StorageValue<PersistedLibrary>) => {
    try {
      resolve()?.setItem(name, JSON.stringify(value));
    } catch (error) {
      const reason = error instanceof Error && error.name === "QuotaExceededError" ? "the browser's storage for this site is full" : "the browser refused to store it";
      options.onWriteError?.(`Your latest change was not saved: ${reason}. Export the experiment to keep it.`);
    }
  };
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const next = pending;
    pending = null;
    if (next) write(next.name, next.value);
  };
  if (delay && typeof window !== "undefined") {
    window.addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") flush();
    });
  }
  return {
    getItem(name) {
      const store = resolve();
      const raw = store?.getItem(name);
      if (raw == null) return null;
      try {
        const value = JSON.parse(raw) as StorageValue<PersistedLibrary>;
        if (!isRecord(value) || !("state" in value)) throw new Error("no state");
        return value;
      } catch {
        return { state: { __corrupt: raw } as CorruptMarker as unknown as PersistedLibrary, version: STORE_VERSION };
      }
    },
    setItem(name, value) {
      if (!delay) return write(name, value);
      pending = { name, value };
      if (timer) clearTimeout(timer);
      timer = setTimeout(flush, delay);
    },
    removeItem(name) {
      try {
        resolve()?.removeItem(name);
      } catch {
        // Nothing to recover: the next write replaces the value anyway.
      }
    },
  };
}

/**
 * Puts unreadable data under a key of its own, `cachelab:experiments:set-aside:<ISO time>` (with
 * `-2`, `-3`… when that key is taken), so no copy ever replaces another. Returns the key, or null
 * when storage refused it, and the keys of the copies kept before.
 */
export function setAside(rejected: unknown, storage: Storage | undefined, now: number): { key: string | null; earlierKeys: string[]; text: string } {
  const text = typeof rejected === "string" ? rejected : JSON.stringify(rejected);
  if (!storage) return { key: null, earlierKeys: [], text };
  let earlierKeys: string[] = [];
  try {
    earlierKeys = Array.from({ length: storage.length }, (_, i) => storage.key(i)).filter(isSetAsideKey).sort(bySetAsideTime);
    const base = `${SET_ASIDE_KEY}:${new Date(now).toISOString()}`;
    let key = base;
    for (let n = 2; storage.getItem(key) !== null; n++) key = `${base}-${n}`;
    storage.setItem(key, text);
    return { key, earlierKeys, text };
  } catch {
    // Full or blocked: the banner says so and offers the data as a download instead.
    return { key: null, earlierKeys, text };
  }
}

const isSetAsideKey = (key: string | null): key is string => key === SET_ASIDE_KEY || (key?.startsWith(`${SET_ASIDE_KEY}:`) ?? false);

/** Oldest first: the old single key, then by time, then `-2`, `-3`… within one millisecond. */
function bySetAsideTime(a: string, b: string): number {
  const parts = (key: string): [string, number] => {
    const match = /^(.*?)(?:-(\d+))?$/.exec(key.slice(SET_ASIDE_KEY.length + 1))!;
    return [match[1]!, Number(match[2] ?? 1)];
  };
  const [ta, na] = parts(a);
  const [tb, nb] = parts(b);
  return ta < tb ? -1 : ta > tb ? 1 : na - nb;
}
