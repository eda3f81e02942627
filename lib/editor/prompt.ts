// Pure transitions over the system prompt parts, the agent instructions, the settings, the
// provider and model, and the experiment's name.
import { instructionParts } from "@/lib/cache/build-system";
import { type Semantics, rulesOf, semanticsRules } from "@/lib/cache/semantics";
import { duplicateAt, insertAt, moveItem, removeAt, replaceAt } from "./list";
import type { BedrockEndpoint, BedrockGeo } from "@/lib/cache/catalog";
import { MAX_TOKENS_CEILING } from "@/lib/cache/rules";
import type { CacheSetting, Experiment, ProviderId } from "./types";

export type CacheSettingKey = keyof Experiment["settings"];

export function addSystemPart(experiment: Experiment, text = "", index = experiment.system.length): Experiment {
  return { ...experiment, system: insertAt(experiment.system, index, text) };
}

export function updateSystemPart(experiment: Experiment, index: number, text: string): Experiment {
  if (experiment.system[index] === undefined || experiment.system[index] === text) return experiment;
  return { ...experiment, system: replaceAt(experiment.system, index, text) };
}

export function removeSystemPart(experiment: Experiment, index: number): Experiment {
  return { ...experiment, system: removeAt(experiment.system, index) };
}

export function duplicateSystemPart(experiment: Experiment, index: number): Experiment {
  return { ...experiment, system: duplicateAt(experiment.system, index) };
}

export function moveSystemPart(experiment: Experiment, from: number, to: number): Experiment {
  return { ...experiment, system: moveItem(experiment.system, from, to) };
}

/** Sets the agent instructions; an empty string removes the field. */
export function setInstructions(experiment: Experiment, instructions: string): Experiment {
  if (instructions === "") {
    const { instructions: _removed, ...rest } = experiment;
    return rest;
  }
  return { ...experiment, instructions };
}

type InstructionPart = { text: string; dynamic: boolean };

/** The instructions as parts (a string is one static part), for editing them one by one. */
export function instructionPartsOf(experiment: Experiment): InstructionPart[] {
  const raw = experiment.instructions;
  if (raw === undefined) return [];
  return typeof raw === "string" ? [{ text: raw, dynamic: false }] : raw;
}

/** Appends an instruction part (releases with instruction blocks only); a string becomes the first, static part. */
export function addInstructionPart(experiment: Experiment, dynamic = true): Experiment {
  if (!rulesOf(experiment).instructionBlocks) return experiment;
  return { ...experiment, instructions: [...instructionPartsOf(experiment), { text: "", dynamic }] };
}

export function updateInstructionPart(experiment: Experiment, index: number, patch: Partial<InstructionPart>): Experiment {
  const parts = instructionPartsOf(experiment);
  const part = parts[index];
  if (!part || !Array.isArray(experiment.instructions)) return experiment;
  const next = { ...part, ...patch };
  if (next.text === part.text && next.dynamic === part.dynamic) return experiment;
  return { ...experiment, instructions: replaceAt(parts, index, next) };
}

/** Removes an instruction part; the last one removed removes the field. */
export function removeInstructionPart(experiment: Experiment, index: number): Experiment {
  if (!Array.isArray(experiment.instructions)) return experiment;
  const parts = removeAt(experiment.instructions, index);
  if (parts.length > 0) return { ...experiment, instructions: parts };
  const { instructions: _removed, ...rest } = experiment;
  return rest;
}

/**
 * Switches the Pydantic AI release the experiment follows. What the target release cannot say is
 * rewritten the way that release would take it: v1.74.0 has no automatic caching (dropped), no
 * instruction parts (joined, static first, with a blank line) and no deferred tools (flag dropped).
 * Bedrock's ttl rule follows the new release's default unless the experiment had chosen otherwise.
 */
export function setSemantics(experiment: Experiment, semantics: Semantics): Experiment {
  const from = rulesOf(experiment);
  const to = semanticsRules(semantics);
  if (from.semantics === to.semantics && experiment.semantics === semantics) return experiment;
  let next: Experiment = { ...experiment, semantics };
  if (experiment.provider_options.bedrock_ttl === from.bedrockTtlDefault) next = { ...next, provider_options: { ...next.provider_options, bedrock_ttl: to.bedrockTtlDefault } };
  if (!to.automaticCache && next.settings.cache !== undefined) {
    const { cache: _dropped, ...settings } = next.settings;
    next = { ...next, settings };
  }
  if (!to.instructionBlocks && Array.isArray(next.instructions)) {
    const joined = instructionParts(next).map((p) => p.text).join("\n\n");
    const { instructions: _parts, ...rest } = next;
    next = joined === "" ? rest : { ...rest, instructions: joined };
  }
  if (!to.deferredTools && next.tools.some((t) => t.defer_loading !== undefined)) {
    next = { ...next, tools: next.tools.map(({ defer_loading: _flag, ...tool }) => tool) };
  }
  return next;
}

/** Marks a tool deferred (sent with `defer_loading: true`) or not; releases with deferred tools only. */
export function setToolDeferred(experiment: Experiment, index: number, deferred: boolean): Experiment {
  const tool = experiment.tools[index];
  if (!tool || !rulesOf(experiment).deferredTools || (tool.defer_loading === true) === deferred) return experiment;
  const { defer_loading: _flag, ...rest } = tool;
  return { ...experiment, tools: replaceAt(experiment.tools, index, deferred ? { ...rest, defer_loading: true } : rest) };
}

/** A setting as the UI shows it: Off, 5m or 1h (`true` means "5m", docs/design.md §4 item 1). */
export function settingChoice(value: CacheSetting | undefined): "off" | "5m" | "1h" {
  if (value === false || value === undefined) return "off";
  return value === "1h" ? "1h" : "5m";
}

export function setCacheSetting(experiment: Experiment, key: CacheSettingKey, choice: "off" | "5m" | "1h"): Experiment {
  const value: CacheSetting = choice === "off" ? false : choice;
  if (experiment.settings[key] === value) return experiment;
  return { ...experiment, settings: { ...experiment.settings, [key]: value } };
}

export function setProvider(experiment: Experiment, provider: ProviderId): Experiment {
  return experiment.provider === provider ? experiment : { ...experiment, provider };
}

export function setModel(experiment: Experiment, model: string): Experiment {
  return experiment.model === model ? experiment : { ...experiment, model };
}

/** Sets max_tokens; negative or non-integer values are ignored (the schema would reject them). 0 pre-warms (docs/reference/anthropic-caching.md §1.11). */
export function setMaxTokens(experiment: Experiment, maxTokens: number): Experiment {
  if (!Number.isInteger(maxTokens) || maxTokens < 0 || maxTokens > MAX_TOKENS_CEILING) return experiment;
  return { ...experiment, max_tokens: maxTokens };
}

/** Bedrock's ttl rule: "omit" (Pydantic AI v1.74.0 strips it, its default) or "send" (v1.75.0 on, their default). */
export function setBedrockTtl(experiment: Experiment, mode: "omit" | "send"): Experiment {
  return { ...experiment, provider_options: { ...experiment.provider_options, bedrock_ttl: mode } };
}

/** The Bedrock inference-profile geography for models InvokeModel serves only through a profile (docs/reference/anthropic-caching.md §6.1). */
export function setBedrockProfile(experiment: Experiment, geo: BedrockGeo): Experiment {
  if (experiment.provider_options.bedrock_profile === geo) return experiment;
  return { ...experiment, provider_options: { ...experiment.provider_options, bedrock_profile: geo } };
}

/** Bedrock's endpoint: InvokeModel, or Claude in Amazon Bedrock ("Mantle", docs/reference/anthropic-caching.md §6.2). */
export function setBedrockEndpoint(experiment: Experiment, endpoint: BedrockEndpoint): Experiment {
  if (experiment.provider_options.bedrock_endpoint === endpoint) return experiment;
  return { ...experiment, provider_options: { ...experiment.provider_options, bedrock_endpoint: endpoint } };
}

export function renameExperiment(experiment: Experiment, name: string): Experiment {
  return { ...experiment, name };
}
