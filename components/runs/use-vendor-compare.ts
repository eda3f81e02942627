"use client";
// Drives a comparison across vendors from the browser (issue 13 item 3): lib/vendors' runCompareSeries with
// runTargetAction as the run, the emulator's clock (or a real wait, live) as the gap. Emulated, each step is
// one round trip (runCompareStepAction: the clock moved by the wait before it, then run k of every target). Each target runs in a
// cache scope of its own for this comparison (targetCacheScope), so every comparison starts cold. The
// experiment's last comparison is kept where its run history is (lib/vendors/compare-store.ts), as it runs
// and when it ends, and shown again after a reload.
import { useCallback, useEffect, useRef, useState } from "react";
import type { ErrorCode } from "@/lib/cache/error-codes";
import type { Experiment } from "@/lib/cache/experiment-schema";
import type { Result } from "@/lib/cache/result";
import { usd } from "@/lib/cache/units";
import type { Transport } from "@/lib/runs/types";
import { type KeyValueBackend, indexedDbBackend, memoryBackend } from "@/lib/runs/history-store";
import { type CompareRun, type CompareSeriesOptions, type CompareTarget, checkCompareTargets, runCompareSeries, targetCacheScope } from "@/lib/vendors/compare";
import { ComparisonStore, type SavedComparison } from "@/lib/vendors/compare-store";
import { advanceEmulatorClockAction } from "@/app/actions/runs";
import { runCompareStepAction, runTargetAction } from "@/app/actions/targets";
import type { TargetRunRecord } from "@/lib/providers/run-target";
import { actionFailed, emulatorScope, newId } from "./use-run-series";

export interface VendorCompareState {
  running: boolean;
  done: number;
  total: number;
  runs: CompareRun[];
  /** The targets of the comparison the runs belong to. */
  targets: CompareTarget[];
  /** Per target, the experiment the comparison last sent to it (a growing conversation grows each one). */
  sent: Experiment[];
  status: string | null;
}

const INITIAL: VendorCompareState = { running: false, done: 0, total: 0, runs: [], targets: [], sent: [], status: null };

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error("cancelled"));
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(timer), reject(new Error("cancelled"))), { once: true });
  });
}

/** While a comparison runs, it is saved at most this often (and once more when it ends). */
const SAVE_EVERY_MS = 1_000;
/** ...and the chart, the totals and the progress take its new runs at most this often (issue 12 item 3: a few times a second). */
const SHOW_EVERY_MS = 250;

export function useVendorCompare(experimentId: string) {
  const [state, setState] = useState<VendorCompareState>(INITIAL);
  /** A sentence when the saved comparison could not be shown, or the comparison could not be saved. */
  const [notice, setNotice] = useState<string | null>(null);
  const controllerRef = useRef<AbortController | null>(null);
  const backendRef = useRef<Promise<KeyValueBackend> | null>(null);
  const stores = useRef(new Map<string, ComparisonStore>());

  const storeFor = useCallback(async (id: string) => {
    backendRef.current ??= indexedDbBackend().catch(() => memoryBackend());
    const backend = await backendRef.current;
    let store = stores.current.get(id);
    if (!store) stores.current.set(id, (store = new ComparisonStore(backend, id || "default", Date.now)));
    return store;
  }, []);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const load = await (await storeFor(experimentId)).load();
      if (cancelled || controllerRef.current) return;
      setNotice(load.problem);
      setState(load.saved ? { ...INITIAL, targets: load.saved.targets, runs: load.saved.runs, status: load.saved.status } : INITIAL);
    })();
    return () => {
      cancelled = true;
    };
  }, [experimentId, storeFor]);

  const cancel = useCallback(() => controllerRef.current?.abort(), []);

  const start = useCallback(async (request: { experiment: Experiment; targets: CompareTarget[]; options: CompareSeriesOptions; transport: Transport }) => {
    if (controllerRef.current) return;
    const checked = checkCompareTargets(request.targets);
    if (!checked.ok) {
      setState((s) => ({ ...s, status: checked.error.message }));
      return;
    }
    const targets = checked.value;
    const store = storeFor(experimentId);
    const collected: CompareRun[] = [];
    let savedAt = 0;
    let shownAt = 0;
    let progress = { done: 0, total: 0 };
    const show = () => {
      shownAt = Date.now();
      const runs = collected.slice();
      const { done, total } = progress;
      setState((s) => ({ ...s, runs, done, total }));
    };
    const save = async (saved: SavedComparison) => {
      savedAt = Date.now();
      try {
        await (await store).save(saved);
      } catch (e) {
        setNotice(`The comparison could not be saved (${e instanceof Error && e.message ? e.message : "storage failed"}); it stays on the page for this visit.`);
      }
    };
    const controller = new AbortController();
    controllerRef.current = controller;
    const series = newId();
    const base = request.transport === "emulated" ? (emulatorScope() ?? "browser") : undefined;
    setState({ ...INITIAL, running: true, targets, sent: targets.map(() => request.experiment) });

    const failed = (t: CompareTarget, message: string, code: ErrorCode) => ({
      target: t.target,
      status: "failed" as const,
      usage: null,
      cost: null,
      costWithoutCache: null,
      responseText: "",
      startedAt: Date.now(),
      error: { code, message },
    });
    const fromResult = (t: CompareTarget, r: Result<TargetRunRecord>) =>
      r.ok
        ? { target: t.target, status: "ok" as const, usage: r.value.usage, cost: usd(r.value.cost), costWithoutCache: usd(r.value.costWithoutCache), responseText: r.value.responseText, startedAt: r.value.startedAt }
        : failed(t, r.error.message, r.error.code);
    const send = async (index: number, experiment: Experiment, count?: number) => {
      const t = targets[index]!;
      const input = {
        experiment,
        transport: request.transport,
        target: t.target,
        ...(t.model ? { model: t.model } : {}),
        ...(base ? { scope: targetCacheScope(base, series, index) } : {}),
        ...(count ? { count } : {}),
      };
      const answer = await runTargetAction(input).catch(actionFailed);
      if (!answer.ok) return Array.from({ length: count ?? 1 }, () => failed(t, answer.error.message, answer.error.code));
      return answer.value.map((r) => fromResult(t, r));
    };
    // Emulated, the wait before a step rides with the step (runCompareStepAction): one round trip per step.
    let pendingSeconds = 0;
    const flushClock = async () => {
      if (pendingSeconds === 0) return;
      const moved = await advanceEmulatorClockAction({ seconds: pendingSeconds });
      if (!moved.ok) throw new Error(moved.error.message);
      pendingSeconds = 0;
    };
    const runStep = async ({ runs }: { runs: { index: number; experiment: Experiment }[] }) => {
      const seconds = pendingSeconds;
      pendingSeconds = 0;
      const input = {
        ...(seconds > 0 ? { advanceSeconds: seconds } : {}),
        runs: runs.map(({ index, experiment }) => ({ experiment, target: targets[index]!.target, scope: targetCacheScope(base!, series, index), ...(targets[index]!.model ? { model: targets[index]!.model } : {}) })),
      };
      const answer = await runCompareStepAction(input).catch(actionFailed);
      if (!answer.ok) {
        // Refused before the clock moved: the wait still comes before the next step.
        pendingSeconds += seconds;
        return runs.map(({ index }) => failed(targets[index]!, answer.error.message, answer.error.code));
      }
      return answer.value.map((r, i) => fromResult(targets[runs[i]!.index]!, r));
    };

    let status = "The comparison stopped on an unexpected error.";
    try {
      const outcome = await runCompareSeries(
        request.options,
        targets.map(() => request.experiment),
        {
          runOnce: async ({ index, experiment }) => (await send(index, experiment))[0]!,
          ...(base ? { runStep } : {}),
          runParallel: async ({ index, experiment, count }) => {
            await flushClock();
            return send(index, experiment, count);
          },
          wait: async (seconds, signal) => {
            if (request.transport === "emulated") {
              pendingSeconds += seconds;
              return;
            }
            await sleep(seconds * 1000, signal);
          },
          onRun: (run) => {
            collected.push(run);
            if (Date.now() - savedAt >= SAVE_EVERY_MS) void save({ targets, runs: collected.slice(), status: null });
          },
          onProgress: (done, total) => {
            progress = { done, total };
            if (done === 0 || Date.now() - shownAt >= SHOW_EVERY_MS) show();
          },
          onGrow: (index, experiment) => setState((s) => ({ ...s, sent: s.sent.map((e, i) => (i === index ? experiment : e)) })),
        },
        controller.signal,
      );
      const n = `${outcome.sent} run${outcome.sent === 1 ? "" : "s"}`;
      status =
        outcome.stoppedBy === "cancelled"
          ? `Comparison cancelled after ${n}.`
          : outcome.stoppedBy === "error"
            ? outcome.reason
              ? `Comparison stopped after ${n}: ${outcome.reason}`
              : `Comparison stopped after a failed run (${n} sent).`
            : `Comparison done: ${n}${outcome.failed ? `, ${outcome.failed} failed` : ""}.`;
    } finally {
      controllerRef.current = null;
      show();
      setState((s) => ({ ...s, running: false, status }));
      await save({ targets, runs: collected, status });
    }
  }, [experimentId, storeFor]);

  return { ...state, notice, start, cancel };
}
