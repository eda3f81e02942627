// Editing under the semantics switch: new experiments start on the newest release, switching releases
// rewrites what the target cannot say (docs/reference/pydantic-ai-2.md §1), markers follow the release's rule.
import { describe, expect, it } from "vitest";
import { buildRequest } from "@/lib/cache/build-request";
import { parseExperiment } from "@/lib/cache/experiment-schema";
import { experiment, text, tool, user } from "@/lib/cache/test-factories";
import { blankExperiment } from "./blank";
import type { Experiment } from "./types";
import { canInsertCachePoint, insertCachePoint, markerProblems } from "./cache-points";
import { addInstructionPart, removeInstructionPart, setCacheSetting, setSemantics, setToolDeferred, updateInstructionPart } from "./prompt";

describe("semantics in the editor", () => {
  it("a new experiment starts on pydantic-ai@2.33, whose Bedrock rule sends ttl, and is a valid document", () => {
    const blank = blankExperiment();
    expect(blank.semantics).toBe("pydantic-ai@2.33");
    expect(blank.provider_options.bedrock_ttl).toBe("send");
    expect(parseExperiment(blank).ok).toBe(true);
  });

  it("switching to 1.74 drops automatic caching and deferral, joins instruction parts static first, and follows the ttl default", () => {
    let e: Experiment = { ...blankExperiment(), tools: [{ ...tool("t"), defer_loading: true }] };
    e = setCacheSetting(e, "cache", "1h");
    e = addInstructionPart(e, true);
    e = updateInstructionPart(e, 0, { text: "dynamic one" });
    e = addInstructionPart(e, false);
    e = updateInstructionPart(e, 1, { text: "static one" });
    const old = setSemantics(e, "pydantic-ai@1.74");
    expect(old.settings.cache).toBeUndefined();
    expect(old.instructions).toBe("static one\n\ndynamic one");
    expect(old.tools[0]).not.toHaveProperty("defer_loading");
    expect(old.provider_options.bedrock_ttl).toBe("omit");
    expect(parseExperiment(old).ok).toBe(true);
    expect(setSemantics(old, "pydantic-ai@2.33").provider_options.bedrock_ttl).toBe("send");
  });

  it("keeps a Bedrock ttl choice that differs from the release's default", () => {
    const blank = blankExperiment();
    const e = { ...blank, provider_options: { ...blank.provider_options, bedrock_ttl: "omit" as const } };
    expect(setSemantics(e, "pydantic-ai@1.107").provider_options.bedrock_ttl).toBe("omit");
  });

  it("instruction parts and deferred tools are only added where the release has them", () => {
    const old = experiment({ messages: [user(text("q"))], tools: [tool("t")] });
    expect(addInstructionPart(old)).toBe(old);
    expect(setToolDeferred(old, 0, true)).toBe(old);
    const later = setToolDeferred({ ...old, semantics: "pydantic-ai@2.33" }, 0, true);
    expect(later.tools[0]!.defer_loading).toBe(true);
    expect(removeInstructionPart({ ...later, instructions: [{ text: "x", dynamic: false }] }, 0)).not.toHaveProperty("instructions");
  });

  it("a leading marker is allowed at 2.33 when a previous message exists, and lands there", () => {
    const base = experiment({ semantics: "pydantic-ai@2.33", messages: [user(text("one")), user(text("two"))] });
    expect(canInsertCachePoint(base, 1, 0)).toEqual({ ok: true, value: -1 });
    expect(canInsertCachePoint({ ...base, semantics: "pydantic-ai@1.107" }, 1, 0).ok).toBe(false);
    expect(canInsertCachePoint(base, 0, 0).ok).toBe(false);
    const inserted = insertCachePoint(base, 1, 0);
    expect(inserted.ok && markerProblems(inserted.value)).toEqual([]);
    const built = inserted.ok ? buildRequest(inserted.value) : null;
    expect(built?.ok && built.value.body.messages[0]!.content).toEqual([{ text: "one", type: "text", cache_control: { type: "ephemeral", ttl: "5m" } }]);
  });
});
