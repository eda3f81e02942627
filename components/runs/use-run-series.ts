"use client";
// Drives a series from the browser: each run is one server action call, the gap moves the
// emulator's clock (or really waits, for live providers), and cancel stops it at once. The loop is
// lib/runs' runSeries; this hook only supplies the effects and keeps the progress.
import { useCallback, useRef, useState } from "react";
import type { Experiment } from "@/lib/cache/experiment-schema";
import type { AppError, Result } from "@/lib/cache/result";
import type { ProviderId } from "@/lib/cache/wire-types";
import { type CacheSharing, type SeriesOptions, type SeriesOutcome, type Variant, runSeries, variantCacheScope } from "@/lib/runs/series";
import type { RunConversation, RunRecord, SentRunRecord, Transport } from "@/lib/runs/types";
import { advanceEmulatorClockAction, runExperimentAction, runParallelAction } from "@/app/actions/runs";
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
}

const ACTION_FAILED: AppError = {
  code: "action:failed",
  message: "The server could not run the request (it may be too large or the server restarted); try again.",
};

/** A refused action request: the server entry's sentence (docs/security.md §4) when it sent one. */
const actionFailed = (error: unknown): { ok: false; error: AppError } => {
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
  const [state, setState] = useState<SeriesState>({ running: false, done: 0, total: 0, waiting: null, status: null });
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
    setState({ running: true, done: 0, total: 0, waiting: null, status: null });

    const toRecord = (result: Result<SentRunRecord>, spec: VariantSpec, parallel: boolean, conversation?: RunConversation): Omit<RunRecord, "number"> => {
      const base = {
        id: newId(),
        experimentId: request.experimentId,
        seriesId,
        variant: spec.variant,
        label: runLabel(spec.provider, spec.model, spec.name),
        parallel,
        ...(conversation ? { conversation } : {}),
        ...(spec.cacheSharing ? { cacheSharing: spec.cacheSharing } : {}),
      };
      if (result.ok) return { ...base, ...result.value };
      const e = result.error;
      return {
        ...base,
        provider: spec.provider,
        transport: request.transport,
        model: spec.model,
        modelId: spec.model,
        startedAt: Date.now(),
        status: "failed",
        usage: null,
        cost: null,
        costWithoutCache: null,
        latency: null,
        responseText: "",
        requestId: null,
        blocks: [],
        breakpoints: [],
        error: { code: e.code, message: e.message, ...(e.status !== undefined ? { status: e.status } : {}), ...(e.retryAfterSeconds !== undefined ? { retryAfterSeconds: e.retryAfterSeconds } : {}) },
      };
    };
    // Cancel stops the series at once, even with a live run in flight; that run was sent (and
    // billed), so when its answer lands after all it is still recorded, never dropped.
    const untilCancelled = <T,>(pending: Promise<T>, late: (value: T) => void): Promise<T | null> =>
      new Promise((resolve) => {
        let settled = false;
        const onAbort = () => {
          if (settled) return;
          settled = true;
          resolve(null);
        };
        controller.signal.addEventListener("abort", onAbort, { once: true });
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

    let outcome: SeriesOutcome | null = null;
    try {
      outcome = await runSeries(
        request.options,
        request.variants.map((v) => ({ variant: v.variant, experiment: v.experiment })),
        {
          runOnce: async ({ variant, experiment, turn }) => {
            const spec = specs.get(variant)!;
            // A growing conversation's transcript lives with its runs: each run knows its turn, the
            // first one the experiment the conversation started from (lib/runs/transcript).
            const conversation = request.options.mode === "conversation" ? { turn, ...(turn === 1 ? { start: experiment } : {}) } : undefined;
            const pending = runExperimentAction(input(spec, experiment))
              .catch(actionFailed)
              .then((result) => {
                const run = toRecord(result, spec, false, conversation) as RunRecord;
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
                if (!result.ok) return Array.from({ length: count }, () => toRecord(result, spec, true) as RunRecord);
                const records = result.value.map((r) => toRecord(r, spec, true) as RunRecord);
                // All runs of one fan-out share a start: the explainer then knows they overlapped.
                const startedAt = Math.min(...records.map((r) => r.startedAt));
                remember(spec, records);
                return records.map((r) => ({ ...r, startedAt }));
              });
            return untilCancelled(pending, (runs) => void request.append(runs));
          },
          wait: async (seconds, signal) => {
            if (request.transport === "emulated") {
              const moved = await advanceEmulatorClockAction({ seconds });
              if (!moved.ok) throw new Error(moved.error.message);
              return;
            }
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
      setState((s) => ({ ...s, running: false, status }));
    }
    return outcome;
  }, []);

  return { ...state, start, cancel };
}
