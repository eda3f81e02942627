// What-if variants change every breakpoint the experiment asks for, and nothing else: the settings and
// the CachePoint markers are where breakpoints come from (docs/design.md §3, §4).
import { describe, expect, it } from "vitest";
import { buildRequest } from "@/lib/cache/build-request";
import { LONG_TEXT, experiment } from "./testing/factories";
import { applyWhatIf, withCacheTtl, withoutCache } from "./what-if";

const marked = experiment({
  settings: { cache_instructions: "5m", cache_tool_definitions: false, cache_messages: true },
  messages: [{ role: "user", content: [{ type: "text", text: LONG_TEXT }, { type: "cache_point" }, { type: "text", text: "Question" }] }],
});

/** Every cache_control in the body the builder makes for the Anthropic API. */
function cacheControls(e: typeof marked): unknown[] {
  const built = buildRequest(e);
  if (!built.ok) throw new Error(built.error.message);
  const found: unknown[] = [];
  JSON.stringify(built.value.body, (key, value) => {
    if (key === "cache_control") found.push(value);
    return value;
  });
  return found;
}

describe("what-if variants", () => {
  it("puts every breakpoint on one TTL", () => {
    expect(cacheControls(marked).length).toBe(3);
    expect(cacheControls(withCacheTtl(marked, "1h"))).toEqual([
      { type: "ephemeral", ttl: "1h" },
      { type: "ephemeral", ttl: "1h" },
      { type: "ephemeral", ttl: "1h" },
    ]);
    expect(withCacheTtl(marked, "1h").settings.cache_tool_definitions).toBe(false);
  });

  it("asks for no cache at all, keeping every other block", () => {
    const none = withoutCache(marked);
    expect(cacheControls(none)).toEqual([]);
    expect(none.messages[0]!.content).toEqual([{ type: "text", text: LONG_TEXT }, { type: "text", text: "Question" }]);
    expect(none.system).toEqual(marked.system);
  });

  it("leaves the experiment as designed, and never edits the one it was given", () => {
    const before = JSON.stringify(marked);
    expect(applyWhatIf(marked, "as-is")).toBe(marked);
    applyWhatIf(marked, "no-cache");
    applyWhatIf(marked, "ttl-1h");
    expect(JSON.stringify(marked)).toBe(before);
  });
});
