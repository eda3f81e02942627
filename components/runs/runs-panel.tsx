"use client";
// The runs panel (issue 5): send the active experiment again and again, see what the cache did and
// why. State lives where it belongs: the experiment in the store, the history in IndexedDB, the
// series in a hook; everything on screen is derived from the history array.
import { useCallback, useMemo, useRef, useState } from "react";
import dynamic from "next/dynamic";
import { useShallow } from "zustand/react/shallow";
import { setAccessTokenAction } from "@/app/actions/runs";
import { selectActiveExperiment, useActiveExperimentId, useActiveExperimentSelector, useExperimentActions, useExperimentStore, useExperimentStoreApi } from "@/lib/store";
import { lastMessageIds } from "@/lib/runs/diagnosis";
import type { Experiment } from "@/lib/cache/experiment-schema";
import { costCoverageText, metricsByVariant } from "@/lib/runs/metrics";
import type { Variant } from "@/lib/runs/series";
import { WHAT_IF_LABELS, type WhatIfChange, applyWhatIf } from "@/lib/runs/what-if";
import { runsToCsv, runsToJson } from "@/lib/runs/export";
import { DEFAULT_CONTROLS, RunControls, type ControlsValue } from "./run-controls";
import { WHAT_IF_SLOTS, type WhatIfChoice } from "./traffic-controls";
import { RunHistoryTable } from "./run-history-table";
import { ConversationTranscript } from "./conversation-transcript";
import { EmulatorTools } from "./emulator-tools";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { controlClass } from "@/components/ui/field";
import { cn } from "@/components/ui/cn";
import { useNearViewport } from "@/components/ui/use-near-viewport";
import { formatPercent, formatRatio, formatTokens, formatUsd, runLabel } from "@/lib/display/format";
import { download } from "./download";
import { usePaced } from "@/components/ui/use-paced";
import { useRunEnvironment } from "./use-run-environment";
import { useRunHistory } from "./use-run-history";
import { type VariantSpec, useRunSeries } from "./use-run-series";
import { VendorCompare } from "./vendor-compare";
import { LoadingFrame } from "@/components/ui/loading-frame";

// The charts carry the chart library (the largest part of the page's JavaScript, issue 12 item 4): loaded
// when they are first needed, that is when the history holds runs, a series starts, or the runs panel
// nears the viewport (the whole panel, so a jump past the charts to the history loads them too); until
// then a frame of the same height stands in.
function ChartsPlaceholder() {
  return <LoadingFrame className="h-72">Loading the charts…</LoadingFrame>;
}
const RunCharts = dynamic(() => import("./run-charts").then((m) => m.RunCharts), { ssr: false, loading: ChartsPlaceholder });
// The simulated traffic report: only when the history holds a simulation.
const TrafficReportPanel = dynamic(() => import("./traffic-report-panel").then((m) => m.TrafficReportPanel), { ssr: false });

function AccessTokenForm({ onGranted, reason }: { onGranted: () => void; reason: string | null }) {
  const [token, setToken] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  return (
    <Callout tone="warn" className="p-0">
      <form
        className="flex flex-wrap items-center gap-2 p-2 text-sm"
        onSubmit={async (e) => {
          e.preventDefault();
          const r = await setAccessTokenAction(token).catch((e: unknown) => (e instanceof Error ? e.message : null));
          if (r && typeof r === "object" && r.ok && r.value.granted) {
            setMessage(null);
            onGranted();
          } else setMessage(typeof r === "string" ? r : r && !r.ok ? r.error.message : "That access token is not the server's.");
        }}
      >
        <label className="flex items-center gap-2">
          <span>Access token</span>
          <input type="password" value={token} onChange={(e) => setToken(e.target.value)} className={cn(controlClass, "h-8")} autoComplete="off" />
        </label>
        <Button type="submit">Unlock</Button>
        <span>{reason ?? "This CacheLab is reachable beyond this machine, so actions need the server's access token."}</span>
        {message && <span className="text-danger-text">{message}</span>}
      </form>
    </Callout>
  );
}

/**
 * The series in numbers, per variant (issue 9 item 6): the token hit rate (Σ cache reads ÷ Σ input
 * tokens, never an average of per-run rates), reads per write, the read / write / uncached split,
 * and cost against no caching, which says which runs it leaves out when a cost is unknown (lib/runs/gaps.ts).
 */
function HistorySummary({ metrics }: { metrics: ReturnType<typeof metricsByVariant> }) {
  if (metrics.length === 0) return null;
  return (
    <dl aria-label="History summary" className="grid gap-x-4 gap-y-1 text-xs text-fg-muted @3xl:grid-cols-2">
      {metrics.map(({ variant, metrics: m }) => (
        <div key={variant} data-variant={variant} className="flex flex-wrap gap-x-3">
          {metrics.length > 1 ? <dt className="font-semibold text-fg">Variant {variant}</dt> : <dt className="sr-only">All runs</dt>}
          <dd data-metric="token-hit-rate">token hit rate {formatPercent(m.tokenHitRate)}</dd>
          <dd data-metric="reads-per-write">{formatRatio(m.readsPerWrite)} reads per write</dd>
          <dd data-metric="split">
            read {formatTokens(m.read)} · written {formatTokens(m.write)} · uncached {formatTokens(m.uncached)} tokens
          </dd>
          <dd data-metric="cost">
            cost {formatUsd(m.cost)} · saved {formatUsd(m.saving)} against no caching
            {costCoverageText(m) ? ` ${costCoverageText(m)}` : ""}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** " · ≈12 s left", from the pace so far; nothing until a few runs have landed. */
function timeLeft(done: number, total: number, startedAt: number | null): string {
  if (startedAt === null || done < 1 || done >= total) return "";
  const elapsed = performance.now() - startedAt;
  if (elapsed < 500) return "";
  const seconds = Math.ceil(((total - done) * elapsed) / done / 1000);
  return seconds >= 90 ? ` · ≈${Math.round(seconds / 60)} min left` : ` · ≈${seconds} s left`;
}

/** The what-if variants of a simulation: changes to the active experiment, or other experiments of the library. */
function whatIfVariants(choices: (WhatIfChoice | null)[], current: Experiment, library: Record<string, { experiment: Experiment } | undefined>): VariantSpec[] {
  const out: VariantSpec[] = [];
  choices.forEach((choice, i) => {
    if (choice === null) return;
    const variant = WHAT_IF_SLOTS[i]!;
    if (choice.startsWith("experiment:")) {
      const other = library[choice.slice("experiment:".length)]?.experiment;
      if (other) out.push({ variant, experiment: other, provider: other.provider, model: other.model, name: other.name || "Untitled experiment" });
      return;
    }
    const change = choice as WhatIfChange;
    out.push({ variant, experiment: applyWhatIf(current, change), provider: current.provider, model: current.model, ...(change === "as-is" ? {} : { change: WHAT_IF_LABELS[change] }) });
  });
  return out;
}

export function RunsPanel() {
  // Only what the panel shows: selecting the whole experiment would re-render the charts on every
  // keystroke in the editor; onRun reads the current experiment from the store when it sends.
  const provider = useActiveExperimentSelector((e) => e.provider);
  const model = useActiveExperimentSelector((e) => e.model);
  const experimentName = useActiveExperimentSelector((e) => e.name ?? "");
  const name = useActiveExperimentSelector((e) => e.name || "Untitled experiment");
  const experimentId = useActiveExperimentId();
  const { focusBlock } = useExperimentActions();
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

  // What the page draws of the history (issue 12 item 3): during a series a batch lands several times a
  // second, but the charts, the report and the table follow at most four times a second (less when
  // drawing them is slow), as a deferred update that typing elsewhere on the page interrupts. Sending
  // reads history.runs itself, never this copy; once the series ends the copy is the history again.
  const shownRuns = usePaced(history.runs, series.running);
  const metrics = useMemo(() => metricsByVariant(shownRuns), [shownRuns]);
  // Variant B starts on A's provider and model (issue 9 item 2): a comparison of TTLs compares TTLs.
  const providerB = controls.compareProvider ?? provider;
  const modelB = controls.compareModel ?? model;
  const otherName = controls.compareExperimentId ? otherExperiments.find((x) => x.id === controls.compareExperimentId)?.name : undefined;
  const hasB = useMemo(() => shownRuns.some((r) => r.variant === "B"), [shownRuns]);
  const hasTraffic = useMemo(() => shownRuns.some((r) => r.traffic), [shownRuns]);

  const liveReason = useMemo(() => {
    if (!environment) return environmentError ?? "Checking which providers are configured on the server…";
    const providers = controls.compare ? [provider, providerB] : [provider];
    for (const p of providers) {
      const live = environment.live[p];
      if (!live.configured) return live.reason ?? "Not configured on the server.";
    }
    return null;
  }, [environment, environmentError, provider, controls.compare, providerB]);

  const onRun = useCallback(async () => {
    setMessage(null);
    const current = selectActiveExperiment(storeApi.getState());
    const traffic = controls.mode === "traffic";
    const transport = !traffic && controls.transport === "live" && liveReason === null ? "live" : "emulated";
    const variants: VariantSpec[] = traffic ? whatIfVariants(controls.whatIf, current, storeApi.getState().experiments) : [{ variant: "A", experiment: current, provider: current.provider, model: current.model }];
    if (controls.compare && !traffic) {
      // Variant B: this experiment, or another one of the library, on the chosen provider and model.
      const other = controls.compareExperimentId ? storeApi.getState().experiments[controls.compareExperimentId] : undefined;
      // Live runs use the server's credentials for both variants: the provider's cache is shared.
      const cacheSharing = transport === "live" || controls.compareSharedCache ? "shared" : "own";
      variants[0] = { ...variants[0]!, name: current.name || "Untitled experiment", cacheSharing };
      variants.push({
        variant: "B",
        experiment: other?.experiment ?? current,
        provider: controls.compareProvider ?? current.provider,
        model: controls.compareModel ?? current.model,
        name: (other ?? { experiment: current }).experiment.name || "Untitled experiment",
        cacheSharing,
      });
    }
    await series.start({
      options: {
        mode: controls.mode,
        runs: controls.runs,
        gapSeconds: controls.gapSeconds,
        warmUp: controls.warmUp,
        continueOnError: controls.continueOnError,
        leadingGap: !traffic && history.runs.length > 0,
        ...(traffic ? { traffic: controls.traffic } : {}),
      },
      transport,
      variants,
      experimentId,
      previousMessageIds: lastMessageIds(history.runs, transport),
      append: history.append,
    });
  }, [controls, liveReason, storeApi, series, experimentId, history.append, history.runs]);

  const progressText =
    series.waiting !== null
      ? `${series.done} of ${series.total} runs · waiting ${series.waiting} s before the next run`
      : series.total > 0
        ? `${series.done.toLocaleString("en-US")} of ${series.total.toLocaleString("en-US")} runs${timeLeft(series.done, series.total, series.startedAt)}`
        : "Starting…";

  // Each variant's name on the charts: what its runs recorded, else what the next run will send.
  const labels = useMemo(() => {
    const recorded = (v: Variant) => shownRuns.findLast((r) => r.variant === v)?.label;
    const a = recorded("A") ?? runLabel(provider, model, controls.compare ? name : undefined);
    // A what-if's third variant is named by its runs only.
    const c = recorded("C");
    return hasB ? { A: a, B: recorded("B") ?? runLabel(providerB, modelB, otherName ?? name), ...(c ? { C: c } : {}) } : { A: a };
  }, [shownRuns, hasB, provider, model, name, providerB, modelB, otherName, controls.compare]);
  const hasRuns = history.runs.length > 0;
  const panelRef = useRef<HTMLElement>(null);
  const chartsNear = useNearViewport(panelRef);
  const chartsNeeded = hasRuns || series.running || chartsNear;
  // The panels drawn from the history, as elements kept while their inputs are unchanged: a batch that
  // only moves the progress bar, or a keystroke in the controls, re-renders none of them.
  const comparing = controls.compare || hasB;
  const transcript = useMemo(() => <ConversationTranscript runs={shownRuns} experimentName={experimentName} />, [shownRuns, experimentName]);
  const charts = useMemo(() => (chartsNeeded ? <RunCharts runs={shownRuns} labels={labels} /> : <ChartsPlaceholder />), [chartsNeeded, shownRuns, labels]);
  const trafficReport = useMemo(() => (hasTraffic ? <TrafficReportPanel runs={shownRuns} experimentId={experimentId} /> : null), [hasTraffic, shownRuns, experimentId]);
  const summary = useMemo(() => <HistorySummary metrics={metrics} />, [metrics]);
  const table = useMemo(() => <RunHistoryTable runs={shownRuns} onFocusBlock={focusBlock} comparing={comparing} />, [shownRuns, focusBlock, comparing]);

  return (
    <section ref={panelRef} id="runs" aria-labelledby="runs-heading" className="@container scroll-mt-14 rounded-lg border border-line bg-surface shadow-xs lg:scroll-mt-4">
      <header className="flex flex-wrap items-center gap-2 border-b border-line px-4 py-2">
        <h2 id="runs-heading" className="text-base font-semibold">
          Runs
        </h2>
        <Badge tone={controls.transport === "live" && liveReason === null ? "warn" : "accent"}>{controls.transport === "live" && liveReason === null ? "Live: billed by the provider" : "Emulated: no key, no network"}</Badge>
      </header>
      <div className="flex flex-col gap-4 p-4">
        {environment?.access.required && !environment.access.granted && <AccessTokenForm onGranted={refresh} reason={environment.access.message} />}

        <RunControls
          value={controls}
          onChange={setControls}
          liveReason={liveReason}
          running={series.running}
          onRun={onRun}
          onCancel={series.cancel}
          otherExperiments={otherExperiments}
          variantA={{ provider, model }}
          progress={
            <div aria-live="polite" className="min-h-6 space-y-1 text-sm @3xl:text-right">
              {series.running && (
                <div className="flex items-center gap-2 @3xl:justify-end">
                  <progress aria-label="Series progress" max={Math.max(1, series.total)} value={series.done} className="h-2 w-40 accent-(--accent)" />
                  <span>{progressText}</span>
                </div>
              )}
              {!series.running && series.status && <p data-testid="series-status">{series.status}</p>}
              {message && <p>{message}</p>}
              {history.notice && (
                <p data-testid="history-notice" className="text-warn-text">
                  {history.notice}
                </p>
              )}
              {history.storageError && <p className="text-danger-text">{history.storageError}</p>}
            </div>
          }
        />

        {transcript}

        <EmulatorTools testMode={environment?.testMode ?? false} onMessage={setMessage} />

        {charts}

        <VendorCompare
          options={{ mode: controls.mode, runs: controls.runs, gapSeconds: controls.gapSeconds, warmUp: controls.warmUp, continueOnError: controls.continueOnError, traffic: controls.traffic }}
          transport={controls.transport === "live" && liveReason === null ? "live" : "emulated"}
          chartWanted={chartsNear}
        />

        {trafficReport}

        <section aria-label="Run history" className="flex flex-col gap-2">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-2 text-sm">
            <h3 className="font-semibold">History</h3>
            <span className="text-fg-muted">{history.runs.length} total</span>
            <span className="grow" />
            <Button size="sm" disabled={!hasRuns} onClick={() => download(`cachelab-runs-${experimentId}.csv`, "text/csv", runsToCsv(history.runs))}>
              Export CSV
            </Button>
            <Button size="sm" disabled={!hasRuns} onClick={() => download(`cachelab-runs-${experimentId}.json`, "application/json", runsToJson(history.runs, experimentId, new Date()))}>
              Export JSON
            </Button>
            <Button size="sm" variant="danger" disabled={!hasRuns || series.running} onClick={() => void history.clear()}>
              Clear history
            </Button>
          </div>
          {summary}
          {table}
          {!hasRuns && <p className="text-sm text-fg-muted">{history.loaded ? "No runs yet: press Run to send the experiment." : "Loading the history…"}</p>}
        </section>
      </div>
    </section>
  );
}
