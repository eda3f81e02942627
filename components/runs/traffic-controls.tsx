"use client";
// Traffic mode's controls (issue 12 items 1, 2): how requests arrive, and the what-if variants replayed
// against the same arrivals. The plan is computed here as the person types, so the number of runs and
// any reason it cannot run are shown before Run is pressed.
import { useId, useMemo } from "react";
import { seededRandom } from "@/lib/runs/random";
import { TRAFFIC_LIMITS, type TrafficOptions, planTraffic, trafficProblem, trafficSizeProblem } from "@/lib/runs/traffic";
import { WHAT_IF_LABELS, type WhatIfChange } from "@/lib/runs/what-if";
import { cn } from "@/components/ui/cn";
import { controlClass } from "@/components/ui/field";
import { NumberField } from "./number-field";
import { Radio } from "@/components/ui/checkbox";

/** A what-if variant: a change to the active experiment, or another experiment of the library ("experiment:<id>"). */
export type WhatIfChoice = WhatIfChange | `experiment:${string}`;

export const WHAT_IF_SLOTS = ["A", "B", "C"] as const;

export const DEFAULT_WHAT_IF: (WhatIfChoice | null)[] = ["as-is", "ttl-1h", null];

const CHANGES = Object.keys(WHAT_IF_LABELS) as WhatIfChange[];

/** The planned runs, or the sentence that says why these settings cannot run. */
export function trafficSummary(traffic: TrafficOptions, variants: number): { runs: number; requests: number; sessions: number; problem: string | null } {
  const problem = trafficProblem(traffic);
  if (problem) return { runs: 0, requests: 0, sessions: 0, problem };
  const plan = planTraffic(traffic, seededRandom(traffic.seed));
  return { runs: plan.arrivals.length * variants, requests: plan.arrivals.length, sessions: plan.sessions, problem: trafficSizeProblem(plan, variants) };
}

const fmt = (n: number) => n.toLocaleString("en-US");

export function TrafficControls({
  traffic,
  whatIf,
  otherExperiments,
  disabled,
  onTraffic,
  onWhatIf,
}: {
  traffic: TrafficOptions;
  whatIf: (WhatIfChoice | null)[];
  otherExperiments: { id: string; name: string }[];
  disabled: boolean;
  onTraffic: (next: TrafficOptions) => void;
  onWhatIf: (next: (WhatIfChoice | null)[]) => void;
}) {
  const id = useId();
  const set = <K extends keyof TrafficOptions>(key: K, v: TrafficOptions[K]) => onTraffic({ ...traffic, [key]: v });
  const variants = whatIf.filter((c) => c !== null).length;
  const summary = useMemo(() => trafficSummary(traffic, Math.max(1, variants)), [traffic, variants]);
  const L = TRAFFIC_LIMITS;

  return (
    <div className="flex flex-col gap-1.5 text-sm">
      <NumberField label="Arrivals per hour" value={traffic.ratePerHour} min={1} max={L.maxRatePerHour} disabled={disabled} onChange={(n) => set("ratePerHour", n)} />
      <NumberField label="Duration (hours)" value={traffic.durationHours} min={0.05} max={L.maxDurationHours} whole={false} disabled={disabled} onChange={(n) => set("durationHours", n)} />
      <div role="radiogroup" aria-label="Arrival gaps" className="flex items-center justify-between gap-2">
        <span>Gaps</span>
        <span className="flex gap-3">
          <label className="flex items-center gap-1">
            <Radio name={`${id}-gaps`} checked={traffic.gaps === "random"} onChange={() => set("gaps", "random")} disabled={disabled} />
            Random
          </label>
          <label className="flex items-center gap-1">
            <Radio name={`${id}-gaps`} checked={traffic.gaps === "fixed"} onChange={() => set("gaps", "fixed")} disabled={disabled} />
            Fixed
          </label>
        </span>
      </div>
      {traffic.gaps === "random" && <NumberField label="Seed" value={traffic.seed} min={0} max={2 ** 31 - 1} disabled={disabled} onChange={(n) => set("seed", n)} />}
      <NumberField label="Turns per session" value={traffic.sessionTurns} min={1} max={L.maxSessionTurns} disabled={disabled} onChange={(n) => set("sessionTurns", n)} />
      {traffic.sessionTurns > 1 && <NumberField label="Seconds between turns" value={traffic.turnGapSeconds} min={0} max={L.maxTurnGapSeconds} disabled={disabled} onChange={(n) => set("turnGapSeconds", n)} />}

      <fieldset className="mt-1 flex flex-col gap-1.5" disabled={disabled}>
        <legend className="text-xs font-semibold tracking-wide text-fg-subtle uppercase">What-if</legend>
        {WHAT_IF_SLOTS.map((slot, i) => (
          <label key={slot} className="flex items-center justify-between gap-2">
            <span>Variant {slot}</span>
            <select
              aria-label={`What-if ${slot}`}
              value={whatIf[i] ?? ""}
              onChange={(e) => {
                const next = [...whatIf];
                next[i] = e.target.value === "" ? null : (e.target.value as WhatIfChoice);
                onWhatIf(next);
              }}
              className={cn(controlClass, "h-8 max-w-48")}
            >
              {i > 0 && <option value="">None</option>}
              {CHANGES.map((c) => (
                <option key={c} value={c}>
                  This experiment, {WHAT_IF_LABELS[c]}
                </option>
              ))}
              {otherExperiments.map((x) => (
                <option key={x.id} value={`experiment:${x.id}`}>
                  {x.name}
                </option>
              ))}
            </select>
          </label>
        ))}
      </fieldset>
      <p className={cn("max-w-72 text-xs", summary.problem ? "text-danger-text" : "text-fg-subtle")} data-testid="traffic-plan">
        {summary.problem ??
          `${fmt(summary.runs)} runs: ${fmt(summary.requests)} requests (${fmt(summary.sessions)} ${traffic.sessionTurns > 1 ? "sessions" : "arrivals"}) × ${Math.max(1, variants)} variant${variants === 1 ? "" : "s"}, each in a cold cache of its own, on the emulator's clock.`}
      </p>
    </div>
  );
}
