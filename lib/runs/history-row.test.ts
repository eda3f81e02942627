// The history's rows (issue 12 item 3): each row says what explainHistory and diagnosisView say, and
// the same run read against the same runs is the same row object, so a memoised table row holds.
import { describe, expect, it } from "vitest";
import { diagnosisView } from "./diagnosis";
import { explainHistory } from "./explain";
import { historyRowAt, namedRun } from "./history-row";
import { blocks, run } from "./testing/factories";

const miss = { uncachedInput: 20, cacheWrite5m: 2000, cacheWrite1h: 0, cacheRead: 0, output: 10 };

describe("historyRowAt", () => {
  it("explains each row as explainHistory does, and shows the diagnosis against the run it named", () => {
    const a1 = run({ messageId: "msg_1", usage: miss });
    const b1 = run({ variant: "B", messageId: "msg_2", usage: miss });
    const a2 = run({ messageId: "msg_3", diagnosis: { previousMessageId: "msg_1", reason: "system_changed" }, blocks: blocks(["s2", "u"]) });
    const history = [a1, b1, a2];
    const all = explainHistory(history);
    history.forEach((_, i) => expect(historyRowAt(history, i).explanation).toEqual(all[i]));
    expect(historyRowAt(history, 2).diagnosis).toEqual(diagnosisView(a2.diagnosis!, a1, a2));
    expect(historyRowAt(history, 0).diagnosis).toBeUndefined();
  });

  it("gives the same row object for the same run while the runs it is read against are the same", () => {
    const a1 = run({ messageId: "msg_1", usage: miss });
    const a2 = run({ messageId: "msg_2", diagnosis: { previousMessageId: "msg_1", reason: null } });
    const first = historyRowAt([a1, a2], 1);
    expect(historyRowAt([a1, a2], 1)).toBe(first);
    // The history grew (a new array, as the store hands out): row 2 is unchanged.
    expect(historyRowAt([a1, a2, run()], 1)).toBe(first);
  });

  it("makes a new row when the run it is explained against is another record", () => {
    const a1 = run({ messageId: "msg_1", usage: miss });
    const a2 = run({ messageId: "msg_2" });
    const first = historyRowAt([a1, a2], 1);
    // Run 1 set aside: run 2 is now the first run of its variant.
    const alone = historyRowAt([a2], 0);
    expect(alone).not.toBe(first);
    expect(alone.explanation).toEqual(explainHistory([a2])[0]);
  });

  it("makes a new row when the run a diagnosis named is no longer in the history", () => {
    const a1 = run({ messageId: "msg_1", usage: miss });
    const b1 = run({ variant: "B", messageId: "msg_b1", blocks: blocks(["s", "u"]) });
    const a2 = run({ messageId: "msg_2", diagnosis: { previousMessageId: "msg_b1", reason: "unavailable" }, blocks: blocks(["s2", "u"]) });
    const named = historyRowAt([a1, b1, a2], 2);
    expect(named.diagnosis?.disagreement).toMatch(/^CacheLab disagrees: comparing with run \d+, it finds that the system prompt changed/);
    // The same previous run of variant A, but the named run is gone: no comparison to disagree with.
    const gone = historyRowAt([a1, a2], 1);
    expect(gone).not.toBe(named);
    expect(gone.diagnosis).toEqual(diagnosisView(a2.diagnosis!, undefined, a2));
    expect(gone.explanation).toEqual(named.explanation);
  });
});

describe("namedRun", () => {
  it("finds the newest run above the row with the named message id, near or far, and nothing below the row", () => {
    const far = run({ messageId: "msg_far" });
    const filler = Array.from({ length: 100 }, () => run({ messageId: "msg_other" }));
    const again = run({ messageId: "msg_far" });
    const history = [run({ messageId: "msg_far" }), far, ...filler, run(), again];
    // Row 101 (a filler run): the named run is 100 rows up, beyond the near scan.
    expect(namedRun(history, 101, "msg_far")).toBe(far);
    expect(namedRun(history, history.length - 1, "msg_far")).toBe(far);
    expect(namedRun(history, history.length - 2, "msg_other")).toBe(filler.at(-1));
    expect(namedRun(history, 1, "msg_far")).toBe(history[0]);
    expect(namedRun(history, 0, "msg_far")).toBeUndefined();
    expect(namedRun(history, history.length - 1, "msg_missing")).toBeUndefined();
  });
});
