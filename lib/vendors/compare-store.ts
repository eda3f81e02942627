// The last comparison across vendors of each experiment, kept where its run history is (the same
// IndexedDB store, lib/runs/history-store.ts's backend), so a reload shows what ran. One value per
// experiment under `compare:<experiment>`, with a version, checked against a schema when read.
//
// Nothing is lost in silence (docs/style.md habit 7, as the run history does it): a stored value that is
// not a comparison this code can read is first copied under a set-aside key of its own, and only then
// removed; the load says so and where. A value written by a newer version, or storage that cannot be read
// or repaired, is never written to: the store turns read-only for the visit. Pure: the backend and the
// clock are parameters.
import { z } from "zod";
import { knownCode } from "@/lib/cache/error-codes";
import type { KeyValueBackend } from "@/lib/runs/history-store";
import type { CompareRun, CompareTarget } from "./compare";
import { COMPARE_TARGET_IDS } from "./compare";
import { CACHE_LIFETIMES } from "./usage";

export const COMPARE_STORE_VERSION = 1;
const SET_ASIDE_FORMAT = "cachelab.compare.set-aside.v1";

const count = z.number().finite().nonnegative();
const targetId = z.enum(COMPARE_TARGET_IDS as unknown as [CompareTarget["target"], ...CompareTarget["target"][]]);
const usageSchema = z.object({
  uncached: count,
  cacheRead: count,
  cacheWrite: z.partialRecord(z.enum(CACHE_LIFETIMES as unknown as ["5m", "1h", "30m", "12h"]), count),
  storageTokenHours: count.optional(),
  output: count,
});
const runSchema = z.object({
  index: z.number().int().min(0),
  target: targetId,
  run: z.number().int().min(1),
  turn: z.number().int().min(0),
  status: z.enum(["ok", "failed"]),
  usage: usageSchema.nullable(),
  cost: z.number().finite().nullable(),
  costWithoutCache: z.number().finite().nullable(),
  responseText: z.string(),
  startedAt: z.number().finite(),
  // A code this version does not know reads as an unexpected failure (lib/cache/error-codes.ts), its message intact.
  error: z.object({ code: z.string().transform(knownCode), message: z.string() }).optional(),
  traffic: z.object({ atMs: count, session: z.number().int().min(1), turn: z.number().int().min(1), windowMs: count }).optional(),
});
const savedSchema = z.object({
  version: z.literal(COMPARE_STORE_VERSION),
  savedAt: z.string(),
  targets: z.array(z.object({ target: targetId, model: z.string().min(1).optional() })).min(1),
  runs: z.array(runSchema),
  status: z.string().nullable(),
});

export interface SavedComparison {
  targets: CompareTarget[];
  runs: CompareRun[];
  status: string | null;
}

export interface ComparisonLoad {
  saved: SavedComparison | null;
  /** A sentence when the stored comparison could not be shown: where it was kept, or why nothing is written. */
  problem: string | null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Every run must belong to one of the targets: a comparison whose runs name others is not one this page can show. */
function consistent(saved: z.infer<typeof savedSchema>): boolean {
  return saved.runs.every((r) => r.index < saved.targets.length && saved.targets[r.index]!.target === r.target);
}

export class ComparisonStore {
  private readOnly = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly backend: KeyValueBackend,
    private readonly experimentId: string,
    private readonly now: () => number = () => 0,
  ) {}

  private key() {
    return `compare:${this.experimentId}`;
  }

  /** The experiment's last comparison, or none; a stored value that cannot be read is set aside first. */
  load(): Promise<ComparisonLoad> {
    return this.serial(async () => {
      let raw: unknown;
      try {
        raw = await this.backend.get(this.key());
      } catch {
        this.readOnly = true;
        return { saved: null, problem: "The saved comparison could not be read (the browser's storage is blocked or failing), so it is left untouched; a new comparison is kept for this visit only." };
      }
      if (raw === undefined) return { saved: null, problem: null };
      if (isObject(raw) && Number.isSafeInteger(raw.version) && (raw.version as number) > COMPARE_STORE_VERSION) {
        this.readOnly = true;
        return { saved: null, problem: `The saved comparison of this experiment was written by a newer version of CacheLab (comparison version ${raw.version as number}), so it is not shown and is left untouched; a new comparison is kept for this visit only.` };
      }
      const parsed = savedSchema.safeParse(raw);
      if (parsed.success && consistent(parsed.data)) {
        const { targets, runs, status } = parsed.data;
        return { saved: { targets, runs: runs as CompareRun[], status }, problem: null };
      }
      const why = parsed.success ? "its runs do not match its targets" : `${parsed.error.issues[0]?.path.join(".") || "the value"}: ${parsed.error.issues[0]?.message ?? "not a comparison"}`;
      let setAsideKey: string;
      try {
        setAsideKey = await this.setAside(raw);
        await this.backend.del(this.key());
      } catch {
        this.readOnly = true;
        return { saved: null, problem: `The saved comparison could not be read (${why}) nor set aside (storage full or blocked), so it is left untouched; a new comparison is kept for this visit only.` };
      }
      return { saved: null, problem: `The saved comparison could not be read (${why}). It is kept in ${this.backend.where} under the key “${setAsideKey}”.` };
    });
  }

  /** Keeps the comparison (nothing is written when read-only). */
  save(saved: SavedComparison): Promise<void> {
    return this.serial(async () => {
      if (this.readOnly) return;
      await this.backend.set(this.key(), { version: COMPARE_STORE_VERSION, savedAt: new Date(this.now()).toISOString(), ...saved });
    });
  }

  private async setAside(value: unknown): Promise<string> {
    const at = new Date(this.now()).toISOString();
    const base = `${this.key()}:set-aside:${at}`;
    let key = base;
    for (let n = 2; (await this.backend.get(key)) !== undefined; n++) key = `${base}-${n}`;
    await this.backend.set(key, { format: SET_ASIDE_FORMAT, experimentId: this.experimentId, setAsideAt: at, value });
    return key;
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
