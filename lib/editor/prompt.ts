// Pure transitions over the system prompt parts, the agent instructions, the settings, the
// provider and model, and the experiment's name.
import { duplicateAt, insertAt, moveItem, removeAt, replaceAt } from "./list";
import type { BedrockGeo } from "@/lib/cache/catalog";
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

/** A setting as the UI shows it: Off, 5m or 1h (`true` means "5m", docs/design.md §4 item 1). */
export function settingChoice(value: CacheSetting): "off" | "5m" | "1h" {
  if (value === false) return "off";
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

/** Sets max_tokens; non-positive or non-integer values are ignored (the schema would reject them). */
export function setMaxTokens(experiment: Experiment, maxTokens: number): Experiment {
  if (!Number.isInteger(maxTokens) || maxTokens < 1) return experiment;
  return { ...experiment, max_tokens: maxTokens };
}

/** Bedrock's ttl rule: "omit" (Pydantic AI v1.74.0 strips it, the default) or "send" (Bedrock now accepts it). */
export function setBedrockTtl(experiment: Experiment, mode: "omit" | "send"): Experiment {
  return { ...experiment, provider_options: { ...experiment.provider_options, bedrock_ttl: mode } };
}

/** The Bedrock inference-profile geography for models InvokeModel serves only through a profile (docs/reference/anthropic-caching.md §6.1). */
export function setBedrockProfile(experiment: Experiment, geo: BedrockGeo): Experiment {
  if (experiment.provider_options.bedrock_profile === geo) return experiment;
  return { ...experiment, provider_options: { ...experiment.provider_options, bedrock_profile: geo } };
}

export function renameExperiment(experiment: Experiment, name: string): Experiment {
  return { ...experiment, name };
}
