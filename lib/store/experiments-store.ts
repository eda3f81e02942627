// The experiments library: a store factory (no global store, per zustand's Next.js advice) whose
// actions only call pure transitions and keep history. Persisted with an allow-list, a version and
// a migration (persistence.ts); everything else here lives for the session only.
import type { DocumentPath } from "@/lib/cache/paths";
import { createStore, type StoreApi } from "zustand/vanilla";
import { persist } from "zustand/middleware";
import type { Experiment } from "@/lib/cache/experiment-schema";
import { blankExperiment } from "@/lib/editor/blank";
import { renameExperiment as renameTransition } from "@/lib/editor/prompt";
import { emptyHistory, record, redo, undo, type History } from "./history";
import {
  STORAGE_KEY,
  STORE_VERSION,
  libraryStorage,
  migrateLibrary,
  sanitizeLibrary,
  setAside,
  type LibraryStorageOptions,
  type PersistedLibrary,
  type Recovery,
  type StoredExperiment,
} from "./persistence";
import { defaultLibrary } from "./seed";

export interface Notice {
  message: string;
  /** "info" fades after a few seconds; "warning" and "error" stay until dismissed. */
  tone: "info" | "warning" | "error";
  nonce: number;
}

export interface FocusRequest {
  path: DocumentPath;
  nonce: number;
}

export interface ExperimentsActions {
  /** Applies a pure transition to the active experiment; edits with the same `coalesceKey` within 1 s share an undo step. */
  updateActiveExperiment(fn: (experiment: Experiment) => Experiment, options?: { coalesceKey?: string }): void;
  undo(): void;
  redo(): void;
  /**
   * Adds an experiment to the library (a blank one by default), makes it active and returns its id.
   * `importNotes` (what an import could not keep) stay with it until dismissImportNotes.
   */
  createExperiment(experiment?: Experiment, options?: { importNotes?: string[] }): string;
  dismissImportNotes(id: string): void;
  duplicateExperiment(id: string): string | null;
  renameExperiment(id: string, name: string): void;
  deleteExperiment(id: string): void;
  selectExperiment(id: string): void;
  /** Scrolls the editor to the block at a document path ("messages[2].content[0]") and highlights it. */
  focusBlock(path: DocumentPath): void;
  notify(message: string, tone?: Notice["tone"]): void;
  dismissNotice(): void;
  dismissRecovery(): void;
}

export interface ExperimentsState extends PersistedLibrary {
  history: History;
  focus: FocusRequest | null;
  notice: Notice | null;
  recovery: Recovery | null;
  actions: ExperimentsActions;
}

export type ExperimentsStore = StoreApi<ExperimentsState>;

export interface CreateStoreOptions extends LibraryStorageOptions {
  /** Id generator; tests pass a counter. */
  newId?: () => string;
  now?: () => number;
  /** Storage key, so tests and parallel tabs of a test can keep apart. */
  storageKey?: string;
  /** Batch storage writes (see libraryStorage); the browser provider uses a short pause, tests write at once. */
  writeDelayMs?: number;
  /** The library before anything is read from storage (also what the server renders). */
  initial?: PersistedLibrary;
}

let nonce = 0;
const nextNonce = () => ++nonce;

export function createExperimentsStore(options: CreateStoreOptions = {}): ExperimentsStore {
  const newId = options.newId ?? (() => crypto.randomUUID());
  const now = options.now ?? (() => Date.now());
  const resolveStorage = options.storage ?? (() => (typeof window === "undefined" ? undefined : window.localStorage));
  const initial = options.initial ?? defaultLibrary();

  // Assigned below; the write-error callback only runs after creation.
  let store: ExperimentsStore | undefined;
  store = createStore<ExperimentsState>()(
    persist(
      (set, get) => {
        const active = (): StoredExperiment | undefined => {
          const { activeId, experiments } = get();
          return activeId ? experiments[activeId] : undefined;
        };
        const add = (experiment: Experiment, index?: number, importNotes?: string[]): string => {
          const id = newId();
          const at = now();
          set((s) => {
            const order = [...s.order];
            order.splice(index ?? order.length, 0, id);
            return {
              experiments: { ...s.experiments, [id]: { id, experiment, createdAt: at, updatedAt: at, ...(importNotes?.length ? { importNotes } : {}) } },
              order,
              activeId: id,
              history: emptyHistory(),
            };
          });
          return id;
        };
        const replaceActive = (experiment: Experiment, history: History) => {
          const current = active();
          if (!current) return;
          set((s) => ({ experiments: { ...s.experiments, [current.id]: { ...current, experiment, updatedAt: now() } }, history }));
        };

        const actions: ExperimentsActions = {
          updateActiveExperiment(fn, opts) {
            const current = active();
            if (!current) return;
            const next = fn(current.experiment);
            if (next === current.experiment) return;
            replaceActive(next, record(get().history, current.experiment, opts?.coalesceKey ?? null, now()));
          },
          undo() {
            const current = active();
            const step = current && undo(get().history, current.experiment);
            if (step) replaceActive(step.experiment, step.history);
          },
          redo() {
            const current = active();
            const step = current && redo(get().history, current.experiment);
            if (step) replaceActive(step.experiment, step.history);
          },
          createExperiment(experiment, opts) {
            return add(experiment ?? blankExperiment(), undefined, opts?.importNotes);
          },
          dismissImportNotes(id) {
            const entry = get().experiments[id];
            if (!entry?.importNotes) return;
            const { importNotes: _dismissed, ...rest } = entry;
            set((s) => ({ experiments: { ...s.experiments, [id]: rest } }));
          },
          duplicateExperiment(id) {
            const source = get().experiments[id];
            if (!source) return null;
            const copy = structuredClone(source.experiment);
            return add({ ...copy, name: `${source.experiment.name ?? "Untitled experiment"} (copy)` }, get().order.indexOf(id) + 1);
          },
          renameExperiment(id, name) {
            const entry = get().experiments[id];
            if (!entry || entry.experiment.name === name) return;
            if (id === get().activeId) {
              actions.updateActiveExperiment((e) => renameTransition(e, name), { coalesceKey: "name" });
              return;
            }
            set((s) => ({ experiments: { ...s.experiments, [id]: { ...entry, experiment: renameTransition(entry.experiment, name), updatedAt: now() } } }));
          },
          deleteExperiment(id) {
            const s = get();
            if (!s.experiments[id]) return;
            const { [id]: _removed, ...experiments } = s.experiments;
            const index = s.order.indexOf(id);
            const order = s.order.filter((x) => x !== id);
            if (order.length === 0) {
              // The editor always has something to edit: deleting the last experiment starts a blank one.
              set({ experiments, order, activeId: null });
              add(blankExperiment());
              return;
            }
            const activeId = s.activeId === id ? (order[Math.min(index, order.length - 1)] ?? null) : s.activeId;
            set({ experiments, order, activeId, history: s.activeId === id ? emptyHistory() : s.history });
          },
          selectExperiment(id) {
            if (!get().experiments[id] || get().activeId === id) return;
            set({ activeId: id, history: emptyHistory() });
          },
          focusBlock(path) {
            set({ focus: { path, nonce: nextNonce() } });
          },
          notify(message, tone = "info") {
            set({ notice: { message, tone, nonce: nextNonce() } });
          },
          dismissNotice() {
            set({ notice: null });
          },
          dismissRecovery() {
            set({ recovery: null });
          },
        };

        return { ...initial, history: emptyHistory(), focus: null, notice: null, recovery: null, actions };
      },
      {
        name: options.storageKey ?? STORAGE_KEY,
        version: STORE_VERSION,
        storage: libraryStorage({
          storage: resolveStorage,
          writeDelayMs: options.writeDelayMs,
          onWriteError: (message) => {
            // Reported from inside a set(); defer so the write that failed has finished.
            // Showing the notice is itself a state change that tries to write again: report each failure once.
            queueMicrotask(() => {
              if (store && store.getState().notice?.message !== message) store.setState({ notice: { message, tone: "error", nonce: nextNonce() } });
            });
          },
        }),
        partialize: (s): PersistedLibrary => ({ experiments: s.experiments, order: s.order, activeId: s.activeId }),
        migrate: (persisted, version) => migrateLibrary(persisted, version) as PersistedLibrary,
        merge: (persisted, current) => {
          if (persisted === undefined || persisted === null) return current;
          const { library, recovery: finding, rejected } = sanitizeLibrary(persisted);
          let recovery: Recovery | null = null;
          if (finding) {
            const placed = rejected !== null ? setAside(rejected, resolveStorage(), now()) : null;
            recovery = { ...finding, setAsideKey: placed?.key ?? null, earlierKeys: placed?.earlierKeys ?? [], unsaved: placed && !placed.key ? placed.text : null };
          }
          const usable = library.order.length ? library : recovery ? defaultLibrary() : initial;
          return { ...current, ...usable, recovery };
        },
      },
    ),
  );
  // Once the unreadable library is safely set aside, the readable one replaces it, so the next visit
  // does not find it again; when it could not be set aside it stays where it is until the next save.
  if (store.getState().recovery?.setAsideKey) store.setState({});
  return store;
}
