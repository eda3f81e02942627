"use client";
// What one run did and why, shared by the history table and the phone's cards: the explanation
// (lib/runs/explain) with a link to the block a miss names, and the run's details on request.
import { useState } from "react";
import { errorSentence } from "@/lib/cache/error-codes";
import { type DocumentPath, documentPathLabel } from "@/lib/cache/paths";
import type { DiagnosisView } from "@/lib/runs/diagnosis";
import { type RunExplanation, describeEffect, isWorthALine } from "@/lib/runs/explain";
import type { RunRecord } from "@/lib/runs/types";
import { Button } from "@/components/ui/button";
import { Disclosure } from "@/components/ui/disclosure";
import { formatTokens, formatUsd } from "@/lib/display/format";

/**
 * A run's details, drawn once they are opened: a closed row carries only its summary, so the history
 * mounts half as many elements per row while a long history scrolls past (issue 12 item 3).
 */
export function RunDetails({ run }: { run: RunRecord }) {
  const [open, setOpen] = useState(false);
  return (
    <Disclosure summary="Details" className="text-fg-muted" onToggle={(e) => setOpen(e.currentTarget.open)}>
      {open && <DetailsList run={run} />}
    </Disclosure>
  );
}

function DetailsList({ run }: { run: RunRecord }) {
  return (
    <dl className="mt-1 grid grid-cols-[auto_minmax(0,1fr)] gap-x-2 [overflow-wrap:anywhere]">
      <dt>Provider</dt>
      <dd>
        {run.label} ({run.transport}, {run.modelId})
      </dd>
      <dt>Request id</dt>
      <dd className="font-mono">{run.requestId ?? "—"}</dd>
      <dt>Started</dt>
      <dd>
        {new Date(run.startedAt).toISOString()}
        {run.transport === "emulated" ? " (emulator clock)" : ""}
      </dd>
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
  );
}

function Explanation({ explanation, onFocusBlock }: { explanation: RunExplanation; onFocusBlock: (path: DocumentPath) => void }) {
  const effects = explanation.effects.filter(isWorthALine);
  return (
    <div className="space-y-1">
      <p>{explanation.summary}</p>
      {explanation.causeText && (
        <p className="text-fg-muted" data-cause={explanation.cause?.kind}>
          {explanation.causeText}{" "}
          {explanation.blockPath && (
            <Button variant="link" size="sm" className="text-sm" onClick={() => onFocusBlock(explanation.blockPath!)} aria-label={`Select ${documentPathLabel(explanation.blockPath)} in the editor`}>
              Select block
            </Button>
          )}
        </p>
      )}
      {effects.length > 0 && (
        <ul className="font-mono text-xs text-fg-muted">
          {effects.map((e, i) => (
            <li key={i} data-breakpoint={e.breakpoint}>
              {describeEffect(e)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The "Why" of one run: long explanations wrap (paths break anywhere), details expand in place. */
export function RunWhy({
  run,
  explanation,
  diagnosis,
  onFocusBlock,
}: {
  run: RunRecord;
  explanation: RunExplanation | undefined;
  diagnosis?: DiagnosisView;
  onFocusBlock: (path: DocumentPath) => void;
}) {
  return (
    <div className="min-w-0 space-y-1 [overflow-wrap:anywhere]">
      {run.parallel && <p className="text-xs text-fg-muted">Sent in parallel (fan-out).</p>}
      {run.status === "failed" ? (
        <p className="text-danger-text" data-error-code={run.error?.code}>
          Failed: {errorSentence(run.error?.code ?? "provider:unexpected")} {run.error?.message}
        </p>
      ) : explanation ? (
        <Explanation explanation={explanation} onFocusBlock={onFocusBlock} />
      ) : null}
      {diagnosis && (
        <p className="text-xs" data-official-reason={diagnosis.reason ?? "none"} data-agrees={diagnosis.disagreement ? "false" : diagnosis.expected !== undefined ? "true" : undefined}>
          <span className="text-fg-muted">{diagnosis.text}</span>
          {diagnosis.disagreement && <span className="font-medium text-warn-text"> {diagnosis.disagreement}</span>}
        </p>
      )}
      <RunDetails run={run} />
    </div>
  );
}
