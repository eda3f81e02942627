import { describe, expect, it } from "vitest";
import { buildRequest } from "./build-request";
import { CATALOG, bedrockAnthropicVersion, findModel } from "./catalog";
import { parseExperiment } from "./experiment-schema";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

describe("the catalog (docs/design.md §6: every number dated, with its source)", () => {
  it("dates and sources every number, Bedrock facts included", () => {
    for (const model of CATALOG) {
      for (const sourced of [model.sources.minimum, model.sources.prices, model.sources.ids, ...(model.bedrock ? [model.bedrock.source] : [])]) {
        expect(sourced.date, model.id).toMatch(ISO_DATE);
        expect(sourced.source.length, model.id).toBeGreaterThan(10);
      }
      // Whenever Bedrock serves the model, the catalog says how (profile, versions).
      expect(Boolean(model.bedrock), model.id).toBe(Boolean(model.ids.bedrock));
      if (model.bedrock?.profileRequired) expect(model.bedrock.profiles.length, model.id).toBeGreaterThan(0);
    }
  });

  it("has the models Vertex serves (docs/reference/anthropic-caching.md §6.6), Claude Opus 4 included", () => {
    expect(findModel("claude-opus-4@20250514")?.displayName).toBe("Claude Opus 4");
    expect(findModel("claude-opus-4-0")?.ids).toEqual({ vertex: "claude-opus-4@20250514" });
  });

  it("Bedrock's anthropic_version: 2026-10-21 from Claude 4.7 on, bedrock-2023-05-31 before (docs/reference/anthropic-caching.md §5.3)", () => {
    expect(bedrockAnthropicVersion(findModel("claude-opus-4-7"))).toBe("2026-10-21");
    expect(bedrockAnthropicVersion(findModel("claude-opus-5"))).toBe("2026-10-21");
    expect(bedrockAnthropicVersion(findModel("claude-opus-4-6"))).toBe("bedrock-2023-05-31");
    expect(bedrockAnthropicVersion(undefined)).toBe("bedrock-2023-05-31");
  });

  it("says when the chosen profile geography is not offered, and which id is sent instead", () => {
    const parsed = parseExperiment({ provider: "bedrock", model: "claude-opus-4-1", provider_options: { bedrock_profile: "eu" }, messages: [] });
    if (!parsed.ok) throw new Error(parsed.error.message);
    const built = buildRequest(parsed.value);
    if (!built.ok) throw new Error(built.error.message);
    expect(built.value.modelId).toBe("us.anthropic.claude-opus-4-1-20250805-v1:0");
    expect(built.value.analysis.findings.find((f) => f.code === "bedrock_profile_unavailable")?.message).toBe(
      'Claude Opus 4.1 has no eu. inference profile on Bedrock (it offers us.); "us.anthropic.claude-opus-4-1-20250805-v1:0" is sent instead.',
    );
  });
});
