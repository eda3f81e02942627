// One display module for labels (issue 9 item 8): the targets are named here once, and the comparison's
// errors, the target builder and the CLI report read the same label.
import { describe, expect, it } from "vitest";
import { checkCompareTargets } from "@/lib/vendors/compare";
import { TARGET_IDS } from "@/lib/vendors/targets";
import { TARGET_LABELS, targetLabel } from "./format";

describe("target labels", () => {
  it("name every target, each with its own label", () => {
    expect(Object.keys(TARGET_LABELS).sort()).toEqual([...TARGET_IDS].sort());
    expect(new Set(Object.values(TARGET_LABELS)).size).toBe(TARGET_IDS.length);
  });

  it("are the ones the comparison's errors use", () => {
    const twice = checkCompareTargets([{ target: "openai" }, { target: "openai" }]);
    expect(twice.ok ? null : twice.error.message).toBe(`${targetLabel("openai")} is chosen twice; each target runs once.`);
    expect(targetLabel("gemini")).toBe("Gemini explicit caching");
  });
});
