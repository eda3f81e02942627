"use client";
import type { BreakpointAnalysis } from "@/lib/cache/analysis";
import { ESTIMATE_BAND, ESTIMATE_BAND_SENTENCE, minimumVerdict } from "@/lib/cache/tokens";
import { breakpointWord, originLabel, statusTone } from "@/lib/cache/breakpoint-words";
import { documentPathLabel, requestPathLabel } from "@/lib/cache/paths";
import { LOOKBACK_POSITIONS, MAX_BREAKPOINTS } from "@/lib/cache/rules";
import type { PrefixCount } from "@/lib/providers/count-tokens";
import { useExperimentActions } from "@/lib/store";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { SubHeading } from "@/components/ui/section";
import { formatPrefixAgainstMinimum } from "@/lib/display/format";
import { TokenMeter } from "./token-meter";
import type { ExactCounts } from "./use-exact-counts";

function BreakpointItem({ b, all, exact }: { b: BreakpointAnalysis; all: readonly BreakpointAnalysis[]; exact: PrefixCount | undefined }) {
  const { focusBlock } = useExperimentActions();
  const landed = b.landedAt;
  const word = breakpointWord(b, all);
  const ttlNote = b.requestedTtl !== b.ttl ? `${b.ttl} (asked ${b.requestedTtl})` : b.ttl;
  // An exact count replaces the estimate, and the minimum check then needs no band.
  const tokens = exact ? exact.tokens : b.prefixTokens;
  const minimum = exact ? minimumVerdict(exact.tokens, b.minTokens, true) : b.minimum;
  return (
    <li data-status={b.status} data-can-cache={b.canCache} data-minimum={minimum} data-exact={exact ? "true" : undefined} className="flex flex-col gap-1 py-2">
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <Badge tone={statusTone(word)} caps>
          {word}
        </Badge>
        <span className="text-sm font-medium">{originLabel(b.origin)}</span>
        <Badge mono>TTL {ttlNote}</Badge>
        {landed?.documentPath ? (
          <Button variant="link" size="sm" className="font-mono" title={`Select ${documentPathLabel(landed.documentPath)} in the editor`} onClick={() => focusBlock(landed.documentPath!)}>
            → {requestPathLabel(landed.path)}
          </Button>
        ) : landed ? (
          <span className="font-mono text-xs text-fg-muted">→ {requestPathLabel(landed.path)}</span>
        ) : null}
      </div>
      <p className="text-xs text-fg-muted">{b.reason}</p>
      {landed && b.status === "kept" ? (
        <>
          <TokenMeter value={tokens} min={b.minTokens} verdict={minimum} exact={Boolean(exact)} label={`Prefix tokens at ${requestPathLabel(landed.path)}`} />
          {exact ? (
            <p className="text-xs text-fg-muted">
              Exact count from the provider&apos;s count-tokens endpoint{exact.withPlaceholderTurn ? ", with the one-character user turn the endpoint requires" : ""}.
            </p>
          ) : null}
          {minimum === "below" ? (
            <p className="text-xs font-medium text-warn-text">
              Cannot cache: the prefix up to here is {formatPrefixAgainstMinimum(tokens, b.minTokens, Boolean(exact))}. The request still succeeds, but nothing is written or read here.
            </p>
          ) : minimum === "near" ? (
            <p className="text-xs font-medium text-warn-text">
              May not cache: the prefix up to here is {formatPrefixAgainstMinimum(tokens, b.minTokens)}, within the estimate&apos;s error band of the minimum, so the real count may fall on either side.
            </p>
          ) : null}
          {b.blocksSincePrevious > LOOKBACK_POSITIONS ? (
            <p className="text-xs text-warn-text">
              {b.blocksSincePrevious} blocks since the previous breakpoint: a later request that grows past {LOOKBACK_POSITIONS} blocks will miss this entry.
            </p>
          ) : null}
        </>
      ) : null}
    </li>
  );
}

export function BreakpointsList({
  breakpoints,
  exact,
}: {
  breakpoints: readonly BreakpointAnalysis[];
  /** Exact counts from a live provider, when it is configured (use-exact-counts). */
  exact?: ExactCounts;
}) {
  const kept = breakpoints.filter((b) => b.status === "kept").length;
  return (
    <section role="region" aria-label="Breakpoints" className="flex flex-col gap-1">
      <SubHeading>
        Breakpoints <span className="font-normal normal-case">({kept} of {MAX_BREAKPOINTS} slots used, {breakpoints.length} asked for)</span>
      </SubHeading>
      {breakpoints.length === 0 ? (
        <p className="text-sm text-fg-muted">No breakpoints asked for: turn on a cache setting or add a CachePoint.</p>
      ) : (
        <ol className="divide-y divide-line">
          {breakpoints.map((b) => (
            <BreakpointItem key={b.id} b={b} all={breakpoints} exact={b.landedAt ? exact?.exactAt(b.landedAt.path) : undefined} />
          ))}
        </ol>
      )}
      <p className="text-xs text-fg-muted" data-testid="estimate-band">
        ≈ {ESTIMATE_BAND_SENTENCE} (measured {ESTIMATE_BAND.measuredOn}).
      </p>
      {exact?.available && breakpoints.some((b) => b.status === "kept") ? (
        <div className="flex flex-wrap items-center gap-2">
          <Button variant="secondary" size="sm" onClick={exact.fetchCounts} disabled={exact.loading}>
            {exact.loading ? "Counting…" : "Count exactly"}
          </Button>
          <span className="text-xs text-fg-muted">each kept prefix, with the live provider&apos;s count-tokens endpoint</span>
          {exact.error ? (
            <p role="alert" className="w-full text-xs text-danger-text">
              {exact.error}
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
