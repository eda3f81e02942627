// A new experiment: the documented defaults (docs/design.md §3) and one empty user turn to type into. It follows
// the newest Pydantic AI release CacheLab reproduces (issue 14), whose Bedrock rule sends ttl.
import { DEFAULT_MAX_TOKENS, DEFAULT_MODEL_ID } from "@/lib/cache/rules";
import { NEW_EXPERIMENT_SEMANTICS, semanticsRules } from "@/lib/cache/semantics";
import type { Experiment } from "./types";

export function blankExperiment(name = "Untitled experiment"): Experiment {
  return {
    format: "cachelab.experiment.v1",
    name,
    semantics: NEW_EXPERIMENT_SEMANTICS,
    provider: "anthropic",
    model: DEFAULT_MODEL_ID,
    max_tokens: DEFAULT_MAX_TOKENS,
    provider_options: { bedrock_ttl: semanticsRules(NEW_EXPERIMENT_SEMANTICS).bedrockTtlDefault, bedrock_profile: "global", bedrock_endpoint: "invoke" },
    settings: { cache_instructions: false, cache_tool_definitions: false, cache_messages: false },
    system: [""],
    tools: [],
    output_tools: [],
    builtin_tools: [],
    messages: [{ role: "user", content: [{ type: "text", text: "" }] }],
  };
}
