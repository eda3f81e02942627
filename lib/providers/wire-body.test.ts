// The body on the wire is the body the preview shows (buildRequest's), whatever each SDK rewrites.
import { describe, expect, it } from "vitest";
import { buildRequest } from "@/lib/cache/build-request";
import type { ProviderId } from "@/lib/cache/wire-types";
import { createEmulator } from "@/lib/emulator/transport";
import { explainRun } from "@/lib/runs/explain";
import { experiment } from "@/lib/runs/testing/factories";
import type { RunRecord, SentRunRecord } from "@/lib/runs/types";
import { createEmulatedClient } from "./clients";
import { runExperiment } from "./run-experiment";
import { sendMessage } from "./send";

const PROVIDERS: ProviderId[] = ["anthropic", "bedrock", "vertex", "foundry"];

describe.each(PROVIDERS)("the %s wire body", (provider) => {
  it("equals buildRequest's body, plus the stream flag where the dialect keeps it in the body", async () => {
    const emulator = createEmulator({ latencyScale: 0 });
    const seen: unknown[] = [];
    const spy = async (input: string | URL | Request, init?: RequestInit) => {
      const request = new Request(input, init);
      seen.push(JSON.parse(await request.clone().text()));
      return emulator.fetch(request);
    };
    const exp = experiment({ provider, settings: { cache_instructions: "1h", cache_messages: true } });
    const built = buildRequest(exp);
    if (!built.ok) throw new Error(built.error.message);
    const client = createEmulatedClient(provider, spy, 5_000);
    const sent = await sendMessage(client, { provider, modelId: built.value.modelId, body: built.value.body, timeoutMs: 5_000 });
    expect(sent.ok).toBe(true);
    const wire = seen[0] as Record<string, unknown>;
    // Bedrock carries `stream` in the path (invoke-with-response-stream); the others in the body.
    const expected = provider === "bedrock" ? built.value.body : { ...built.value.body, stream: true };
    expect(wire).toEqual(expected);
  });
});

function asRecord(sent: SentRunRecord, number: number): RunRecord {
  return { ...sent, id: String(number), experimentId: "e", seriesId: "s", number, variant: "A", label: "A", parallel: false };
}

describe("a series on the emulator's virtual clock", () => {
  it("misses after a 6-minute gap on a 5m breakpoint and names TTL expiry", async () => {
    const emulator = createEmulator({ latencyScale: 0 });
    const exp = experiment();
    const first = await runExperiment(exp, { transport: "emulated" }, { emulator });
    emulator.advanceClock(360);
    const second = await runExperiment(exp, { transport: "emulated" }, { emulator });
    if (!first.ok || !second.ok) throw new Error("runs failed");
    expect(second.value.usage!.cacheRead).toBe(0);
    const e = explainRun(asRecord(second.value, 2), asRecord(first.value, 1));
    expect(e.cause).toMatchObject({ kind: "ttl-expired", block: { path: "system[0]", documentPath: "system[0]" } });
    expect(e.causeText).toContain("TTL expired: 360 s passed since run 1");
  });

  it("names the changed block when the system prompt is edited between runs", async () => {
    const emulator = createEmulator({ latencyScale: 0 });
    const first = await runExperiment(experiment(), { transport: "emulated" }, { emulator });
    const second = await runExperiment(experiment({ system: ["Now it says something else entirely. ".repeat(200)] }), { transport: "emulated" }, { emulator });
    if (!first.ok || !second.ok) throw new Error("runs failed");
    const e = explainRun(asRecord(second.value, 2), asRecord(first.value, 1));
    expect(e.cause).toMatchObject({ kind: "prefix-changed", block: { path: "system[0]", documentPath: "system[0]" } });
    expect(e.blockPath).toBe("system[0]");
  });

  it("reads a growing share of a growing conversation", async () => {
    const emulator = createEmulator({ latencyScale: 0 });
    let exp = experiment({ settings: { cache_messages: true } });
    const reads: number[] = [];
    for (let turn = 0; turn < 3; turn++) {
      const r = await runExperiment(exp, { transport: "emulated" }, { emulator });
      if (!r.ok) throw new Error(r.error.message);
      reads.push(r.value.usage!.cacheRead);
      exp = { ...exp, messages: [...exp.messages, { role: "assistant", content: [{ type: "text", text: r.value.responseText }] }, { role: "user", content: [{ type: "text", text: `Next question ${turn}` }] }] };
    }
    expect(reads[0]).toBe(0);
    expect(reads[1]).toBeGreaterThan(0);
    expect(reads[2]).toBeGreaterThan(reads[1]!);
  });

  it("writes in every parallel first request (none can see the others' entries yet)", async () => {
    // Responses are held 20% of their modelled time to first token (~90 ms): the requests surely overlap.
    const emulator = createEmulator({ latencyScale: 0.2 });
    const exp = experiment();
    const runs = await Promise.all([1, 2, 3].map(() => runExperiment(exp, { transport: "emulated" }, { emulator })));
    for (const r of runs) expect(r.ok && r.value.usage!.cacheWrite5m).toBeGreaterThan(0);
  });
});
