import { describe, expect, it } from "vitest";
import { PYDANTIC_AI_ERRORS } from "@/lib/cache/rules";
import { canInsertCachePoint, insertCachePoint, markerProblems, newMarkerProblems, setCachePointTtl } from "./cache-points";
import { moveBlock } from "./blocks";
import { assistantText, experimentWith, userText } from "./test-factories";
import type { Experiment } from "./types";

const unwrap = (r: { ok: boolean }) => (r as { ok: true; value: Experiment }).value;

describe("CachePoint markers", () => {
  const e = experimentWith([userText("doc", "question"), assistantText("answer")]);

  it("inserts a marker after a block with its TTL", () => {
    const next = unwrap(insertCachePoint(e, 0, 1, "1h"));
    expect(next.messages[0]!.content).toEqual([{ type: "text", text: "doc" }, { type: "cache_point", ttl: "1h" }, { type: "text", text: "question" }]);
  });

  it("refuses a marker first in a user message with Pydantic AI's words", () => {
    const result = insertCachePoint(e, 0, 0);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toBe(PYDANTIC_AI_ERRORS.cachePointFirst);
  });

  it("treats empty text as no block: a marker after only empty text is first", () => {
    const empty = experimentWith([userText("", "x")]);
    expect(canInsertCachePoint(empty, 0, 1).ok).toBe(false);
    expect(canInsertCachePoint(empty, 0, 2)).toEqual({ ok: true, value: 1 });
  });

  it("a marker right after another targets the same block", () => {
    const one = unwrap(insertCachePoint(e, 0, 1));
    expect(canInsertCachePoint(one, 0, 2)).toEqual({ ok: true, value: 0 });
  });

  it("refuses markers in assistant messages", () => {
    const result = canInsertCachePoint(e, 1, 1);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/user messages only/);
  });

  it("attaches after a tool result or retry, which are sent as tool_result blocks", () => {
    const tools = experimentWith([{ role: "user", content: [{ type: "tool_retry", tool_use_id: "t", tool_name: "x", content: "bad" }] }]);
    expect(canInsertCachePoint(tools, 0, 1).ok).toBe(true);
  });

  it("changes a marker's TTL and ignores other blocks", () => {
    const one = unwrap(insertCachePoint(e, 0, 1));
    expect(setCachePointTtl(one, 0, 1, "1h").messages[0]!.content[1]).toEqual({ type: "cache_point", ttl: "1h" });
    expect(setCachePointTtl(one, 0, 0, "1h")).toBe(one);
  });

  it("lists refused markers and spots the ones a move would break", () => {
    const one = unwrap(insertCachePoint(e, 0, 1));
    expect(markerProblems(one)).toEqual([]);
    const broken = moveBlock(one, { messageIndex: 0, blockIndex: 0 }, { messageIndex: 0, blockIndex: 2 });
    expect(markerProblems(broken)).toEqual([{ messageIndex: 0, blockIndex: 0, code: "marker_refused:first", message: PYDANTIC_AI_ERRORS.cachePointFirst }]);
    expect(newMarkerProblems(one, broken)).toHaveLength(1);
    expect(newMarkerProblems(broken, broken)).toEqual([]);
  });
});
