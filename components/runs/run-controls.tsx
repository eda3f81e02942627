"use client";
// The series controls: transport, mode, runs, gap, error policy and the comparison variant. Names
// are part of the contract the browser tests hold (issue 5): radio group "Transport", spinbuttons
// "Runs" and "Gap (seconds)", buttons "Run" and "Cancel".
import { useId, useState } from "react";
import { CATALOG } from "@/lib/cache/catalog";
import { PROVIDERS, type ProviderId } from "@/lib/cache/wire-types";
import { SERIES_LIMITS, type SeriesMode } from "@/lib/runs/series";
import type { Transport } from "@/lib/runs/types";
import { PROVIDER_LABELS } from "./run-labels";

export interface ControlsValue {
  transport: Transport;
  mode: SeriesMode;
  runs: number;
  gapSeconds: number;
  warmUp: boolean;
  continueOnError: boolean;
  compare: boolean;
  compareProvider: ProviderId;
  compareModel: string;
  /** Another experiment of the library as variant B, or null for the active one. */
  compareExperimentId: string | null;
}

export const DEFAULT_CONTROLS: ControlsValue = {
  transport: "emulated",
  mode: "repeat",
  runs: 3,
  gapSeconds: 0,
  warmUp: true,
  continueOnError: true,
  compare: false,
  compareProvider: "bedrock",
  compareModel: "claude-sonnet-4-6",
  compareExperimentId: null,
};

const MODES: { value: SeriesMode; label: string; hint: string }[] = [
  { value: "repeat", label: "Identical repeat", hint: "The same request each time." },
  { value: "conversation", label: "Growing conversation", hint: "Each run appends the reply and a next user turn." },
  { value: "fan-out", label: "Warm-up then fan-out", hint: "One run, then the rest in parallel." },
];

const ACTIVE_MODELS = CATALOG.filter((m) => m.status === "active");

/** A number input that lets a person clear it and type, and hands on only valid, clamped values. */
function NumberField({ label, value, min, max, disabled, onChange }: { label: string; value: number; min: number; max: number; disabled: boolean; onChange: (n: number) => void }) {
  const [text, setText] = useState(String(value));
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setText(String(value));
  }
  return (
    <label className="flex items-center justify-between gap-2 text-sm">
      <span>{label}</span>
      <input
        type="number"
        min={min}
        max={max}
        value={text}
        disabled={disabled}
        onChange={(e) => {
          setText(e.target.value);
          const n = Number(e.target.value);
          if (e.target.value.trim() === "" || !Number.isFinite(n)) return;
          const clamped = Math.max(min, Math.min(max, Math.floor(n)));
          setShown(clamped);
          onChange(clamped);
        }}
        onBlur={() => setText(String(value))}
        className="w-24 rounded border border-slate-300 px-2 py-1"
      />
    </label>
  );
}

export function RunControls({
  value,
  onChange,
  liveReason,
  running,
  onRun,
  onCancel,
  otherExperiments,
}: {
  value: ControlsValue;
  onChange: (next: ControlsValue) => void;
  /** The library's other experiments, offered as variant B. */
  otherExperiments: { id: string; name: string }[];
  /** Null when live runs are possible; else the sentence saying what to configure. */
  liveReason: string | null;
  running: boolean;
  onRun: () => void;
  onCancel: () => void;
}) {
  const id = useId();
  const set = <K extends keyof ControlsValue>(key: K, v: ControlsValue[K]) => onChange({ ...value, [key]: v });
  const liveDisabled = liveReason !== null;

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-start gap-6">
        <div role="radiogroup" aria-labelledby={`${id}-transport`} className="space-y-1">
          <div id={`${id}-transport`} className="text-sm font-medium">
            Transport
          </div>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name={`${id}-transport`} value="emulated" checked={value.transport === "emulated" || liveDisabled} onChange={() => set("transport", "emulated")} disabled={running} />
            Emulated
          </label>
          <label className={`flex items-center gap-2 text-sm ${liveDisabled ? "text-slate-400" : ""}`}>
            <input
              type="radio"
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
            <p id={`${id}-live-reason`} className="max-w-xs text-xs text-slate-500">
              {liveReason}
            </p>
          )}
        </div>

        <div role="radiogroup" aria-labelledby={`${id}-mode`} className="space-y-1">
          <div id={`${id}-mode`} className="text-sm font-medium">
            Series mode
          </div>
          {MODES.map((m) => (
            <label key={m.value} className="flex items-center gap-2 text-sm" title={m.hint}>
              <input type="radio" name={`${id}-mode`} value={m.value} checked={value.mode === m.value} onChange={() => set("mode", m.value)} disabled={running} />
              {m.label}
            </label>
          ))}
        </div>

        <div className="space-y-2">
          <NumberField label="Runs" value={value.runs} min={1} max={SERIES_LIMITS.maxRuns} disabled={running} onChange={(n) => set("runs", n)} />
          <NumberField label="Gap (seconds)" value={value.gapSeconds} min={0} max={SERIES_LIMITS.maxGapSeconds} disabled={running} onChange={(n) => set("gapSeconds", n)} />
          {value.transport === "emulated" && <p className="text-xs text-slate-500">Emulated gaps move the emulator&apos;s clock: no waiting.</p>}
        </div>

        <div className="space-y-1 text-sm">
          {value.mode === "fan-out" && (
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={value.warmUp} onChange={(e) => set("warmUp", e.target.checked)} disabled={running} />
              Warm-up first
            </label>
          )}
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={value.continueOnError} onChange={(e) => set("continueOnError", e.target.checked)} disabled={running} />
            Continue after a failure
          </label>
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={value.compare} onChange={(e) => set("compare", e.target.checked)} disabled={running} />
            Compare with another provider or model
          </label>
          {value.compare && (
            <div className="flex flex-wrap gap-2 pl-6">
              <label className="flex items-center gap-1">
                <span>Experiment B</span>
                <select
                  value={value.compareExperimentId ?? ""}
                  onChange={(e) => set("compareExperimentId", e.target.value === "" ? null : e.target.value)}
                  disabled={running}
                  className="max-w-40 rounded border border-slate-300 px-1 py-0.5"
                >
                  <option value="">This experiment</option>
                  {otherExperiments.map((x) => (
                    <option key={x.id} value={x.id}>
                      {x.name}
                    </option>
                  ))}
                </select>
              </label>
              <label className="flex items-center gap-1">
                <span>Provider B</span>
                <select value={value.compareProvider} onChange={(e) => set("compareProvider", e.target.value as ProviderId)} disabled={running} className="rounded border border-slate-300 px-1 py-0.5">
                  {PROVIDERS.map((p) => (
                    <option key={p} value={p}>
                      {PROVIDER_LABELS[p]}
                    </option>
                  ))}
                </select>
              </label>
              <label className="flex items-center gap-1">
                <span>Model B</span>
                <select value={value.compareModel} onChange={(e) => set("compareModel", e.target.value)} disabled={running} className="rounded border border-slate-300 px-1 py-0.5">
                  {ACTIVE_MODELS.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.displayName}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          )}
        </div>
      </div>

      <div className="flex items-center gap-2">
        <button type="button" onClick={onRun} disabled={running} className="rounded bg-blue-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-blue-700 disabled:opacity-50">
          Run
        </button>
        <button type="button" onClick={onCancel} disabled={!running} className="rounded border border-slate-300 px-4 py-1.5 text-sm disabled:opacity-40">
          Cancel
        </button>
      </div>
    </div>
  );
}
