import { describe, expect, it } from "vitest";
import { addSystemPart, duplicateSystemPart, moveSystemPart, removeSystemPart, renameExperiment, setBedrockEndpoint, setBedrockProfile, setBedrockTtl, setCacheSetting, setInstructions, setMaxTokens, setModel, setProvider, settingChoice, updateSystemPart } from "./prompt";
import { experimentWith } from "./test-factories";

describe("prompt and settings transitions", () => {
  const e = experimentWith([], { system: ["one", "two"] });
  it("edits system parts", () => {
    expect(addSystemPart(e, "three").system).toEqual(["one", "two", "three"]);
    expect(updateSystemPart(e, 1, "2").system).toEqual(["one", "2"]);
    expect(updateSystemPart(e, 1, "two")).toBe(e);
    expect(removeSystemPart(e, 0).system).toEqual(["two"]);
    expect(duplicateSystemPart(e, 0).system).toEqual(["one", "one", "two"]);
    expect(moveSystemPart(e, 0, 1).system).toEqual(["two", "one"]);
  });
  it("sets and clears instructions", () => {
    const withInstructions = setInstructions(e, "Be brief.");
    expect(withInstructions.instructions).toBe("Be brief.");
    expect("instructions" in setInstructions(withInstructions, "")).toBe(false);
  });
  it("maps settings to Off / 5m / 1h, with true meaning 5m", () => {
    expect(settingChoice(false)).toBe("off");
    expect(settingChoice(true)).toBe("5m");
    expect(settingChoice("1h")).toBe("1h");
    expect(setCacheSetting(e, "cache_tool_definitions", "1h").settings.cache_tool_definitions).toBe("1h");
    expect(setCacheSetting(e, "cache_messages", "off")).toBe(e);
  });
  it("sets provider, model, max_tokens, Bedrock's ttl rule and the name", () => {
    expect(setProvider(e, "bedrock").provider).toBe("bedrock");
    expect(setProvider(e, "anthropic")).toBe(e);
    expect(setModel(e, "claude-opus-4-6").model).toBe("claude-opus-4-6");
    expect(setMaxTokens(e, 1024).max_tokens).toBe(1024);
    // 0 pre-warms the cache (docs/reference/anthropic-caching.md §1.11).
    expect(setMaxTokens(e, 0).max_tokens).toBe(0);
    expect(setMaxTokens(e, -1)).toBe(e);
    expect(setMaxTokens(e, 1_000_001)).toBe(e);
    expect(setMaxTokens(e, 1.5)).toBe(e);
    expect(setBedrockTtl(e, "send").provider_options.bedrock_ttl).toBe("send");
    expect(setBedrockProfile(e, "eu").provider_options).toEqual({ ...e.provider_options, bedrock_profile: "eu" });
    expect(setBedrockProfile(e, e.provider_options.bedrock_profile)).toBe(e);
    expect(setBedrockEndpoint(e, "mantle").provider_options).toEqual({ ...e.provider_options, bedrock_endpoint: "mantle" });
    expect(setBedrockEndpoint(e, e.provider_options.bedrock_endpoint)).toBe(e);
    expect(renameExperiment(e, "New").name).toBe("New");
  });
});
