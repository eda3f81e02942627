"use client";
// The series controls: transport, mode, runs, gap, error policy and the comparison variant. Names
// are part of the contract the browser tests hold (issue 5): radio group "Transport", spinbuttons
// "Runs" and "Gap (seconds)", buttons "Run" and "Cancel".
import { useId, type ReactNode } from "react";
import { CATALOG } from "@/lib/cache/catalog";
import { PROVIDERS, type ProviderId } from "@/lib/cache/wire-types";
import { SERIES_LIMITS, type SeriesMode } from "@/lib/runs/series";
import { DEFAULT_TRAFFIC, type TrafficOptions } from "@/lib/runs/traffic";
import type { Transport } from "@/lib/runs/types";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { controlClass } from "@/components/ui/field";
import { PROVIDER_LABELS, modelLabel } from "@/lib/display/format";
import { NumberField } from "./number-field";
import { DEFAULT_WHAT_IF, TrafficControls, type WhatIfChoice, trafficSummary } from "./traffic-controls";
import { Checkbox, Radio } from "@/components/ui/checkbox";

export interface ControlsValue {
  transport: Transport;
  mode: SeriesMode;
  runs: number;
  gapSeconds: number;
  warmUp: boolean;
  continueOnError: boolean;
  compare: boolean;
  /** Variant B's provider and model; null follows variant A's, so a comparison starts like for like. */
  compareProvider: ProviderId | null;
  compareModel: string | null;
  /** Another experiment of the library as variant B, or null for the active one. */
  compareExperimentId: string | null;
  /** Emulated: A and B read and write one cache (to study interference) instead of one each. */
  compareSharedCache: boolean;
  /** Traffic mode: how requests arrive, and the what-if variants (A, then B and C or null). */
  traffic: TrafficOptions;
  whatIf: (WhatIfChoice | null)[];
}

export const DEFAULT_CONTROLS: ControlsValue = {
  transport: "emulated",
  mode: "repeat",
  runs: 3,
  gapSeconds: 0,
  warmUp: true,
  continueOnError: true,
  compare: false,
  compareProvider: null,
  compareModel: null,
  compareExperimentId: null,
  compareSharedCache: false,
  traffic: DEFAULT_TRAFFIC,
  whatIf: DEFAULT_WHAT_IF,
};

const MODES: { value: SeriesMode; label: string; hint: string }[] = [
  { value: "repeat", label: "Identical repeat", hint: "The same request each time." },
  { value: "conversation", label: "Growing conversation", hint: "Each run adds the reply and a next user turn to the series' own transcript; the experiment is not changed." },
  { value: "fan-out", label: "Warm-up then fan-out", hint: "One run, then the rest in parallel." },
  { value: "traffic", label: "Simulated traffic", hint: "Requests arrive at simulated times on the emulator's clock; what-if variants replay the same arrivals." },
];

/** Why Run cannot start with these controls, or null. */
export function runProblem(value: ControlsValue): string | null {
  if (value.mode !== "traffic") return null;
  return trafficSummary(value.traffic, Math.max(1, value.whatIf.filter((c) => c !== null).length)).problem;
}

const ACTIVE_MODELS = CATALOG.filter((m) => m.status === "active");

const groupClass = "flex min-w-0 flex-col gap-1.5";
const groupTitleClass = "text-xs font-semibold tracking-wide text-fg-subtle uppercase";
const choiceClass = "flex items-center gap-2 text-sm";
const inlineSelect = cn(controlClass, "h-8 max-w-48");

export function RunControls({
  value,
  onChange,
  liveReason,
  running,
  onRun,
  onCancel,
  otherExperiments,
  progress,
  variantA,
}: {
  value: ControlsValue;
  /** Variant A's provider and model: what B starts on. */
  variantA: { provider: ProviderId; model: string };
  onChange: (next: ControlsValue) => void;
  /** The library's other experiments, offered as variant B. */
  otherExperiments: { id: string; name: string }[];
  /** Null when live runs are possible; else the sentence saying what to configure. */
  liveReason: string | null;
  running: boolean;
  onRun: () => void;
  onCancel: () => void;
  /** The series' progress and status, shown beside Run and Cancel. */
  progress?: ReactNode;
}) {
  const id = useId();
  const set = <K extends keyof ControlsValue>(key: K, v: ControlsValue[K]) => onChange({ ...value, [key]: v });
  const traffic = value.mode === "traffic";
  // Simulated traffic lives on the emulator's clock: hours of it cannot be waited out live.
  const liveReasonShown = traffic ? "Simulated traffic runs on the emulator's virtual clock." : liveReason;
  const liveDisabled = liveReasonShown !== null;
  const problem = runProblem(value);

  return (
    <div className="grid gap-x-6 gap-y-4 @3xl:grid-cols-[repeat(4,minmax(0,auto))_minmax(16rem,1fr)]">
      <div role="radiogroup" aria-labelledby={`${id}-transport`} className={groupClass}>
        <div id={`${id}-transport`} className={groupTitleClass}>
          Transport
        </div>
        <label className={choiceClass}>
          <Radio name={`${id}-transport`} value="emulated" checked={value.transport === "emulated" || liveDisabled} onChange={() => set("transport", "emulated")} disabled={running} />
          Emulated
        </label>
        <label className={cn(choiceClass, liveDisabled && "text-fg-subtle")}>
          <Radio
            name={`${id}-transport`}
            value="live"
            checked={value.transport === "live" && !liveDisabled}
            onChange={() => set("transport", "live")}
            disabled={running || liveDisabled}
            aria-describedby={liveDisabled ? `${id}-live-reason` : undefined}
          />
          Live
        </label>
        {liveDisabled && (
          <p id={`${id}-live-reason`} className="max-w-56 text-xs text-fg-subtle">
            {liveReasonShown}
          </p>
        )}
      </div>

      <div role="radiogroup" aria-labelledby={`${id}-mode`} className={groupClass}>
        <div id={`${id}-mode`} className={groupTitleClass}>
          Series mode
        </div>
        {MODES.map((m) => (
          <label key={m.value} className={choiceClass} title={m.hint}>
            <Radio name={`${id}-mode`} value={m.value} checked={value.mode === m.value} onChange={() => set("mode", m.value)} disabled={running} />
            {m.label}
          </label>
        ))}
        <p className="max-w-56 text-xs text-fg-subtle">{MODES.find((m) => m.value === value.mode)?.hint}</p>
      </div>

      <div className={groupClass}>
        <div className={groupTitleClass}>{traffic ? "Traffic" : "Schedule"}</div>
        {traffic ? (
          <TrafficControls
            traffic={value.traffic}
            whatIf={value.whatIf}
            otherExperiments={otherExperiments}
            disabled={running}
            onTraffic={(t) => set("traffic", t)}
            onWhatIf={(w) => set("whatIf", w)}
          />
        ) : (
          <>
            <NumberField label="Runs" value={value.runs} min={1} max={SERIES_LIMITS.maxRuns} disabled={running} onChange={(n) => set("runs", n)} />
            <NumberField label="Gap (seconds)" value={value.gapSeconds} min={0} max={SERIES_LIMITS.maxGapSeconds} disabled={running} onChange={(n) => set("gapSeconds", n)} />
            {value.transport === "emulated" && <p className="max-w-56 text-xs text-fg-subtle">Emulated gaps move the emulator&apos;s clock: no waiting.</p>}
          </>
        )}
      </div>

      <div className={cn(groupClass, "text-sm")}>
        <div className={groupTitleClass}>Options</div>
        {value.mode === "fan-out" && (
          <label className={choiceClass}>
            <Checkbox checked={value.warmUp} onChange={(e) => set("warmUp", e.target.checked)} disabled={running} />
            Warm-up first
          </label>
        )}
        <label className={choiceClass}>
          <Checkbox checked={value.continueOnError} onChange={(e) => set("continueOnError", e.target.checked)} disabled={running} />
          Continue after a failure
        </label>
        {!traffic && (
          <label className={choiceClass}>
            <Checkbox checked={value.compare} onChange={(e) => set("compare", e.target.checked)} disabled={running} />
            Compare with another provider or model
          </label>
        )}
        {value.compare && !traffic && (
          <div className="flex flex-col gap-1.5 pl-6">
            <label className="flex items-center justify-between gap-2">
              <span>Experiment B</span>
              <select value={value.compareExperimentId ?? ""} onChange={(e) => set("compareExperimentId", e.target.value === "" ? null : e.target.value)} disabled={running} className={inlineSelect}>
                <option value="">This experiment</option>
                {otherExperiments.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="flex items-center justify-between gap-2">
              <span>Provider B</span>
              <select value={value.compareProvider ?? variantA.provider} onChange={(e) => set("compareProvider", PROVIDERS.find((p) => p === e.target.value) ?? null)} disabled={running} className={inlineSelect}>
                {PROVIDERS.map((p) => (
                  <option key={p} value={p}>
                    {PROVIDER_LABELS[p]}
                  </option>
                ))}
              </select>
            </label>
            <label className="flex items-center justify-between gap-2">
              <span>Model B</span>
              <select value={value.compareModel ?? variantA.model} onChange={(e) => set("compareModel", e.target.value)} disabled={running} className={inlineSelect}>
                {ACTIVE_MODELS.some((m) => m.id === variantA.model) ? null : <option value={variantA.model}>{modelLabel(variantA.model)}</option>}
                {ACTIVE_MODELS.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.displayName}
                  </option>
                ))}
              </select>
            </label>
            {value.transport === "emulated" || liveDisabled ? (
              <label className={choiceClass} title="Off: each variant has its own emulator cache, so A's numbers are what A alone would give.">
                <Checkbox checked={value.compareSharedCache} onChange={(e) => set("compareSharedCache", e.target.checked)} disabled={running} />
                Share one cache between A and B
              </label>
            ) : (
              <p className="max-w-56 text-xs text-fg-subtle">Live runs use the server&apos;s credentials for both variants, so A and B share the provider&apos;s cache.</p>
            )}
          </div>
        )}
      </div>

      <div className="flex min-w-0 flex-col gap-2 @3xl:items-end">
        <div className="flex items-center gap-2">
          <Button variant="primary" size="lg" onClick={onRun} disabled={running || problem !== null} className="min-w-24">
            Run
          </Button>
          <Button size="lg" onClick={onCancel} disabled={!running}>
            Cancel
          </Button>
        </div>
        {progress}
      </div>
    </div>
  );
}
