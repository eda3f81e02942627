"use client";
// Compare across vendors (issue 13 item 3): the active experiment as one run series (the Runs, Gap and mode
// set above) or one traffic simulation (the traffic set above) on up to four targets at once, each in its
// own cache; one chart of reads, writes, uncached input and cost per run; each target's total against no
// caching with the source and date of the prices it used; for traffic, the per-target report with the
// cheapest named; and each target's exact request body a click away.
import { useMemo, useState } from "react";
import dynamic from "next/dynamic";
import { findModel } from "@/lib/cache/catalog";
import type { Experiment } from "@/lib/cache/experiment-schema";
import type { Transport } from "@/lib/runs/types";
import { selectActiveExperiment, useActiveExperimentId, useActiveExperimentSelector, useExperimentStoreApi } from "@/lib/store";
import { type CompareSeriesOptions, type CompareTarget, COMPARE_TARGET_IDS, MAX_COMPARE_TARGETS, checkCompareOptions, compareTotals, targetLabel, targetModels, targetPriceSource } from "@/lib/vendors/compare";
import { comparisonToCsv, comparisonToJson } from "@/lib/vendors/compare-export";
import { compareTrafficReport } from "@/lib/vendors/compare-traffic";
import { GEMINI, OPENAI, findGeminiModel } from "@/lib/vendors/catalog";
import type { TargetId } from "@/lib/vendors/targets";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { SelectField } from "@/components/ui/field";
import { ScrollArea } from "@/components/ui/scroll-area";
import { SubHeading } from "@/components/ui/section";
import { Table, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import { formatTokens, formatUsd } from "@/lib/display/format";
import { download } from "./download";
import { useVendorCompare } from "./use-vendor-compare";
import { SourceText } from "@/components/vendors/target-notes";
import { RequestBodyDialog } from "./vendor-request-dialog";
import { VendorCompareTraffic } from "./vendor-compare-traffic";
import { CostTotal, RunCount } from "./run-totals";
import { LoadingFrame } from "@/components/ui/loading-frame";

// The chart carries the chart library: loaded when first needed (a comparison runs or has run, or the runs
// panel nears the viewport: `chartWanted`; issue 12 item 4), a frame of the same height standing in until then.
function ChartPlaceholder() {
  return <LoadingFrame className="h-80">Loading the chart…</LoadingFrame>;
}
const VendorCompareChart = dynamic(() => import("./vendor-compare-chart").then((m) => m.VendorCompareChart), { ssr: false, loading: ChartPlaceholder });

interface Slot {
  target: TargetId | "";
  /** "" = the experiment's model (Claude targets) or the target's default (OpenAI). */
  model: string;
}

/** The issue's own example: Claude API, OpenAI GPT-5.6, Bedrock Converse with Claude and with Nova. */
const DEFAULT_SLOTS: Slot[] = [
  { target: "anthropic", model: "" },
  { target: "openai", model: "" },
  { target: "bedrock-converse", model: "" },
  { target: "bedrock-converse", model: "nova-pro" },
];

function modelName(target: TargetId, model: string | undefined, experimentModel: string): string {
  if (target === "openai") {
    const id = model ?? (OPENAI.models.some((m) => m.id === experimentModel) ? experimentModel : OPENAI.defaultModel);
    return OPENAI.models.find((m) => m.id === id)?.displayName ?? id;
  }
  if (target === "gemini") {
    const id = model ?? (findGeminiModel(experimentModel) ? experimentModel : GEMINI.defaultModel);
    return findGeminiModel(id)?.displayName ?? id;
  }
  const id = model ?? experimentModel;
  return targetModels(target).find((m) => m.id === id)?.label ?? findModel(id)?.displayName ?? id;
}

const toTargets = (slots: readonly Slot[]): CompareTarget[] => slots.flatMap((s) => (s.target ? [{ target: s.target, ...(s.model ? { model: s.model } : {}) }] : []));

export function VendorCompare({ options, transport: chosenTransport, chartWanted }: { options: CompareSeriesOptions; transport: Transport; chartWanted: boolean }) {
  // Simulated traffic runs on the emulator's clock only, as the runs panel's own simulation does.
  const transport: Transport = options.mode === "traffic" ? "emulated" : chosenTransport;
  const storeApi = useExperimentStoreApi();
  const experimentModel = useActiveExperimentSelector((e) => e.model);
  const overrides = useActiveExperimentSelector((e) => e.overrides);
  const experimentId = useActiveExperimentId();
  const compare = useVendorCompare(experimentId);
  const chartNeeded = compare.runs.length > 0 || compare.running || chartWanted;
  const [slots, setSlots] = useState<Slot[]>(DEFAULT_SLOTS);
  const [shown, setShown] = useState<{ index: number; experiment: Experiment } | null>(null);

  // While a comparison is on screen its own targets label the chart; otherwise the chosen ones.
  const chosen = useMemo(() => toTargets(slots), [slots]);
  const targets = compare.targets.length > 0 ? compare.targets : chosen;
  const labels = useMemo(() => targets.map((t) => `${targetLabel(t.target)} · ${modelName(t.target, t.model, experimentModel)}`), [targets, experimentModel]);
  const totals = useMemo(() => compareTotals(compare.runs, targets), [compare.runs, targets]);
  const sum = totals.reduce((a, t) => ({ cost: a.cost + t.cost, without: a.without + t.costWithoutCache }), { cost: 0, without: 0 });

  const modeCheck = useMemo(() => checkCompareOptions({ mode: options.mode, ...(options.traffic ? { traffic: options.traffic } : {}) }, Math.max(1, chosen.length)), [options.mode, options.traffic, chosen.length]);
  const trafficReport = useMemo(() => compareTrafficReport(compare.runs, targets, labels), [compare.runs, targets, labels]);
  // Each target's failed runs, with the first reason given: a live run without the vendor's key says which to set.
  const failures = targets.flatMap((_, index) => {
    const failed = compare.runs.filter((r) => r.index === index && r.status === "failed");
    return failed.length > 0 ? [{ index, count: failed.length, message: failed[0]!.error?.message ?? "No usage came back." }] : [];
  });
  const setSlot = (i: number, patch: Partial<Slot>) => setSlots((all) => all.map((s, j) => (j === i ? { ...s, ...patch } : s)));

  return (
    <section aria-labelledby="vendor-compare-heading" className="flex flex-col gap-3 rounded-lg border border-line p-3">
      <div className="flex flex-wrap items-baseline gap-2">
        <h3 id="vendor-compare-heading" className="font-semibold">
          Compare across vendors
        </h3>
        <span className="text-xs text-fg-muted">
          The series set above (mode, runs, gap, or the simulated traffic) on up to {MAX_COMPARE_TARGETS} targets, each in a cache of its own that starts cold. {transport === "emulated" ? "Emulated: no key needed." : "Live: each vendor bills its runs."}
        </span>
      </div>

      <fieldset className="grid gap-2 @2xl:grid-cols-2" disabled={compare.running}>
        <legend className="sr-only">Targets</legend>
        {slots.map((slot, i) => {
          const models = slot.target ? targetModels(slot.target) : [];
          return (
            <div key={i} className="flex flex-wrap items-end gap-2">
              <SelectField
                label={`Target ${i + 1}`}
                value={slot.target}
                onChange={(e) => setSlot(i, { target: e.target.value as TargetId | "", model: "" })}
              >
                <option value="">{i === 0 ? "Choose a target" : "No target"}</option>
                {COMPARE_TARGET_IDS.map((id) => (
                  <option key={id} value={id}>
                    {targetLabel(id)}
                  </option>
                ))}
              </SelectField>
              {slot.target && (
                <SelectField label={`Model on target ${i + 1}`} value={slot.model} onChange={(e) => setSlot(i, { model: e.target.value })}>
                  <option value="">{`Default (${modelName(slot.target, undefined, experimentModel)})`}</option>
                  {models.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.label}
                    </option>
                  ))}
                </SelectField>
              )}
            </div>
          );
        })}
      </fieldset>

      <div className="flex flex-wrap items-center gap-2">
        <Button
          variant="primary"
          disabled={compare.running || chosen.length === 0 || !modeCheck.ok}
          onClick={() => void compare.start({ experiment: selectActiveExperiment(storeApi.getState()), targets: chosen, options, transport })}
        >
          Start comparison
        </Button>
        <Button disabled={!compare.running} onClick={compare.cancel}>
          Stop comparison
        </Button>
        <Button size="sm" disabled={compare.running || compare.runs.length === 0} onClick={() => download(`cachelab-compare-${experimentId}.csv`, "text/csv", comparisonToCsv(compare.runs, targets, labels))}>
          Export comparison CSV
        </Button>
        <Button size="sm" disabled={compare.running || compare.runs.length === 0} onClick={() => download(`cachelab-compare-${experimentId}.json`, "application/json", comparisonToJson(compare.runs, targets, labels, experimentId, new Date()))}>
          Export comparison JSON
        </Button>
        <div aria-live="polite" className="text-sm">
          {compare.running ? (
            <span className="flex items-center gap-2">
              <progress aria-label="Comparison progress" max={Math.max(1, compare.total)} value={compare.done} className="h-2 w-32 accent-(--accent)" />
              {compare.done} of {compare.total} runs
            </span>
          ) : !modeCheck.ok ? (
            <span>{modeCheck.error.message}</span>
          ) : (
            compare.status && <span data-testid="vendor-compare-status">{compare.status}</span>
          )}
        </div>
      </div>

      {compare.notice && (
        <Callout tone="warn" className="p-2" data-testid="vendor-compare-notice">
          {compare.notice}
        </Callout>
      )}

      {chartNeeded ? <VendorCompareChart runs={compare.runs} targets={targets} labels={labels} /> : <ChartPlaceholder />}

      {trafficReport && <VendorCompareTraffic report={trafficReport} />}

      {failures.length > 0 && (
        <Callout tone="danger" className="p-2" data-testid="vendor-compare-failures">
          <ul className="space-y-1">
            {failures.map((f) => (
              <li key={f.index}>
                {labels[f.index]}: {f.count} run{f.count === 1 ? "" : "s"} failed. {f.message}
              </li>
            ))}
          </ul>
        </Callout>
      )}

      <ScrollArea label="Totals per target">
        <Table flush>
          <caption className="text-left">
            <SubHeading>Total against no caching</SubHeading>
          </caption>
          <TableHead>
            <TableRow>
              <TableHeaderCell scope="col">Target</TableHeaderCell>
              <TableHeaderCell scope="col" align="right">Runs</TableHeaderCell>
              <TableHeaderCell scope="col" align="right">Read</TableHeaderCell>
              <TableHeaderCell scope="col" align="right">Written</TableHeaderCell>
              <TableHeaderCell scope="col" align="right">Uncached</TableHeaderCell>
              <TableHeaderCell scope="col" align="right">Cost</TableHeaderCell>
              <TableHeaderCell scope="col" align="right">Without caching</TableHeaderCell>
              <TableHeaderCell scope="col" align="right">Saved</TableHeaderCell>
              <TableHeaderCell scope="col">Sent</TableHeaderCell>
            </TableRow>
          </TableHead>
          <tbody>
            {targets.map((t, i) => {
              const total = totals[i]!;
              const source = targetPriceSource({ model: experimentModel, ...(overrides ? { overrides } : {}) }, t.target, t.model);
              return (
                <TableRow key={i} data-testid="vendor-compare-total" data-target={t.target}>
                  <TableHeaderCell scope="row" className="min-w-56 font-medium">
                    {labels[i]}
                    <span className="block font-normal">
                      <SourceText {...source} />
                    </span>
                  </TableHeaderCell>
                  <TableCell align="right">
                    <RunCount runs={total.runs} failed={total.failed} />
                  </TableCell>
                  <TableCell align="right">{formatTokens(total.read)}</TableCell>
                  <TableCell align="right">{formatTokens(total.write)}</TableCell>
                  <TableCell align="right">{formatTokens(total.uncached)}</TableCell>
                  <TableCell align="right">
                    <CostTotal cost={total.cost} unknown={total.costUnknown} />
                  </TableCell>
                  <TableCell align="right">{formatUsd(total.costWithoutCache)}</TableCell>
                  <TableCell align="right">{formatUsd(total.saving)}</TableCell>
                  <TableCell>
                    <Button size="sm" onClick={() => setShown({ index: i, experiment: compare.sent[i] ?? selectActiveExperiment(storeApi.getState()) })}>
                      Request body, {labels[i]}
                    </Button>
                  </TableCell>
                </TableRow>
              );
            })}
          </tbody>
          {compare.runs.length > 0 && (
            <tfoot className="border-t-2 border-line-strong">
              <TableRow tone="total" className="border-b-0">
                <TableHeaderCell scope="row" className="font-medium">All targets</TableHeaderCell>
                <TableCell colSpan={4} />
                <TableCell align="right">{formatUsd(sum.cost)}</TableCell>
                <TableCell align="right">{formatUsd(sum.without)}</TableCell>
                <TableCell align="right">{formatUsd(sum.without - sum.cost)}</TableCell>
                <TableCell />
              </TableRow>
            </tfoot>
          )}
        </Table>
      </ScrollArea>

      {shown && targets[shown.index] && <RequestBodyDialog experiment={shown.experiment} target={targets[shown.index]!} label={labels[shown.index]!} onClose={() => setShown(null)} />}
    </section>
  );
}
