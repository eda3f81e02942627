// Claude in Amazon Bedrock ("Mantle", docs/reference/anthropic-caching.md §6.2) does not support server
// tools or structured outputs: the preview says so as an error finding before the run, and a run sent
// anyway through AnthropicBedrockMantle fails with the emulator's 400, shown as the run's error.
import { describe, expect, it } from "vitest";
import { buildRequest } from "@/lib/cache/build-request";
import { createEmulator } from "@/lib/emulator/transport";
import { experiment } from "@/lib/runs/testing/factories";
import { runExperiment } from "./run-experiment";

const onMantle = (overrides: Record<string, unknown> = {}) => experiment({ provider: "bedrock", model: "claude-opus-4-7", provider_options: { bedrock_endpoint: "mantle" }, ...overrides });

describe("Claude in Amazon Bedrock refuses server tools", () => {
  it("code execution: an error finding in the preview, and the run fails with the 400 naming the tool", async () => {
    const exp = onMantle({ builtin_tools: ["code_execution"] });
    const built = buildRequest(exp);
    if (!built.ok) throw new Error(built.error.message);
    const finding = built.value.analysis.findings.find((f) => f.code === "mantle_server_tools");
    expect(finding).toMatchObject({ severity: "error", path: "builtin_tools" });
    expect(finding!.message).toContain("does not support server tools: it refuses code_execution with 400 invalid_request_error");
    const r = await runExperiment(exp, { transport: "emulated" }, { emulator: createEmulator({ latencyScale: 0 }) });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toContain("server tools are not supported on Claude in Amazon Bedrock");
    expect(!r.ok && r.error.status).toBe(400);
  });

  it("no finding without server tools, nor on InvokeModel; the same experiment runs there", async () => {
    const codes = (e: ReturnType<typeof experiment>) => {
      const built = buildRequest(e);
      return built.ok ? built.value.analysis.findings.map((f) => f.code) : [built.error.code];
    };
    expect(codes(onMantle())).not.toContain("mantle_server_tools");
    expect(codes(experiment({ provider: "bedrock", model: "claude-opus-4-7", builtin_tools: ["code_execution"] }))).not.toContain("mantle_server_tools");
    const r = await runExperiment(onMantle(), { transport: "emulated" }, { emulator: createEmulator({ latencyScale: 0 }) });
    expect(r.ok && r.value.modelId).toBe("anthropic.claude-opus-4-7");
  });
});
