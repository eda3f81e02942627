"use client";
// The run history: one row per run, virtualised (issue 12 item 3) so a history of 100,000 runs renders
// only the rows in view, and explains only those. On a wide screen a table whose columns all fit (no
// sideways scrolling; the "Why" column takes the rest and wraps); on a phone a list of cards. Both
// render the window through one row component per layout; rows are measured as they render, so a
// long "Why" never overlaps the next row. The view follows the newest run until a person scrolls up.
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode, type UIEvent } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { DocumentPath } from "@/lib/cache/paths";
import type { DiagnosisView } from "@/lib/runs/diagnosis";
import type { RunExplanation } from "@/lib/runs/explain";
import { historyRowAt } from "@/lib/runs/history-row";
import type { RunRecord } from "@/lib/runs/types";
import { cacheWrite } from "@/lib/runs/types";
import { cn } from "@/components/ui/cn";
import { Table, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import { useMediaQuery } from "@/components/ui/use-media-query";
import { formatTokens, formatUsd } from "@/lib/display/format";
import { RunWhy } from "./run-why";
import { useTypicalRowSize } from "./use-typical-row-size";

/** Up to this many runs every row is rendered; past it, the rows in view and a few around them. */
export const RENDER_ALL_UP_TO = 200;
const OVERSCAN = 5;
/** Until the first rows are measured (use-typical-row-size.ts): a hit with its diagnosis line, at 1440 px. */
const ROW_ESTIMATE = 92;
const CARD_ESTIMATE = 200;
const NEVER = () => false;
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

type Measured = { index: number; measure: (node: Element | null) => void };

const HistoryRow = memo(function HistoryRow({ run, explanation, diagnosis, showVariant, onFocusBlock, index, measure }: RowProps & Measured) {
  const u = run.usage;
  return (
    <TableRow
      ref={measure}
      data-index={index}
      tone={run.status === "failed" ? "danger" : "default"}
      data-run={run.number}
      data-status={run.status}
      data-outcome={explanation?.outcome}
      data-parallel={run.parallel ? "true" : undefined}
    >
      <TableCell className="font-medium">{run.number}</TableCell>
      <TableCell align="right">{u ? formatTokens(u.cacheRead) : "—"}</TableCell>
      <TableCell align="right" title={u ? `5m: ${formatTokens(u.cacheWrite5m)}, 1h: ${formatTokens(u.cacheWrite1h)}` : undefined}>
        {u ? formatTokens(cacheWrite(u)) : "—"}
      </TableCell>
      <TableCell align="right">{u ? formatTokens(u.uncachedInput) : "—"}</TableCell>
      <TableCell align="right">{u ? formatTokens(u.output) : "—"}</TableCell>
      <TableCell align="right" title={run.costWithoutCache !== null ? `without caching: ${formatUsd(run.costWithoutCache)}` : undefined}>
        {formatUsd(run.cost)}
      </TableCell>
      {showVariant && <TableCell title={run.label}>{run.variant}</TableCell>}
      <TableCell align="right" title={run.latency ? `time to first token ${run.latency.ttftMs} ms${run.latency.modelled ? " (modelled)" : ""}` : undefined}>
        {run.latency ? `${formatTokens(run.latency.totalMs)} ms` : "—"}
      </TableCell>
      <TableCell>
        <RunWhy run={run} explanation={explanation} diagnosis={diagnosis} onFocusBlock={onFocusBlock} />
      </TableCell>
    </TableRow>
  );
});

/** A spacer row standing for the rows above or below the window (not a run: tests and readers skip it); no rule, no padding, so it is exactly `height` tall. */
function Spacer({ height, columns }: { height: number; columns: number }) {
  if (height <= 0) return null;
  return (
    <TableRow aria-hidden="true" data-spacer="" className="border-0">
      <TableCell colSpan={columns} className="p-0" style={{ height }} />
    </TableRow>
  );
}

function HistoryTable({ rows, showVariant, before, after }: { rows: ReactNode; showVariant: boolean; before: number; after: number }) {
  const columns = showVariant ? 9 : 8;
  return (
    <Table fixed>
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
      <TableHead sticky>
        <TableRow align="bottom">
          <TableHeaderCell scope="col">Run</TableHeaderCell>
          <TableHeaderCell scope="col" align="right">Cache read</TableHeaderCell>
          <TableHeaderCell scope="col" align="right">Cache write</TableHeaderCell>
          <TableHeaderCell scope="col" align="right">Uncached input</TableHeaderCell>
          <TableHeaderCell scope="col" align="right">Output</TableHeaderCell>
          <TableHeaderCell scope="col" align="right">Cost</TableHeaderCell>
          {showVariant && <TableHeaderCell scope="col">Variant</TableHeaderCell>}
          <TableHeaderCell scope="col" align="right">Latency</TableHeaderCell>
          <TableHeaderCell scope="col">Why</TableHeaderCell>
        </TableRow>
      </TableHead>
      <tbody>
        <Spacer height={before} columns={columns} />
        {rows}
        <Spacer height={after} columns={columns} />
      </tbody>
    </Table>
  );
}

const RunCard = memo(function RunCard({ run, explanation, diagnosis, showVariant, onFocusBlock, index, measure }: RowProps & Measured) {
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
      ref={measure}
      data-index={index}
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
  onFocusBlock,
  comparing = false,
}: {
  runs: readonly RunRecord[];
  onFocusBlock: (path: DocumentPath) => void;
  /** A comparison is set up: the Variant column shows even before B's first run. */
  comparing?: boolean;
}) {
  const wide = useMediaQuery(TABLE_QUERY, true);
  const scroller = useRef<HTMLDivElement>(null);
  const { estimate, measure } = useTypicalRowSize(wide ? "table" : "cards", wide ? ROW_ESTIMATE : CARD_ESTIMATE);
  const estimateSize = useCallback(() => estimate, [estimate]);
  // One key function per history and estimate: the virtualizer lays every row out again (all 100,000)
  // whenever it changes, which is how a newly learned estimate reaches the rows not yet on screen.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the estimate is a dependency on purpose, said above
  const getItemKey = useCallback((i: number) => runs[i]?.id ?? i, [runs, estimate]);
  const showVariant = useMemo(() => comparing || runs.some((r) => r.variant !== "A"), [comparing, runs]);
  // The virtualizer is read afresh on every render and never handed to a memoised child.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: runs.length,
    getScrollElement: () => scroller.current,
    estimateSize,
    measureElement: measure,
    overscan: runs.length <= RENDER_ALL_UP_TO ? RENDER_ALL_UP_TO : OVERSCAN,
    getItemKey,
  });
  // Follow the newest run (as the last page used to) until a person scrolls away from the end; again
  // after a new estimate has moved the end.
  const [following, setFollowing] = useState(true);
  useEffect(() => {
    if (following && runs.length > 0) virtualizer.scrollToIndex(runs.length - 1, { align: "end" });
  }, [following, runs.length, virtualizer, estimate]);
  const onScroll = useCallback((e: UIEvent<HTMLDivElement>) => {
    const el = e.currentTarget;
    setFollowing(el.scrollHeight - el.scrollTop - el.clientHeight < 48);
  }, []);

  const items = virtualizer.getVirtualItems();
  // When a row first measured above the view is taller or shorter than its estimate, the virtualizer
  // moves the view by the difference, so the rows that were on screen stay put (scrolling up row by
  // row). After a jump (a dragged scrollbar thumb, Home, End) no row that was on screen is on screen
  // now: there is nothing to keep in place, and each of those corrections would lay out every row of
  // the history again (100,000 of them, once per row of the window). So a jump corrects nothing.
  const shown = useRef<{ first: number; last: number } | null>(null);
  const first = items[0]?.index;
  const last = items.at(-1)?.index;
  useLayoutEffect(() => {
    const before = shown.current;
    const jumped = before !== null && first !== undefined && (last! < before.first || first > before.last);
    virtualizer.shouldAdjustScrollPositionOnItemSizeChange = jumped ? NEVER : undefined;
    shown.current = first === undefined ? null : { first, last: last! };
  }, [virtualizer, first, last]);
  const total = virtualizer.getTotalSize();
  const before = items[0]?.start ?? 0;
  const after = items.length ? total - items[items.length - 1]!.end : 0;
  // Only the rows in view are explained: the rest of a long history costs nothing here.
  const rows = items.map((item) => {
    const run = runs[item.index]!;
    const { explanation, diagnosis } = historyRowAt(runs, item.index);
    const props = { run, explanation, ...(diagnosis ? { diagnosis } : {}), showVariant, onFocusBlock, index: item.index, measure: virtualizer.measureElement };
    return wide ? <HistoryRow key={run.id} {...props} /> : <RunCard key={run.id} {...props} />;
  });

  if (runs.length === 0) return wide ? <HistoryTable rows={null} showVariant={false} before={0} after={0} /> : null;
  return (
    <div ref={scroller} onScroll={onScroll} tabIndex={0} role="group" aria-label="Runs, newest last" data-history-scroller="" className="max-h-[36rem] overflow-auto rounded-md border border-line">
      {wide ? (
        <HistoryTable rows={rows} showVariant={showVariant} before={before} after={after} />
      ) : (
        <ol aria-label="Runs" className="flex flex-col gap-2 p-2" style={{ paddingTop: before + 8, paddingBottom: after + 8 }}>
          {rows}
        </ol>
      )}
    </div>
  );
}
