// buildTargetRequest: the one entry point from an experiment to any target's request (issue 13). Each
// vendor's builder lives in its own module beside this one.
import type { Experiment } from "@/lib/cache/experiment-schema";
import { type Result, err } from "@/lib/cache/result";
import { buildConverseTarget } from "./bedrock-converse-target";
import { buildClaudeTarget } from "./claude";
import { buildGeminiTarget } from "./gemini";
import { buildOpenAITarget } from "./openai/build";
import { type TargetBuilder, type TargetId, type TargetOptions, type TargetRequest, TARGETS } from "./targets";

const BUILDERS: Partial<Record<TargetId, TargetBuilder>> = {
  anthropic: (e, o) => buildClaudeTarget(e, "anthropic", o),
  bedrock: (e, o) => buildClaudeTarget(e, "bedrock", o),
  vertex: (e, o) => buildClaudeTarget(e, "vertex", o),
  foundry: (e, o) => buildClaudeTarget(e, "foundry", o),
  openai: buildOpenAITarget,
  "bedrock-converse": buildConverseTarget,
  gemini: buildGeminiTarget,
};

export function buildTargetRequest(experiment: Experiment, target: TargetId, options: TargetOptions = {}): Result<TargetRequest> {
  const builder = BUILDERS[target];
  if (!builder) {
    const label = TARGETS.find((t) => t.id === target)?.label ?? target;
    return err({ code: "target_unavailable", message: `${label} cannot be built by this version of CacheLab yet.` });
  }
  return builder(experiment, options);
}
