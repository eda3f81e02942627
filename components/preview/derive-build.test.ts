import { describe, expect, it } from "vitest";
import { blankExperiment } from "@/lib/editor/blank";
import type { Experiment } from "@/lib/editor/types";
import { deriveBuild } from "./derive-build";
import type { BreakpointAnalysis } from "@/lib/cache/analysis";
import { breakpointWord, originLabel } from "@/lib/cache/breakpoint-words";
import { dp } from "@/lib/cache/test-factories";

/** The word the breakpoint list and the CachePoint card show for `b`. */
const wordOf = (b: BreakpointAnalysis, all: readonly BreakpointAnalysis[]) => breakpointWord(b, all);

const long = "A paragraph about the ingestion service and its retries. ".repeat(200);

function withMarkers(): Experiment {
  return {
    ...blankExperiment("Preview"),
    settings: { cache_instructions: "1h", cache_tool_definitions: false, cache_messages: "5m" },
    system: ["", long],
    messages: [
      { role: "user", content: [{ type: "text", text: long }, { type: "text", text: "" }, { type: "cache_point", ttl: "5m" }, { type: "text", text: "Question?" }] },
    ],
  };
}

describe("deriveBuild", () => {
  it("shows exactly JSON.stringify(body, null, 2) of buildRequest", () => {
    const derived = deriveBuild(withMarkers());
    expect(derived.result.ok).toBe(true);
    if (derived.result.ok) expect(derived.json).toBe(JSON.stringify(derived.result.value.body, null, 2));
  });

  it("puts each breakpoint on the editor block it lands on, skipping empty text", () => {
    const { landings, markers } = deriveBuild(withMarkers());
    expect(landings.get(dp("system[1]"))).toEqual([expect.objectContaining({ status: "kept", ttl: "1h" })]);
    expect(landings.get(dp("messages[0].content[0]"))).toEqual([expect.objectContaining({ status: "kept", ttl: "5m", canCache: true })]);
    expect(landings.get(dp("messages[0].content[3]"))).toEqual([expect.objectContaining({ status: "kept" })]);
    expect(markers.get(dp("messages[0].content[2]"))?.landedAt?.path).toBe("messages[0].content[0]");
  });

  it("gives no body and no landings when the experiment cannot be built", () => {
    const broken: Experiment = { ...blankExperiment(), messages: [{ role: "user", content: [{ type: "cache_point" }, { type: "text", text: "x" }] }] };
    const derived = deriveBuild(broken);
    expect(derived.result.ok).toBe(false);
    expect(derived.json).toBeNull();
    expect(derived.landings.size).toBe(0);
  });
});

describe("breakpoint labels", () => {
  it("say kept or dropped; a request with nothing to attach to is dropped", () => {
    const { result } = deriveBuild({ ...withMarkers(), settings: { cache_instructions: false, cache_tool_definitions: "5m", cache_messages: false } });
    if (!result.ok) throw new Error(result.error.message);
    const all = result.value.analysis.breakpoints;
    const words = all.map((b) => [originLabel(b.origin), b.status, wordOf(b, all)]);
    expect(words).toContainEqual(["Cache tool definitions setting", "no_effect", "dropped"]);
    expect(words).toContainEqual(["CachePoint at experiment messages[0].content[2]", "kept", "kept"]);
  });

  // Issue 11 item 10 (audit m3): a marker overwritten by Cache messages on the same block is not a
  // red "dropped": the block is still sent with cache_control (docs/reference/pydantic-ai-caching.md, "overwrites an existing cache_control").
  it("call an overwritten marker whose block still carries cache_control 'overwritten (block still cached)'", () => {
    const experiment: Experiment = {
      ...blankExperiment("Overwrite"),
      // Pydantic AI v1.74.0 overwrites; later releases keep the marker (docs/reference/pydantic-ai-2.md §2.4).
      semantics: "pydantic-ai@1.74",
      settings: { cache_instructions: false, cache_tool_definitions: false, cache_messages: "5m" },
      messages: [{ role: "user", content: [{ type: "text", text: long }, { type: "cache_point", ttl: "1h" }] }],
    };
    const { result } = deriveBuild(experiment);
    if (!result.ok) throw new Error(result.error.message);
    const all = result.value.analysis.breakpoints;
    const marker = all.find((b) => b.origin.kind === "marker")!;
    expect(marker.status).toBe("overwritten");
    expect(wordOf(marker, all)).toBe("overwritten (block still cached)");
    // Who overwrote it, in the words the run explanations use too (lib/cache/breakpoint-words.ts).
    expect(marker.overwrittenBy).toBe("Cache messages setting");
    expect(deriveBuild(experiment).landings.get(dp("messages[0].content[0]"))?.map((l) => l.status).sort()).toEqual(["kept", "overwritten"]);
  });
});
