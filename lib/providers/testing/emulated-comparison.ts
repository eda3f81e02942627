// A comparison across vendors as the page runs it, for tests on the server side: every target through
// runTarget (its official SDK) against one in-process emulator, each in its own cache scope, the waits on
// the emulator's clock. Returns every run in the order it landed.
import { expect } from "vitest";
import type { Experiment } from "@/lib/cache/experiment-schema";
import type { createEmulator } from "@/lib/emulator/transport";
import { type CompareRun, type CompareSeriesOptions, type CompareTarget, runCompareSeries, targetCacheScope } from "@/lib/vendors/compare";
import { runTarget } from "../run-target";

export async function runEmulatedComparison(
  emulator: ReturnType<typeof createEmulator>,
  options: CompareSeriesOptions,
  experiment: Experiment,
  targets: readonly CompareTarget[],
  series: string,
): Promise<CompareRun[]> {
  const recorded: CompareRun[] = [];
  const outcome = await runCompareSeries(
    options,
    targets.map(() => experiment),
    {
      runOnce: async ({ index, experiment }) => {
        const t = targets[index]!;
        const sent = await runTarget(experiment, { target: t.target, transport: "emulated", scope: targetCacheScope("browser", series, index), ...(t.model ? { model: t.model } : {}) }, { emulator });
        if (!sent.ok) throw new Error(sent.error.message);
        return { ...sent.value, status: "ok" as const };
      },
      runParallel: async () => null,
      wait: async (seconds) => void emulator.advanceClock(seconds),
      onRun: (r) => void recorded.push(r),
    },
    new AbortController().signal,
  );
  expect(outcome.stoppedBy).toBe("done");
  return recorded;
}
