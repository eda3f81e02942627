"use client";
// The runs panel (issue 5): send the active experiment again and again, see what the cache did and
// why. State lives where it belongs: the experiment in the store, the history in IndexedDB, the
// series in a hook; everything on screen is derived from the history array.
import { useCallback, useMemo, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { setAccessTokenAction } from "@/app/actions/runs";
import { selectActiveExperiment, useActiveExperimentId, useActiveExperimentSelector, useExperimentActions, useExperimentStore, useExperimentStoreApi } from "@/lib/store";
import { explainHistory } from "@/lib/runs/explain";
import { historyTotals } from "@/lib/runs/chart-series";
import { runsToCsv, runsToJson } from "@/lib/runs/export";
import { CacheUsageChart, CompareChart, CostChart, HitRateChart, LatencyChart } from "./run-charts";
import { DEFAULT_CONTROLS, RunControls, type ControlsValue } from "./run-controls";
import { RunHistoryTable } from "./run-history-table";
import { EmulatorTools } from "./emulator-tools";
import { formatUsd, variantLabel } from "./run-labels";
import { useRunEnvironment } from "./use-run-environment";
import { useRunHistory } from "./use-run-history";
import { type VariantSpec, useRunSeries } from "./use-run-series";

function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function AccessTokenForm({ onGranted }: { onGranted: () => void }) {
  const [token, setToken] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  return (
    <form
      className="flex flex-wrap items-center gap-2 rounded border border-amber-300 bg-amber-50 p-2 text-sm"
      onSubmit={async (e) => {
        e.preventDefault();
        const r = await setAccessTokenAction(token).catch(() => null);
        if (r?.ok && r.value.granted) {
          setMessage(null);
          onGranted();
        } else setMessage("That access token is not the server's.");
      }}
    >
      <label className="flex items-center gap-2">
        <span>Access token</span>
        <input type="password" value={token} onChange={(e) => setToken(e.target.value)} className="rounded border border-slate-300 px-2 py-0.5" autoComplete="off" />
      </label>
      <button type="submit" className="rounded border border-slate-300 px-2 py-0.5">
        Unlock
      </button>
      <span>This CacheLab is reachable beyond this machine, so actions need the server&apos;s access token.</span>
      {message && <span className="text-red-700">{message}</span>}
    </form>
  );
}

export function RunsPanel() {
  // Only what the panel shows: selecting the whole experiment would re-render the charts on every
  // keystroke in the editor; onRun reads the current experiment from the store when it sends.
  const provider = useActiveExperimentSelector((e) => e.provider);
  const model = useActiveExperimentSelector((e) => e.model);
  const experimentId = useActiveExperimentId();
  const { focusBlock, updateActiveExperiment } = useExperimentActions();
  const storeApi = useExperimentStoreApi();
  const { environment, error: environmentError, refresh } = useRunEnvironment();
  const history = useRunHistory(experimentId);
  const series = useRunSeries();
  const [controls, setControls] = useState<ControlsValue>(DEFAULT_CONTROLS);
  const [message, setMessage] = useState<string | null>(null);
  // Ids and names as one flat list of strings, so an edit that changes neither keeps the reference.
  const idsAndNames = useExperimentStore(useShallow((s) => s.order.flatMap((id) => [id, s.experiments[id]?.experiment.name || "Untitled experiment"])));
  const otherExperiments = useMemo(() => {
    const out: { id: string; name: string }[] = [];
    for (let i = 0; i < idsAndNames.length; i += 2) if (idsAndNames[i] !== experimentId) out.push({ id: idsAndNames[i]!, name: idsAndNames[i + 1]! });
    return out;
  }, [idsAndNames, experimentId]);

  const explanations = useMemo(() => explainHistory(history.runs), [history.runs]);
  const totals = useMemo(() => historyTotals(history.runs), [history.runs]);
  const labelA = variantLabel(provider, model);
  const labelB = variantLabel(controls.compareProvider, controls.compareModel);
  const hasB = useMemo(() => history.runs.some((r) => r.variant === "B"), [history.runs]);

  const liveReason = useMemo(() => {
    if (!environment) return environmentError ?? "Checking which providers are configured on the server…";
    const providers = controls.compare ? [provider, controls.compareProvider] : [provider];
    for (const p of providers) {
      const live = environment.live[p];
      if (!live.configured) return live.reason ?? "Not configured on the server.";
    }
    return null;
  }, [environment, environmentError, provider, controls.compare, controls.compareProvider]);

  const onRun = useCallback(async () => {
    setMessage(null);
    const current = selectActiveExperiment(storeApi.getState());
    const transport = controls.transport === "live" && liveReason === null ? "live" : "emulated";
    const variants: VariantSpec[] = [{ variant: "A", experiment: current, provider: current.provider, model: current.model }];
    if (controls.compare) {
      // Variant B: this experiment, or another one of the library, on the chosen provider and model.
      const other = controls.compareExperimentId ? storeApi.getState().experiments[controls.compareExperimentId] : undefined;
      variants.push({
        variant: "B",
        experiment: other?.experiment ?? current,
        provider: controls.compareProvider,
        model: controls.compareModel,
        ...(other ? { name: other.experiment.name || "Untitled experiment" } : {}),
      });
    }
    await series.start({
      options: {
        mode: controls.mode,
        runs: controls.runs,
        gapSeconds: controls.gapSeconds,
        warmUp: controls.warmUp,
        continueOnError: controls.continueOnError,
        leadingGap: history.runs.length > 0,
      },
      transport,
      variants,
      experimentId,
      append: history.append,
      // The editor follows the conversation while its experiment stays active; if another one was
      // opened meanwhile, the series goes on with its own copy and leaves the other one alone.
      onGrow: (grown) => {
        if (storeApi.getState().activeId === experimentId) updateActiveExperiment(() => grown, { coalesceKey: "runs:growing-conversation" });
      },
    });
  }, [controls, liveReason, storeApi, series, experimentId, history.append, history.runs.length, updateActiveExperiment]);

  const progressText =
    series.waiting !== null
      ? `${series.done} of ${series.total} runs · waiting ${series.waiting} s before the next run`
      : series.total > 0
        ? `${series.done} of ${series.total} runs`
        : "Starting…";

  return (
    <section aria-labelledby="runs-heading" className="@container space-y-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="runs-heading" className="text-lg font-semibold">
        Runs
      </h2>
      {environment?.access.required && !environment.access.granted && <AccessTokenForm onGranted={refresh} />}

      <RunControls
        value={controls}
        onChange={setControls}
        liveReason={liveReason}
        running={series.running}
        onRun={onRun}
        onCancel={series.cancel}
        otherExperiments={otherExperiments}
      />

      <div aria-live="polite" className="min-h-6 space-y-1 text-sm">
        {series.running && (
          <div className="flex items-center gap-2">
            <progress aria-label="Series progress" max={Math.max(1, series.total)} value={series.done} className="h-2 w-48" />
            <span>{progressText}</span>
          </div>
        )}
        {!series.running && series.status && <p data-testid="series-status">{series.status}</p>}
        {message && <p>{message}</p>}
        {history.notice && (
          <p data-testid="history-notice" className="text-amber-800">
            {history.notice}
          </p>
        )}
        {history.storageError && <p className="text-red-700">{history.storageError}</p>}
      </div>

      <EmulatorTools testMode={environment?.testMode ?? false} onMessage={setMessage} />

      <div className="grid gap-3 @3xl:grid-cols-2">
        {/* The usage chart is always there (empty before the first run); the others follow the history. */}
        <CacheUsageChart runs={history.runs} />
        {history.runs.length > 0 && (
          <>
            <HitRateChart runs={history.runs} />
            <CostChart runs={history.runs} />
            <LatencyChart runs={history.runs} />
            {hasB && <CompareChart runs={history.runs} labels={{ A: history.runs.find((r) => r.variant === "A")?.label ?? labelA, B: history.runs.find((r) => r.variant === "B")?.label ?? labelB }} />}
          </>
        )}
      </div>

      <section aria-label="Run history" className="space-y-2">
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <h3 className="font-medium">History</h3>
          <span className="text-slate-500">
            {history.runs.length} total · cost {formatUsd(totals.cost)} · saved {formatUsd(totals.saving)} against no caching
          </span>
          <span className="grow" />
          <button type="button" disabled={history.runs.length === 0} className="rounded border border-slate-300 px-2 py-0.5 disabled:opacity-40" onClick={() => download(`cachelab-runs-${experimentId}.csv`, "text/csv", runsToCsv(history.runs))}>
            Export CSV
          </button>
          <button type="button" disabled={history.runs.length === 0} className="rounded border border-slate-300 px-2 py-0.5 disabled:opacity-40" onClick={() => download(`cachelab-runs-${experimentId}.json`, "application/json", runsToJson(history.runs, experimentId, new Date()))}>
            Export JSON
          </button>
          <button type="button" disabled={history.runs.length === 0 || series.running} className="rounded border border-slate-300 px-2 py-0.5 disabled:opacity-40" onClick={() => void history.clear()}>
            Clear history
          </button>
        </div>
        <RunHistoryTable runs={history.runs} explanations={explanations} onFocusBlock={focusBlock} />
        {history.runs.length === 0 && (
          <p className="text-sm text-slate-500">{history.loaded ? "No runs yet: press Run to send the experiment." : "Loading the history…"}</p>
        )}
      </section>
    </section>
  );
}
