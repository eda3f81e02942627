// How a totals cell reads in every totals table (the traffic report, the vendor totals, the vendor
// traffic report): a count of runs with its failures, a cost with the runs it leaves out for want of
// a price, and the wasted writes of a simulation (lib/runs/gaps.ts: an unknown cost is a gap, never $0), so a partial sum never reads as complete.
import { formatTokens, formatUsd } from "@/lib/display/format";
import type { WastedWrites } from "@/lib/runs/traffic-report";

const count = (n: number) => n.toLocaleString("en-US");

/** "12 (2 failed)". */
export function RunCount({ runs, failed }: { runs: number; failed: number }) {
  return (
    <>
      {count(runs)}
      {failed ? <span className="text-danger-text"> ({count(failed)} failed)</span> : null}
    </>
  );
}

/** "$0.42 (+ 3 without a price)". */
export function CostTotal({ cost, unknown }: { cost: number | null; unknown: number }) {
  return (
    <>
      {formatUsd(cost)}
      {unknown ? <span className="text-warn-text"> (+ {count(unknown)} without a price)</span> : null}
    </>
  );
}

/** Wasted writes of a simulation, "3 of 12", with the tokens and the late writes in its title. */
export function wastedWritesTitle(w: WastedWrites): string {
  return `${formatTokens(w.wastedTokens)} tokens written and never read before they expired; ${count(w.unreadAtEnd)} more written late and still unread when the window closed`;
}

export function WastedWritesCount({ wasted }: { wasted: WastedWrites }) {
  return (
    <>
      {count(wasted.wasted)} of {count(wasted.writes)}
    </>
  );
}
