// buildTargetRequest: the one entry point from an experiment to any target's request (issue 13). Each
// vendor's builder lives in its own module beside this one.
import type { Experiment } from "@/lib/cache/experiment-schema";
import { type Result, err } from "@/lib/cache/result";
import { buildConverseTarget } from "./bedrock-converse-target";
import { buildClaudeTarget } from "./claude";
import { buildGeminiTarget } from "./gemini";
import { buildOpenAITarget } from "./openai/build";
import { targetLabel } from "@/lib/display/format";
import type { TargetBuilder, TargetId, TargetOptions, TargetRequest } from "./targets";

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
    return err({ code: "target_unavailable", message: `${targetLabel(target)} cannot be built by this version of CacheLab yet.` });
  }
  return builder(experiment, options);
}
