// Each built-in example is valid and shows the situation its description promises.
import { describe, expect, it } from "vitest";
import { buildRequest } from "./build-request";
import { EXAMPLES, findExample } from "./examples";
import { parseExperiment } from "./experiment-schema";
import { isBlockingFinding } from "./lint-rules";

function analysisOf(id: string) {
  const example = findExample(id)!;
  const parsed = parseExperiment(example.experiment);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const built = buildRequest(parsed.value);
  if (!built.ok) throw new Error(built.error.message);
  return built.value.analysis;
}

describe("built-in examples", () => {
  it("are valid, build, and have unique ids", () => {
    expect(new Set(EXAMPLES.map((e) => e.id)).size).toBe(EXAMPLES.length);
    for (const e of EXAMPLES) expect(analysisOf(e.id).breakpoints.length).toBeGreaterThan(0);
  });
  it("are deterministic", () => {
    expect(JSON.stringify(EXAMPLES)).toBe(JSON.stringify(EXAMPLES.map((e) => structuredClone(e))));
  });
  it("docs-qa caches a document of several thousand tokens, above every minimum", () => {
    const a = analysisOf("docs-qa");
    expect(a.breakpoints[0]).toMatchObject({ status: "kept", canCache: true });
    expect(a.totalTokens).toBeGreaterThan(4096);
    expect(a.findings.filter((f) => f.severity !== "info")).toEqual([]);
  });
  it("agent-tools and multi-turn-chat cache at every breakpoint, with nothing for lint to block on", () => {
    for (const id of ["agent-tools", "multi-turn-chat"]) {
      const a = analysisOf(id);
      expect(a.breakpoints.every((b) => b.canCache)).toBe(true);
      expect(a.findings.filter(isBlockingFinding)).toEqual([]);
    }
  });
  it("four-breakpoint-limit drops exactly the two oldest markers", () => {
    const dropped = analysisOf("four-breakpoint-limit").breakpoints.filter((b) => b.status === "dropped");
    expect(dropped.map((b) => b.id)).toEqual(["marker:m0:c1", "marker:m0:c3"]);
  });
  it("below-minimum cannot cache", () => {
    expect(analysisOf("below-minimum").findings.map((f) => f.code)).toContain("below_minimum");
  });
  it("bedrock-1h shows the omitted ttl", () => {
    expect(analysisOf("bedrock-1h").findings.map((f) => f.code)).toContain("bedrock_ttl_omitted");
  });
});
