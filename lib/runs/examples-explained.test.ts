// The built-in examples, run on the emulator the way the panel runs them, explain themselves:
// a repeat reads, a gap past the TTL names TTL expiry, a too-short prompt names the minimum.
import { describe, expect, it } from "vitest";
import { EXAMPLES } from "@/lib/cache/examples";
import { parseExperiment } from "@/lib/cache/experiment-schema";
import { createEmulator } from "@/lib/emulator/transport";
import { runExperiment } from "@/lib/providers/run-experiment";
import { explainRun } from "./explain";
import type { RunRecord, SentRunRecord } from "./types";

const record = (sent: SentRunRecord, number: number): RunRecord => ({ ...sent, id: String(number), experimentId: "e", seriesId: "s", number, variant: "A", label: "A", parallel: false });

describe.each(EXAMPLES.map((e) => [e.id, e] as const))("example %s", (_id, example) => {
  it("explains a repeat, and a repeat after a 6-minute gap", async () => {
    const parsed = parseExperiment(example.experiment);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const emulator = createEmulator({ latencyScale: 0 });
    const send = async (n: number) => {
      const r = await runExperiment(parsed.value, { transport: "emulated" }, { emulator });
      if (!r.ok) throw new Error(r.error.message);
      return record(r.value, n);
    };
    const first = await send(1);
    const second = await send(2);
    emulator.advanceClock(360);
    const third = await send(3);
    const explained = [explainRun(first), explainRun(second, first), explainRun(third, second)];
    if (first.usage!.cacheWrite5m + first.usage!.cacheWrite1h === 0) {
      expect(explained[0]!.cause?.kind).toMatch(/below-minimum|no-breakpoint/);
      return;
    }
    expect(explained[0]!.cause?.kind).toBe("first-run");
    expect(explained[1]!.outcome).toBe("hit");
    const oneHourOnly = first.usage!.cacheWrite5m === 0;
    if (oneHourOnly) expect(explained[2]!.outcome).toBe("hit");
    else expect(explained[2]!.cause?.kind).toBe("ttl-expired");
  });
});
