// The transcript of a growing conversation is rebuilt from its runs, and equals what the series
// really sent (issue 11 item 4: the series' transcript lives with its runs, the experiment is untouched).
import { describe, expect, it } from "vitest";
import type { Experiment } from "@/lib/cache/experiment-schema";
import { runSeries, type SeriesOptions } from "./series";
import { experiment, run } from "./testing/factories";
import { conversationTranscript, latestConversation } from "./transcript";
import type { RunRecord } from "./types";

const options: SeriesOptions = { mode: "conversation", runs: 4, gapSeconds: 0, warmUp: false, continueOnError: true };

/** Runs a conversation series whose replies are given; returns the records and what each turn sent. */
async function converse(start: Experiment, replies: (string | null)[], seriesId = "s1") {
  const sent: Experiment[] = [];
  const records: RunRecord[] = [];
  let turnIndex = 0;
  await runSeries(
    { ...options, runs: replies.length },
    [{ variant: "A", experiment: start }],
    {
      runOnce: async ({ experiment: e, turn }) => {
        sent.push(e);
        const reply = replies[turnIndex++];
        return run({ seriesId, status: reply === null ? "failed" : "ok", responseText: reply ?? "", conversation: { turn, ...(turn === 1 ? { start: e } : {}) } });
      },
      runParallel: async () => null,
      wait: async () => {},
      onRun: (r) => void records.push(r),
    },
    new AbortController().signal,
  );
  return { sent, records };
}

describe("conversationTranscript", () => {
  it("is the last request sent plus its reply, and leaves the start experiment as it was", async () => {
    const start = experiment();
    const before = JSON.stringify(start);
    const { sent, records } = await converse(start, ["First answer.", "Second answer.", "Third answer."]);
    const transcript = conversationTranscript(records, "s1")!;
    expect(transcript.turns).toBe(3);
    expect(transcript.answered).toBe(3);
    const last = sent[sent.length - 1]!;
    expect(transcript.experiment.messages).toEqual([...last.messages, { role: "assistant", content: [{ type: "text", text: "Third answer." }] }]);
    // No unsent follow-up at the end: the conversation ends on the last reply.
    expect(transcript.experiment.messages.at(-1)!.role).toBe("assistant");
    expect(JSON.stringify(start)).toBe(before);
    expect(start.messages).toHaveLength(1);
  });

  it("keeps a sent turn that failed (it went out, with no reply) and skips nothing else", async () => {
    const { sent, records } = await converse(experiment(), ["One.", null]);
    const transcript = conversationTranscript(records, "s1")!;
    expect(transcript.turns).toBe(2);
    expect(transcript.answered).toBe(1);
    expect(transcript.experiment.messages).toEqual(sent[1]!.messages);
    expect(transcript.experiment.messages.at(-1)!.role).toBe("user");
  });

  it("is null for a repeat series and for a history whose first turn is gone or unreadable", async () => {
    expect(conversationTranscript([run({ seriesId: "r" }), run({ seriesId: "r" })], "r")).toBeNull();
    const { records } = await converse(experiment(), ["One.", "Two."]);
    expect(conversationTranscript(records.slice(1), "s1")).toBeNull();
    const damaged = records.map((r, i) => (i === 0 ? { ...r, conversation: { turn: 1, start: { messages: "not a list" } } } : r));
    expect(conversationTranscript(damaged, "s1")).toBeNull();
  });

  it("finds the newest conversation series in a history", async () => {
    const older = await converse(experiment(), ["Old."], "old");
    const newer = await converse(experiment({ system: ["Another system prompt, long enough to tell apart."] }), ["New."], "new");
    const history = [...older.records, run({ seriesId: "repeat" }), ...newer.records, run({ seriesId: "repeat-2" })];
    expect(latestConversation(history)?.seriesId).toBe("new");
    expect(latestConversation([run({ seriesId: "repeat" })])).toBeNull();
  });
});
