"use client";
import type { BreakpointAnalysis } from "@/lib/cache/analysis";
import { useExperimentActions } from "@/lib/store";
import { cn } from "@/components/ui/cn";
import { describeBreakpoint, formatTokens, statusWord } from "./format";
import { TokenMeter } from "./token-meter";

function BreakpointItem({ b, editorPath }: { b: BreakpointAnalysis; editorPath: string | undefined }) {
  const { focusBlock } = useExperimentActions();
  const word = statusWord(b);
  const ttlNote = b.requestedTtl !== b.ttl ? `${b.ttl} (asked ${b.requestedTtl})` : b.ttl;
  return (
    <li data-status={b.status} data-can-cache={b.canCache} className="flex flex-col gap-1 py-2">
      <div className="flex flex-wrap items-center gap-2">
        <span
          className={cn(
            "rounded px-1.5 py-0.5 text-xs font-semibold uppercase",
            word === "kept" ? "bg-emerald-100 text-emerald-800" : "bg-red-100 text-red-800",
          )}
        >
          {word}
        </span>
        <span className="text-sm font-medium text-slate-800">{describeBreakpoint(b)}</span>
        <span className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">TTL {ttlNote}</span>
        {b.landedAt && editorPath ? (
          <button type="button" className="font-mono text-xs text-indigo-700 underline-offset-2 hover:underline" onClick={() => focusBlock(editorPath)}>
            → {b.landedAt.path}
          </button>
        ) : b.landedAt ? (
          <span className="font-mono text-xs text-slate-600">→ {b.landedAt.path}</span>
        ) : null}
      </div>
      <p className="text-xs text-slate-600">{b.reason}</p>
      {b.landedAt && b.status === "kept" ? (
        <>
          <TokenMeter value={b.prefixTokens} min={b.minTokens} label={`Prefix tokens at ${b.landedAt.path}`} />
          {!b.canCache ? (
            <p className="text-xs font-medium text-amber-800">
              Cannot cache: the prefix up to here is ≈{formatTokens(b.prefixTokens)} tokens, below the minimum of {formatTokens(b.minTokens)}. The request still succeeds, but nothing is written or read here.
            </p>
          ) : null}
          {b.blocksSincePrevious > 20 ? (
            <p className="text-xs text-amber-800">{b.blocksSincePrevious} blocks since the previous breakpoint: a later request that grows past 20 blocks will miss this entry.</p>
          ) : null}
        </>
      ) : null}
    </li>
  );
}

export function BreakpointsList({ breakpoints, paths }: { breakpoints: readonly BreakpointAnalysis[]; paths: Readonly<Record<string, string>> }) {
  const kept = breakpoints.filter((b) => b.status === "kept").length;
  return (
    <section role="region" aria-label="Breakpoints" className="flex flex-col gap-1">
      <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
        Breakpoints <span className="font-normal normal-case">({kept} of 4 slots used, {breakpoints.length} asked for)</span>
      </h3>
      {breakpoints.length === 0 ? (
        <p className="text-sm text-slate-600">No breakpoints asked for: turn on a cache setting or add a CachePoint.</p>
      ) : (
        <ol className="divide-y divide-slate-100">
          {breakpoints.map((b) => (
            <BreakpointItem key={b.id} b={b} editorPath={b.landedAt ? paths[b.landedAt.path] : undefined} />
          ))}
        </ol>
      )}
    </section>
  );
}
