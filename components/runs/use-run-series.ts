"use client";
// Drives a series from the browser. An emulated series runs on the server in batches (issue 12 item 3):
// each action call runs the series' own loop for a fraction of a second and answers with its runs and
// a cursor, and the next call is on its way while this batch is stored. A live series runs here, one
// action call per run, really waiting out each gap. Cancel stops either at once; runs already sent
// (a batch or a live run in flight) are still recorded when they land.
import { useCallback, useRef, useState } from "react";
import type { Experiment } from "@/lib/cache/experiment-schema";
import type { AppError, Result } from "@/lib/cache/result";
import type { ProviderId } from "@/lib/cache/wire-types";
import { err } from "@/lib/cache/result";
import { failedRun } from "@/lib/runs/record";
import { type CacheSharing, type SeriesCursor, type SeriesOptions, type SeriesOutcome, type Variant, runSeries, seriesConversation, variantCacheScope } from "@/lib/runs/series";
import type { BatchRun, RunConversation, RunRecord, SentRunRecord, Transport } from "@/lib/runs/types";
import { runExperimentAction, runParallelAction, runSeriesBatchAction } from "@/app/actions/runs";
import { runLabel } from "@/lib/display/format";

export interface VariantSpec {
  variant: Variant;
  experiment: Experiment;
  provider: ProviderId;
  model: string;
  /** The experiment's name, shown in the variant's label when comparing. */
  name?: string;
  /** In a comparison: each variant's own emulator cache, or one shared (lib/runs/series.ts). */
  cacheSharing?: CacheSharing;
  /** What the variant changes (a what-if: "every breakpoint 1h"), shown after its provider and model. */
  change?: string;
}

export interface SeriesRequest {
  options: SeriesOptions;
  transport: Transport;
  variants: VariantSpec[];
  experimentId: string;
  /** Cache diagnostics: the message id each variant's first run compares with (lib/runs/diagnosis.ts lastMessageIds). */
  previousMessageIds?: Partial<Record<Variant, string>>;
  append: (runs: Omit<RunRecord, "number">[]) => Promise<RunRecord[]>;
}

export interface SeriesState {
  running: boolean;
  done: number;
  total: number;
  /** Seconds of a real wait in progress (live gaps), for the status line. */
  waiting: number | null;
  /** The last series' end, as a sentence for the status line. */
  status: string | null;
  /** When the running series started (performance.now()), for the time-left estimate. */
  startedAt: number | null;
}

const ACTION_FAILED: AppError = {
  code: "action:failed",
  message: "The server could not run the request (it may be too large or the server restarted); try again.",
};

/** A refused action request: the server entry's sentence (docs/security.md §4) when it sent one. */
export const actionFailed = (error: unknown): { ok: false; error: AppError } => {
  const said = error instanceof Error && error.message && !/unexpected response/i.test(error.message) ? error.message : null;
  return { ok: false, error: said ? { ...ACTION_FAILED, message: said } : ACTION_FAILED };
};

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error("cancelled"));
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(new Error("cancelled"));
    }, { once: true });
  });
}

export function newId(): string {
  return typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

const SCOPE_KEY = "cachelab:emulator-scope";

/**
 * This browser's emulated cache scope: a random id kept in localStorage, so two people (or two test
 * sessions) on one server each start from a cold cache, as two API keys would.
 */
export function emulatorScope(): string | undefined {
  try {
    let id = localStorage.getItem(SCOPE_KEY);
    if (!id || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) {
      id = newId().replace(/[^A-Za-z0-9_-]/g, "").slice(0, 64);
      localStorage.setItem(SCOPE_KEY, id);
    }
    return id;
  } catch {
    return undefined;
  }
}

export function useRunSeries() {
  const [state, setState] = useState<SeriesState>({ running: false, done: 0, total: 0, waiting: null, status: null, startedAt: null });
  const controllerRef = useRef<AbortController | null>(null);

  const cancel = useCallback(() => {
    controllerRef.current?.abort();
  }, []);

  const start = useCallback(async (request: SeriesRequest): Promise<SeriesOutcome | null> => {
    if (controllerRef.current) return null;
    const controller = new AbortController();
    controllerRef.current = controller;
    const seriesId = newId();
    const specs = new Map(request.variants.map((v) => [v.variant, v]));
    setState({ running: true, done: 0, total: 0, waiting: null, status: null, startedAt: performance.now() });

    // Computed once per variant: a batch of hundreds of runs shares them.
    const labels = new Map(request.variants.map((spec) => [spec.variant, runLabel(spec.provider, spec.model, [spec.name, spec.change].filter(Boolean).join(" · ") || undefined)] as const));
    const toRecord = (result: Result<SentRunRecord>, spec: VariantSpec, parallel: boolean, conversation?: RunConversation): Omit<RunRecord, "number"> => {
      const base = {
        id: newId(),
        experimentId: request.experimentId,
        seriesId,
        variant: spec.variant,
        label: labels.get(spec.variant)!,
        parallel,
        ...(conversation ? { conversation } : {}),
        ...(spec.cacheSharing ? { cacheSharing: spec.cacheSharing } : {}),
      };
      if (result.ok) return { ...base, ...result.value };
      return { ...base, ...failedRun(result.error, { provider: spec.provider, transport: request.transport, model: spec.model, startedAt: Date.now() }) };
    };
    // Cancel stops the series at once, even with a run or a batch in flight; what it sent (a live
    // run is billed) is still recorded when its answer lands after all, never dropped.
    const untilCancelled = <T,>(pending: Promise<T>, late: (value: T) => void): Promise<T | null> =>
      new Promise((resolve) => {
        let settled = false;
        const onAbort = () => {
          if (settled) return;
          settled = true;
          resolve(null);
        };
        if (controller.signal.aborted) onAbort();
        else controller.signal.addEventListener("abort", onAbort, { once: true });
        void pending.then((value) => {
          controller.signal.removeEventListener("abort", onAbort);
          if (settled) late(value);
          else {
            settled = true;
            resolve(value);
          }
        });
      });
    const scope = request.transport === "emulated" ? emulatorScope() : undefined;
    // Each variant of a comparison has its own cache scope unless the comparison shares one (issue 9 item 1).
    const scopeOf = (spec: VariantSpec) => (scope ? { scope: variantCacheScope(scope, spec.variant, spec.cacheSharing ?? "own") } : {});
    // Cache diagnostics on the Claude API: every run names the previous run's response; the first
    // without one sends null, which opts in (lib/providers/run-experiment.ts).
    const lastMessageId = new Map<Variant, string | null>(request.variants.map((v) => [v.variant, request.previousMessageIds?.[v.variant] ?? null]));
    const diagnostics = (spec: VariantSpec) => (spec.provider === "anthropic" ? { previousMessageId: lastMessageId.get(spec.variant) ?? null } : {});
    const remember = (spec: VariantSpec, runs: readonly { messageId?: string }[]) => {
      const id = runs.findLast((r) => r.messageId)?.messageId;
      if (id) lastMessageId.set(spec.variant, id);
    };
    const input = (spec: VariantSpec, experiment: Experiment) => ({ experiment, transport: request.transport, provider: spec.provider, model: spec.model, ...scopeOf(spec), ...diagnostics(spec) });

    /** The emulated series, on the server, batch after batch. */
    const runOnServer = async (): Promise<SeriesOutcome> => {
      // A simulation starts every variant from a cold cache of its own (variantCacheScope).
      const fresh = request.options.mode === "traffic" ? seriesId.replace(/[^A-Za-z0-9]/g, "").slice(0, 12) : undefined;
      const body = {
        transport: "emulated" as const,
        options: request.options,
        variants: request.variants.map((v) => ({ variant: v.variant, experiment: v.experiment, provider: v.provider, model: v.model, ...(v.cacheSharing ? { cacheSharing: v.cacheSharing } : {}) })),
        ...(scope ? { scope } : {}),
        ...(fresh ? { fresh } : {}),
      };
      // Cache diagnostics go on across batches: each names the message ids the last one ended with.
      const ids = (): Partial<Record<Variant, string>> => Object.fromEntries([...lastMessageId].filter(([, id]) => id !== null));
      const call = (cursor?: SeriesCursor) => runSeriesBatchAction({ ...body, previousMessageIds: ids(), ...(cursor ? { cursor } : {}) }).catch(() => err(ACTION_FAILED));
      const store = (batch: { runs: BatchRun[] }) =>
        batch.runs.map(({ variant, parallel, conversation, ...sent }) => toRecord({ ok: true, value: sent }, specs.get(variant)!, parallel, conversation));
      let sent = 0;
      let failed = 0;
      let pending = call();
      for (;;) {
        const result = await untilCancelled(pending, (late) => void (late.ok && request.append(store(late.value))));
        if (result === null) return { sent, failed, stoppedBy: "cancelled" };
        if (!result.ok) return { sent, failed, stoppedBy: "error", reason: result.error.message };
        const batch = result.value;
        const more = batch.stoppedBy === "paused" && batch.cursor !== undefined;
        for (const v of request.variants) remember(v, batch.runs.filter((r) => r.variant === v.variant));
        // The server starts on the next batch while the page stores this one.
        if (more && !controller.signal.aborted) pending = call(batch.cursor);
        const records = store(batch);
        sent += records.length;
        failed += records.filter((r) => r.status === "failed").length;
        setState((s) => ({ ...s, done: sent, total: batch.total }));
        await request.append(records);
        if (!more) return { sent, failed, stoppedBy: batch.stoppedBy === "paused" ? "done" : batch.stoppedBy, ...(batch.reason ? { reason: batch.reason } : {}) };
        if (controller.signal.aborted) return { sent, failed, stoppedBy: "cancelled" };
      }
    };

    let outcome: SeriesOutcome | null = null;
    try {
      outcome = request.transport === "emulated" ? await runOnServer() : await runSeries(
        request.options,
        request.variants.map((v) => ({ variant: v.variant, experiment: v.experiment })),
        {
          runOnce: async ({ variant, experiment, turn }) => {
            const spec = specs.get(variant)!;
            const conversation = seriesConversation(request.options.mode, turn, experiment);
            const pending = runExperimentAction(input(spec, experiment))
              .catch(actionFailed)
              .then((result) => {
                const run = toRecord(result, spec, false, conversation);
                remember(spec, [run]);
                return run;
              });
            return untilCancelled(pending, (run) => void request.append([run]));
          },
          runParallel: async ({ variant, experiment, count }) => {
            const spec = specs.get(variant)!;
            const pending = runParallelAction({ ...input(spec, experiment), count })
              .catch(actionFailed)
              .then((result) => {
                if (!result.ok) return Array.from({ length: count }, () => toRecord(result, spec, true));
                const records = result.value.map((r) => toRecord(r, spec, true));
                // All runs of one fan-out share a start: the explainer then knows they overlapped.
                const startedAt = Math.min(...records.map((r) => r.startedAt));
                remember(spec, records);
                return records.map((r) => ({ ...r, startedAt }));
              });
            return untilCancelled(pending, (runs) => void request.append(runs));
          },
          wait: async (seconds, signal) => {
            setState((s) => ({ ...s, waiting: seconds }));
            try {
              await sleep(seconds * 1000, signal);
            } finally {
              setState((s) => ({ ...s, waiting: null }));
            }
          },
          onRun: async (run) => {
            await request.append([run]);
          },
          onProgress: (done, total) => setState((s) => ({ ...s, done, total })),
        },
        controller.signal,
      );
    } finally {
      controllerRef.current = null;
      const status = !outcome
        ? "The series stopped on an unexpected error."
        : outcome.stoppedBy === "cancelled"
          ? `Cancelled after ${outcome.sent} run${outcome.sent === 1 ? "" : "s"}.`
          : outcome.stoppedBy === "error"
            ? outcome.reason
              ? `Stopped after ${outcome.sent} run${outcome.sent === 1 ? "" : "s"}: ${outcome.reason}`
              : `Stopped after a failed run (${outcome.sent} sent).`
            : `Done: ${outcome.sent} run${outcome.sent === 1 ? "" : "s"}${outcome.failed ? `, ${outcome.failed} failed` : ""}.`;
      setState((s) => ({ ...s, running: false, status, startedAt: null }));
    }
    return outcome;
  }, []);

  return { ...state, start, cancel };
}
