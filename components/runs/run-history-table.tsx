"use client";
// The run history: one row per run, paginated so 10,000 runs render as one page. On a wide screen a
// table whose columns all fit (no sideways scrolling; the "Why" column takes the rest and wraps); on
// a phone a list of cards. Both render the page's slice through one row component per layout, so a
// virtualised window can replace the page without touching the rows.
import { memo, useMemo, useState } from "react";
import type { DocumentPath } from "@/lib/cache/paths";
import { type DiagnosisView, diagnosisView } from "@/lib/runs/diagnosis";
import type { RunExplanation } from "@/lib/runs/explain";
import type { RunRecord } from "@/lib/runs/types";
import { cacheWrite } from "@/lib/runs/types";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { useMediaQuery } from "@/components/ui/use-media-query";
import { formatTokens, formatUsd } from "@/lib/display/format";
import { RunWhy } from "./run-why";

export const PAGE_SIZE = 50;
/** From this width the history is a table; below it, cards. */
export const TABLE_QUERY = "(min-width: 1024px)";

interface RowProps {
  run: RunRecord;
  explanation: RunExplanation | undefined;
  /** Anthropic's cache diagnostics for the run, beside the explanation (lib/runs/diagnosis.ts). */
  diagnosis?: DiagnosisView;
  showVariant: boolean;
  onFocusBlock: (path: DocumentPath) => void;
}

const OUTCOME_LABEL: Record<RunExplanation["outcome"], string> = { hit: "Cache hit", partial: "Partial hit", write: "Cache write", "no-cache": "No caching", failed: "Failed" };

const num = "px-2 py-1.5 text-right tabular-nums";

const TableRow = memo(function TableRow({ run, explanation, diagnosis, showVariant, onFocusBlock }: RowProps) {
  const u = run.usage;
  return (
    <tr
      className={cn("border-b border-line align-top", run.status === "failed" && "bg-danger-bg")}
      data-run={run.number}
      data-status={run.status}
      data-outcome={explanation?.outcome}
      data-parallel={run.parallel ? "true" : undefined}
    >
      <td className="px-2 py-1.5 font-medium tabular-nums">{run.number}</td>
      <td className={num}>{u ? formatTokens(u.cacheRead) : "—"}</td>
      <td className={num} title={u ? `5m: ${formatTokens(u.cacheWrite5m)}, 1h: ${formatTokens(u.cacheWrite1h)}` : undefined}>
        {u ? formatTokens(cacheWrite(u)) : "—"}
      </td>
      <td className={num}>{u ? formatTokens(u.uncachedInput) : "—"}</td>
      <td className={num}>{u ? formatTokens(u.output) : "—"}</td>
      <td className={num} title={run.costWithoutCache !== null ? `without caching: ${formatUsd(run.costWithoutCache)}` : undefined}>
        {formatUsd(run.cost)}
      </td>
      {showVariant && (
        <td className="px-2 py-1.5" title={run.label}>
          {run.variant}
        </td>
      )}
      <td className={num} title={run.latency ? `time to first token ${run.latency.ttftMs} ms${run.latency.modelled ? " (modelled)" : ""}` : undefined}>
        {run.latency ? `${formatTokens(run.latency.totalMs)} ms` : "—"}
      </td>
      <td className="px-2 py-1.5">
        <RunWhy run={run} explanation={explanation} diagnosis={diagnosis} onFocusBlock={onFocusBlock} />
      </td>
    </tr>
  );
});

function HistoryTable({ rows, showVariant, onFocusBlock }: { rows: RowProps[]; showVariant: boolean; onFocusBlock: (path: DocumentPath) => void }) {
  const head = "px-2 py-1.5 align-bottom font-medium";
  return (
    <table className="w-full table-fixed border-collapse text-left text-sm">
      <caption className="sr-only">One row per run; token counts as the provider reported them (≈ estimates for the emulator).</caption>
      <colgroup>
        <col className="w-14" />
        <col className="w-24" />
        <col className="w-24" />
        <col className="w-24" />
        <col className="w-20" />
        <col className="w-24" />
        {showVariant && <col className="w-18" />}
        <col className="w-24" />
        <col />
      </colgroup>
      <thead>
        <tr className="border-b border-line text-xs text-fg-muted">
          <th scope="col" className={head}>Run</th>
          <th scope="col" className={cn(head, "text-right")}>Cache read</th>
          <th scope="col" className={cn(head, "text-right")}>Cache write</th>
          <th scope="col" className={cn(head, "text-right")}>Uncached input</th>
          <th scope="col" className={cn(head, "text-right")}>Output</th>
          <th scope="col" className={cn(head, "text-right")}>Cost</th>
          {showVariant && <th scope="col" className={head}>Variant</th>}
          <th scope="col" className={cn(head, "text-right")}>Latency</th>
          <th scope="col" className={head}>Why</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <TableRow key={r.run.id} {...r} showVariant={showVariant} onFocusBlock={onFocusBlock} />
        ))}
      </tbody>
    </table>
  );
}

const RunCard = memo(function RunCard({ run, explanation, diagnosis, showVariant, onFocusBlock }: RowProps) {
  const u = run.usage;
  const facts: [string, string][] = [
    ["Cache read", u ? formatTokens(u.cacheRead) : "—"],
    ["Cache write", u ? formatTokens(cacheWrite(u)) : "—"],
    ["Uncached input", u ? formatTokens(u.uncachedInput) : "—"],
    ["Output", u ? formatTokens(u.output) : "—"],
    ["Cost", formatUsd(run.cost)],
    ["Latency", run.latency ? `${formatTokens(run.latency.totalMs)} ms` : "—"],
  ];
  return (
    <li
      data-run={run.number}
      data-status={run.status}
      data-outcome={explanation?.outcome}
      data-parallel={run.parallel ? "true" : undefined}
      className={cn("rounded-md border border-line p-3", run.status === "failed" && "border-danger-line bg-danger-bg")}
    >
      <article aria-label={`Run ${run.number}`} className="flex flex-col gap-2 text-sm">
        <header className="flex items-baseline justify-between gap-2">
          <h4 className="font-semibold">
            Run {run.number}
            {showVariant ? <span className="font-normal text-fg-muted"> · variant {run.variant}</span> : null}
          </h4>
          <span className={cn("text-xs font-medium", run.status === "failed" ? "text-danger-text" : "text-fg-muted")}>{explanation ? OUTCOME_LABEL[explanation.outcome] : run.status === "failed" ? "Failed" : ""}</span>
        </header>
        <dl className="grid grid-cols-3 gap-x-3 gap-y-1">
          {facts.map(([label, value]) => (
            <div key={label} className="min-w-0">
              <dt className="text-xs text-fg-muted">{label}</dt>
              <dd className="tabular-nums">{value}</dd>
            </div>
          ))}
        </dl>
        <RunWhy run={run} explanation={explanation} diagnosis={diagnosis} onFocusBlock={onFocusBlock} />
      </article>
    </li>
  );
});

export function RunHistoryTable({
  runs,
  explanations,
  onFocusBlock,
  comparing = false,
}: {
  runs: readonly RunRecord[];
  explanations: readonly RunExplanation[];
  onFocusBlock: (path: DocumentPath) => void;
  /** A comparison is set up: the Variant column shows even before B's first run. */
  comparing?: boolean;
}) {
  const wide = useMediaQuery(TABLE_QUERY, true);
  const pages = Math.max(1, Math.ceil(runs.length / PAGE_SIZE));
  // null follows the newest page as runs arrive; a number pins the page a person chose.
  const [chosen, setChosen] = useState<number | null>(null);
  const page = chosen === null ? pages - 1 : Math.min(chosen, pages - 1);
  const first = page * PAGE_SIZE;
  const showVariant = useMemo(() => comparing || runs.some((r) => r.variant === "B"), [comparing, runs]);
  // The run a diagnosis compared with is the one whose response id it named.
  const byMessageId = useMemo(() => new Map(runs.flatMap((r) => (r.messageId ? [[r.messageId, r] as const] : []))), [runs]);
  const rows = useMemo(
    () =>
      runs.slice(first, first + PAGE_SIZE).map((run, i) => ({
        run,
        explanation: explanations[first + i],
        ...(run.diagnosis ? { diagnosis: diagnosisView(run.diagnosis, byMessageId.get(run.diagnosis.previousMessageId), run) } : {}),
        showVariant,
        onFocusBlock,
      })),
    [runs, explanations, first, showVariant, onFocusBlock, byMessageId],
  );

  return (
    <div className="space-y-2">
      {wide ? (
        <HistoryTable rows={rows} showVariant={showVariant} onFocusBlock={onFocusBlock} />
      ) : runs.length > 0 ? (
        <ol aria-label="Runs" className="flex flex-col gap-2">
          {rows.map((r) => (
            <RunCard key={r.run.id} {...r} />
          ))}
        </ol>
      ) : null}
      {pages > 1 && (
        <nav aria-label="History pages" className="flex flex-wrap items-center gap-2 text-sm">
          <Button size="sm" disabled={page === 0} onClick={() => setChosen(page - 1)}>
            Previous page
          </Button>
          <span>
            Page {page + 1} of {pages} ({formatTokens(runs.length)} in all)
          </span>
          <Button size="sm" disabled={page >= pages - 1} onClick={() => setChosen(page + 1 >= pages - 1 ? null : page + 1)}>
            Next page
          </Button>
        </nav>
      )}
    </div>
  );
}
