import { describe, expect, it } from "vitest";
import { type SeriesCursor, growConversation, nextUserTurn, planSeries, plannedRuns, runSeries, type SeriesOptions, type Variant } from "./series";
import { DEFAULT_TRAFFIC, type TrafficOptions } from "./traffic";

const options = (o: Partial<SeriesOptions> = {}): SeriesOptions => ({ mode: "repeat", runs: 3, gapSeconds: 0, warmUp: true, continueOnError: true, ...o });

describe("planSeries", () => {
  it("repeats N runs with the gap between them, not before the first", () => {
    expect(planSeries(options({ runs: 3, gapSeconds: 360 }))).toEqual([
      { kind: "run", turn: 1 },
      { kind: "wait", seconds: 360 },
      { kind: "run", turn: 2 },
      { kind: "wait", seconds: 360 },
      { kind: "run", turn: 3 },
    ]);
  });

  it("waits one gap first when the series continues a history", () => {
    expect(planSeries(options({ runs: 2, gapSeconds: 360, leadingGap: true }))).toEqual([
      { kind: "wait", seconds: 360 },
      { kind: "run", turn: 1 },
      { kind: "wait", seconds: 360 },
      { kind: "run", turn: 2 },
    ]);
    expect(planSeries(options({ runs: 1, gapSeconds: 0, leadingGap: true }))).toEqual([{ kind: "run", turn: 1 }]);
    expect(planSeries(options({ mode: "fan-out", runs: 2, gapSeconds: 5, warmUp: false, leadingGap: true }))[0]).toEqual({ kind: "wait", seconds: 5 });
  });

  it("warms up once, then sends the rest in parallel", () => {
    const steps = planSeries(options({ mode: "fan-out", runs: 5, gapSeconds: 2 }));
    expect(steps).toEqual([{ kind: "run", turn: 1 }, { kind: "wait", seconds: 2 }, { kind: "parallel", count: 4, turn: 2 }]);
    expect(plannedRuns(steps)).toBe(5);
  });

  it("sends everything at once when fan-out skips the warm-up", () => {
    expect(planSeries(options({ mode: "fan-out", runs: 4, warmUp: false }))).toEqual([{ kind: "parallel", count: 4, turn: 1 }]);
  });

  it("caps runs and parallelism, and plans nothing for zero runs", () => {
    expect(plannedRuns(planSeries(options({ runs: 20_000 })))).toBe(10_000);
    expect(plannedRuns(planSeries(options({ mode: "fan-out", runs: 100, warmUp: false })))).toBe(32);
    expect(planSeries(options({ runs: 0 }))).toEqual([]);
  });
});

describe("growConversation", () => {
  it("appends the reply and a distinct next user turn", () => {
    const grown = growConversation({ messages: [{ role: "user" as const, content: [{ type: "text", text: "Hi" }] }] }, "Hello!", 2);
    expect(grown.messages).toEqual([
      { role: "user", content: [{ type: "text", text: "Hi" }] },
      { role: "assistant", content: [{ type: "text", text: "Hello!" }] },
      { role: "user", content: [{ type: "text", text: nextUserTurn(2) }] },
    ]);
    expect(nextUserTurn(2)).not.toBe(nextUserTurn(3));
  });

  it("never appends an empty assistant message", () => {
    const grown = growConversation({ messages: [] }, "  ", 2);
    expect(grown.messages[0]).toEqual({ role: "assistant", content: [{ type: "text", text: "(no reply)" }] });
  });
});

type Sent = { status: "ok" | "failed"; responseText: string; variant: Variant; turn: number; messages: number };

function harness(fail: (n: number) => boolean = () => false) {
  const log: string[] = [];
  const runs: Sent[] = [];
  let n = 0;
  const effects = {
    runOnce: async ({ variant, experiment, turn }: { variant: Variant; experiment: { messages?: unknown[] }; turn: number }) => {
      n++;
      log.push(`run ${variant}${turn}`);
      return { status: fail(n) ? ("failed" as const) : ("ok" as const), responseText: `reply ${n}`, variant, turn, messages: experiment.messages?.length ?? 0 };
    },
    runParallel: async ({ variant, count, turn }: { variant: Variant; count: number; turn: number }) => {
      log.push(`parallel ${variant}×${count}`);
      return Array.from({ length: count }, () => ({ status: "ok" as const, responseText: "", variant, turn, messages: 0 }));
    },
    wait: async (seconds: number) => void log.push(`wait ${seconds}`),
    onRun: (run: Sent) => void runs.push(run),
  };
  return { log, runs, effects };
}

const exp = { messages: [{ role: "user" as const, content: [{ type: "text", text: "Q" }] }] };

describe("runSeries", () => {
  it("runs, waits and reports progress to the end", async () => {
    const h = harness();
    const progress: string[] = [];
    const out = await runSeries(options({ gapSeconds: 60 }), [{ variant: "A", experiment: exp }], { ...h.effects, onProgress: (d, t) => progress.push(`${d}/${t}`) }, new AbortController().signal);
    expect(out).toEqual({ sent: 3, failed: 0, stoppedBy: "done" });
    expect(h.log).toEqual(["run A1", "wait 60", "run A2", "wait 60", "run A3"]);
    expect(progress).toEqual(["0/3", "1/3", "2/3", "3/3"]);
  });

  it("records a failed run and goes on when told to", async () => {
    const h = harness((n) => n === 2);
    const out = await runSeries(options(), [{ variant: "A", experiment: exp }], h.effects, new AbortController().signal);
    expect(out).toEqual({ sent: 3, failed: 1, stoppedBy: "done" });
    expect(h.runs.map((r) => r.status)).toEqual(["ok", "failed", "ok"]);
  });

  it("stops at the first failure when told to, keeping the failed run", async () => {
    const h = harness((n) => n === 2);
    const out = await runSeries(options({ continueOnError: false }), [{ variant: "A", experiment: exp }], h.effects, new AbortController().signal);
    expect(out.stoppedBy).toBe("error");
    expect(h.runs.map((r) => r.status)).toEqual(["ok", "failed"]);
  });

  it("stops when cancelled, keeping the runs already sent", async () => {
    const h = harness();
    const controller = new AbortController();
    const out = await runSeries(options({ runs: 10 }), [{ variant: "A", experiment: exp }], { ...h.effects, onRun: (r) => { h.runs.push(r); if (h.runs.length === 2) controller.abort(); } }, controller.signal);
    expect(out).toEqual({ sent: 2, failed: 0, stoppedBy: "cancelled" });
  });

  it("stops at once when a run in flight is abandoned by cancel", async () => {
    const h = harness();
    const out = await runSeries(options({ runs: 5 }), [{ variant: "A", experiment: exp }], { ...h.effects, runOnce: async () => null }, new AbortController().signal);
    expect(out).toEqual({ sent: 0, failed: 0, stoppedBy: "cancelled" });
  });

  it("stops during a wait when cancelled", async () => {
    const h = harness();
    const controller = new AbortController();
    const wait = (_s: number, signal: AbortSignal) => new Promise<void>((_, reject) => { signal.addEventListener("abort", () => reject(new Error("x"))); controller.abort(); });
    const out = await runSeries(options({ gapSeconds: 3600 }), [{ variant: "A", experiment: exp }], { ...h.effects, wait }, controller.signal);
    expect(out).toEqual({ sent: 1, failed: 0, stoppedBy: "cancelled" });
  });

  it("stops with the reason when the gap cannot be waited (the clock could not move)", async () => {
    const h = harness();
    const wait = async () => {
      throw new Error("Too many requests in a minute: retry in 5 s.");
    };
    const out = await runSeries(options({ gapSeconds: 60 }), [{ variant: "A", experiment: exp }], { ...h.effects, wait }, new AbortController().signal);
    expect(out).toEqual({ sent: 1, failed: 0, stoppedBy: "error", reason: "Too many requests in a minute: retry in 5 s." });
  });

  it("grows the conversation turn by turn and hands the grown experiment on", async () => {
    const h = harness();
    const grown: number[] = [];
    await runSeries(options({ mode: "conversation" }), [{ variant: "A", experiment: exp }], { ...h.effects, onGrow: (e) => grown.push(e.messages!.length) }, new AbortController().signal);
    expect(h.runs.map((r) => r.messages)).toEqual([1, 3, 5]);
    expect(grown).toEqual([3, 5, 7]);
  });

  it("sends both variants of a comparison at each step", async () => {
    const h = harness();
    await runSeries(options({ runs: 2 }), [{ variant: "A", experiment: exp }, { variant: "B", experiment: exp }], h.effects, new AbortController().signal);
    expect(h.log).toEqual(["run A1", "run B1", "run A2", "run B2"]);
  });

  it("fans out after the warm-up", async () => {
    const h = harness();
    const out = await runSeries(options({ mode: "fan-out", runs: 4 }), [{ variant: "A", experiment: exp }], h.effects, new AbortController().signal);
    expect(h.log).toEqual(["run A1", "parallel A×3"]);
    expect(out.sent).toBe(4);
  });

  it("sends every variant each arrival of simulated traffic, waiting between arrivals", async () => {
    const h = harness();
    const traffic: TrafficOptions = { ...DEFAULT_TRAFFIC, ratePerHour: 30, durationHours: 0.1, gaps: "fixed" };
    const variants = (["A", "B", "C"] as const).map((variant) => ({ variant, experiment: exp }));
    const out = await runSeries(options({ mode: "traffic", traffic }), variants, h.effects, new AbortController().signal);
    expect(h.log).toEqual(["run A1", "run B1", "run C1", "wait 120", "run A1", "run B1", "run C1", "wait 120", "run A1", "run B1", "run C1"]);
    expect(out).toEqual({ sent: 9, failed: 0, stoppedBy: "done" });
  });
});

/** Every request a series makes: variant, turn, session and the texts of its messages. */
async function transcriptOf(opts: SeriesOptions, variants: Variant[], resumeEveryStep: boolean) {
  const sent: string[] = [];
  let n = 0;
  const effects = {
    runOnce: async ({ variant, experiment, turn, session }: { variant: Variant; experiment: typeof exp; turn: number; session?: number }) => {
      n++;
      const texts = experiment.messages.map((m) => (m.content[0] as { text: string }).text);
      sent.push(`${variant} s${session ?? "-"} t${turn}: ${texts.join(" | ")}`);
      return { status: n % 7 === 0 ? ("failed" as const) : ("ok" as const), responseText: `reply ${n}` };
    },
    runParallel: async () => [],
    wait: async () => {},
    onRun: () => {},
  };
  const list = variants.map((variant) => ({ variant, experiment: exp }));
  const signal = new AbortController().signal;
  if (!resumeEveryStep) {
    await runSeries(opts, list, effects, signal);
    return sent;
  }
  let cursor: SeriesCursor | undefined;
  for (let calls = 0; calls < 10_000; calls++) {
    // Through JSON, as the cursor travels between the page and the server.
    const out = await runSeries(opts, list, effects, signal, { ...(cursor ? { cursor: JSON.parse(JSON.stringify(cursor)) } : {}), pause: () => true });
    if (out.stoppedBy !== "paused") return sent;
    cursor = out.cursor;
  }
  throw new Error("never finished");
}

describe("runSeries in batches", () => {
  it("grows each simulated session's own conversation, with follow-ups that name the session", async () => {
    const traffic: TrafficOptions = { ...DEFAULT_TRAFFIC, ratePerHour: 60, durationHours: 2 / 60, gaps: "fixed", sessionTurns: 3, turnGapSeconds: 45 };
    const sent = await transcriptOf(options({ mode: "traffic", traffic }), ["A"], false);
    expect(sent).toEqual([
      "A s1 t1: Q",
      "A s1 t2: Q | reply 1 | Session 1, follow-up 2: please continue, building on your previous answer.",
      "A s2 t1: Q",
      "A s1 t3: Q | reply 1 | Session 1, follow-up 2: please continue, building on your previous answer. | reply 2 | Session 1, follow-up 3: please continue, building on your previous answer.",
      "A s2 t2: Q | reply 3 | Session 2, follow-up 2: please continue, building on your previous answer.",
      "A s2 t3: Q | reply 3 | Session 2, follow-up 2: please continue, building on your previous answer. | reply 5 | Session 2, follow-up 3: please continue, building on your previous answer.",
    ]);
  });

  it("paused after every step and resumed from its cursor, sends exactly what it sends in one go", async () => {
    const traffic: TrafficOptions = { ...DEFAULT_TRAFFIC, ratePerHour: 90, durationHours: 0.5, gaps: "random", seed: 11, sessionTurns: 4, turnGapSeconds: 50 };
    for (const [opts, variants] of [
      [options({ mode: "traffic", traffic }), ["A", "B"]],
      [options({ mode: "conversation", runs: 9 }), ["A", "B", "C"]],
      [options({ mode: "repeat", runs: 5, gapSeconds: 30 }), ["A"]],
    ] as const) {
      const oneGo = await transcriptOf(opts, [...variants], false);
      expect(oneGo.length).toBeGreaterThan(4);
      expect(await transcriptOf(opts, [...variants], true)).toEqual(oneGo);
    }
  });

  it("carries only conversations in progress in its cursor", async () => {
    const traffic: TrafficOptions = { ...DEFAULT_TRAFFIC, ratePerHour: 60, durationHours: 2 / 60, gaps: "fixed", sessionTurns: 2, turnGapSeconds: 30 };
    const effects = { runOnce: async () => ({ status: "ok" as const, responseText: "r" }), runParallel: async () => [], wait: async () => {}, onRun: () => {} };
    let steps = 0;
    // Steps: run s1t1, wait, run s1t2, wait, run s2t1 → pause before the 4th step.
    const out = await runSeries(options({ mode: "traffic", traffic }), [{ variant: "A", experiment: exp }], effects, new AbortController().signal, { pause: () => ++steps > 2 });
    expect(out.stoppedBy).toBe("paused");
    expect(out.cursor!.step).toBe(3);
    expect(Object.keys(out.cursor!.grown)).toEqual([]);
    const later = await runSeries(options({ mode: "traffic", traffic }), [{ variant: "A", experiment: exp }], effects, new AbortController().signal, { cursor: { step: 4, grown: {} }, pause: () => true });
    expect(later.cursor?.grown).toEqual({ "A:2": [{ role: "assistant", content: [{ type: "text", text: "r" }] }, { role: "user", content: [{ type: "text", text: nextUserTurn(2, 2) }] }] });
  });
});

