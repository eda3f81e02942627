// How a totals cell reads in every totals table (the traffic report, the vendor totals, the vendor
// traffic report): a count of runs with its failures, and a cost with the runs it leaves out for want of
// a price (lib/runs/gaps.ts: an unknown cost is a gap, never $0), so a partial sum never reads as complete.
import { formatUsd } from "@/lib/display/format";

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
