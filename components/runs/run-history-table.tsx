"use client";
// The run history table: one row per run, paginated so 10,000 runs render as one page of rows. Each
// row explains itself (lib/runs/explain) and links the block a miss names to the editor.
import { useMemo, useState } from "react";
import type { RunExplanation } from "@/lib/runs/explain";
import type { RunRecord } from "@/lib/runs/types";
import { cacheWrite } from "@/lib/runs/types";
import { formatTokens, formatUsd } from "./run-labels";

export const PAGE_SIZE = 50;

function RunDetails({ run }: { run: RunRecord }) {
  return (
    <details className="text-xs text-slate-500">
      <summary className="cursor-pointer">Details</summary>
      <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-2">
        <dt>Provider</dt>
        <dd>
          {run.label} ({run.transport}, {run.modelId})
        </dd>
        <dt>Request id</dt>
        <dd className="font-mono">{run.requestId ?? "—"}</dd>
        <dt>Started</dt>
        <dd>{new Date(run.startedAt).toISOString()}{run.transport === "emulated" ? " (emulator clock)" : ""}</dd>
        {run.latency && (
          <>
            <dt>Latency</dt>
            <dd>
              {formatTokens(run.latency.ttftMs)} ms to first token, {formatTokens(run.latency.totalMs)} ms in all{run.latency.modelled ? " (modelled)" : ""}
            </dd>
          </>
        )}
        {run.costWithoutCache !== null && (
          <>
            <dt>Without caching</dt>
            <dd>{formatUsd(run.costWithoutCache)}</dd>
          </>
        )}
        {run.responseText && (
          <>
            <dt>Reply</dt>
            <dd className="whitespace-pre-wrap">{run.responseText.length > 400 ? `${run.responseText.slice(0, 400)}…` : run.responseText}</dd>
          </>
        )}
      </dl>
    </details>
  );
}

function WhyCell({ explanation, onFocusBlock }: { explanation: RunExplanation; onFocusBlock: (path: string) => void }) {
  const effects = explanation.effects.filter((e) => e.action === "read" || e.action === "write" || e.action === "not-sent");
  return (
    <div className="min-w-64 space-y-1">
      <p>{explanation.summary}</p>
      {explanation.causeText && (
        <p className="text-slate-600" data-cause={explanation.cause?.kind}>
          {explanation.causeText}{" "}
          {explanation.blockPath && (
            <button
              type="button"
              className="text-blue-700 underline underline-offset-2 hover:text-blue-900"
              onClick={() => onFocusBlock(explanation.blockPath!)}
              aria-label={`Select ${explanation.blockPath} in the editor`}
            >
              Select block
            </button>
          )}
        </p>
      )}
      {effects.length > 0 && (
        <ul className="text-xs text-slate-500">
          {effects.map((e, i) => (
            <li key={i}>
              {e.path} ({e.ttl}): {e.action === "read" ? `read ${formatTokens(e.tokens)}` : e.action === "write" ? `wrote ${formatTokens(e.tokens)}` : "not sent (limit)"}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function RunHistoryTable({
  runs,
  explanations,
  onFocusBlock,
}: {
  runs: readonly RunRecord[];
  explanations: readonly RunExplanation[];
  onFocusBlock: (path: string) => void;
}) {
  const pages = Math.max(1, Math.ceil(runs.length / PAGE_SIZE));
  // null follows the newest page as runs arrive; a number pins the page a person chose.
  const [chosen, setChosen] = useState<number | null>(null);
  const page = chosen === null ? pages - 1 : Math.min(chosen, pages - 1);
  const first = page * PAGE_SIZE;
  const slice = useMemo(() => runs.slice(first, first + PAGE_SIZE), [runs, first]);
  const showVariant = useMemo(() => runs.some((r) => r.variant === "B"), [runs]);

  return (
    <div className="space-y-2">
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-left text-sm">
          <caption className="sr-only">One row per run; token counts as the provider reported them (≈ estimates for the emulator).</caption>
          <thead>
            <tr className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
              <th scope="col" className="px-2 py-1">Run</th>
              <th scope="col" className="px-2 py-1 text-right">Cache read</th>
              <th scope="col" className="px-2 py-1 text-right">Cache write</th>
              <th scope="col" className="px-2 py-1 text-right">Uncached input</th>
              <th scope="col" className="px-2 py-1 text-right">Output</th>
              <th scope="col" className="px-2 py-1 text-right">Cost</th>
              {showVariant && <th scope="col" className="px-2 py-1">Variant</th>}
              <th scope="col" className="px-2 py-1 text-right">Latency</th>
              <th scope="col" className="px-2 py-1">Why</th>
            </tr>
          </thead>
          <tbody>
            {slice.map((run, i) => {
              const explanation = explanations[first + i];
              const u = run.usage;
              return (
                <tr
                  key={run.id}
                  className={`border-b border-slate-100 align-top ${run.status === "failed" ? "bg-red-50" : ""}`}
                  data-run={run.number}
                  data-status={run.status}
                  data-outcome={explanation?.outcome}
                  data-parallel={run.parallel ? "true" : undefined}
                >
                  <td className="px-2 py-1 font-medium">{run.number}</td>
                  <td className="px-2 py-1 text-right tabular-nums">{u ? formatTokens(u.cacheRead) : "—"}</td>
                  <td className="px-2 py-1 text-right tabular-nums" title={u ? `5m: ${formatTokens(u.cacheWrite5m)}, 1h: ${formatTokens(u.cacheWrite1h)}` : undefined}>
                    {u ? formatTokens(cacheWrite(u)) : "—"}
                  </td>
                  <td className="px-2 py-1 text-right tabular-nums">{u ? formatTokens(u.uncachedInput) : "—"}</td>
                  <td className="px-2 py-1 text-right tabular-nums">{u ? formatTokens(u.output) : "—"}</td>
                  <td className="px-2 py-1 text-right tabular-nums" title={run.costWithoutCache !== null ? `without caching: ${formatUsd(run.costWithoutCache)}` : undefined}>
                    {formatUsd(run.cost)}
                  </td>
                  {showVariant && <td className="px-2 py-1" title={run.label}>{run.variant}</td>}
                  <td className="px-2 py-1 text-right tabular-nums" title={run.latency ? `time to first token ${run.latency.ttftMs} ms${run.latency.modelled ? " (modelled)" : ""}` : undefined}>
                    {run.latency ? `${formatTokens(run.latency.totalMs)} ms` : "—"}
                  </td>
                  <td className="px-2 py-1">
                    {run.parallel && <p className="text-xs text-slate-500">Sent in parallel (fan-out).</p>}
                    {run.status === "failed" ? (
                      <p className="text-red-700">
                        Failed ({run.error?.code}): {run.error?.message}
                      </p>
                    ) : explanation ? (
                      <WhyCell explanation={explanation} onFocusBlock={onFocusBlock} />
                    ) : null}
                    <RunDetails run={run} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <nav aria-label="History pages" className="flex items-center gap-2 text-sm">
          <button type="button" className="rounded border px-2 py-0.5 disabled:opacity-40" disabled={page === 0} onClick={() => setChosen(page - 1)}>
            Previous page
          </button>
          <span>
            Page {page + 1} of {pages} ({formatTokens(runs.length)} in all)
          </span>
          <button type="button" className="rounded border px-2 py-0.5 disabled:opacity-40" disabled={page >= pages - 1} onClick={() => setChosen(page + 1 >= pages - 1 ? null : page + 1)}>
            Next page
          </button>
        </nav>
      )}
    </div>
  );
}
