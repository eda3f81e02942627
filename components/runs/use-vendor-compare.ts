"use client";
// Drives a comparison across vendors from the browser (issue 13 item 3): lib/vendors' runCompareSeries with
// runTargetAction as the run, the emulator's clock (or a real wait, live) as the gap. Each target runs in a
// cache scope of its own for this comparison (targetCacheScope), so every comparison starts cold.
import { useCallback, useRef, useState } from "react";
import type { Experiment } from "@/lib/cache/experiment-schema";
import { usd } from "@/lib/cache/units";
import type { Transport } from "@/lib/runs/types";
import { type CompareRun, type CompareSeriesOptions, type CompareTarget, checkCompareTargets, runCompareSeries, targetCacheScope } from "@/lib/vendors/compare";
import { advanceEmulatorClockAction } from "@/app/actions/runs";
import { runTargetAction } from "@/app/actions/targets";
import { emulatorScope, newId } from "./use-run-series";

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

const ACTION_FAILED = "The server could not run the request (it may be too large or the server restarted); try again.";

export function useVendorCompare() {
  const [state, setState] = useState<VendorCompareState>(INITIAL);
  const controllerRef = useRef<AbortController | null>(null);

  const cancel = useCallback(() => controllerRef.current?.abort(), []);

  const start = useCallback(async (request: { experiment: Experiment; targets: CompareTarget[]; options: CompareSeriesOptions; transport: Transport }) => {
    if (controllerRef.current) return;
    const checked = checkCompareTargets(request.targets);
    if (!checked.ok) {
      setState((s) => ({ ...s, status: checked.error.message }));
      return;
    }
    const targets = checked.value;
    const controller = new AbortController();
    controllerRef.current = controller;
    const series = newId();
    const base = request.transport === "emulated" ? (emulatorScope() ?? "browser") : undefined;
    setState({ ...INITIAL, running: true, targets, sent: targets.map(() => request.experiment) });

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
      const failed = (message: string, code = "action:failed") => ({
        target: t.target,
        status: "failed" as const,
        usage: null,
        cost: null,
        costWithoutCache: null,
        responseText: "",
        startedAt: Date.now(),
        error: { code, message },
      });
      const answer = await runTargetAction(input).catch((e: unknown) => ({ ok: false as const, error: { code: "action:failed", message: e instanceof Error && e.message ? e.message : ACTION_FAILED } }));
      if (!answer.ok) return Array.from({ length: count ?? 1 }, () => failed(answer.error.message, answer.error.code));
      return answer.value.map((r) =>
        r.ok
          ? { target: t.target, status: "ok" as const, usage: r.value.usage, cost: usd(r.value.cost), costWithoutCache: usd(r.value.costWithoutCache), responseText: r.value.responseText, startedAt: r.value.startedAt }
          : failed(r.error.message, r.error.code),
      );
    };

    let status = "The comparison stopped on an unexpected error.";
    try {
      const outcome = await runCompareSeries(
        request.options,
        targets.map(() => request.experiment),
        {
          runOnce: async ({ index, experiment }) => (await send(index, experiment))[0]!,
          runParallel: async ({ index, experiment, count }) => send(index, experiment, count),
          wait: async (seconds, signal) => {
            if (request.transport === "emulated") {
              const moved = await advanceEmulatorClockAction({ seconds });
              if (!moved.ok) throw new Error(moved.error.message);
              return;
            }
            await sleep(seconds * 1000, signal);
          },
          onRun: (run) => setState((s) => ({ ...s, runs: [...s.runs, run] })),
          onProgress: (done, total) => setState((s) => ({ ...s, done, total })),
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
      setState((s) => ({ ...s, running: false, status }));
    }
  }, []);

  return { ...state, start, cancel };
}
