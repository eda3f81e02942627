// The experiment document as the editor sees it: the one schema in lib/cache (docs/design.md §3).
import type { AssistantContent, CacheSetting, Experiment, ExperimentMessage, ExperimentTool, UserContent } from "@/lib/cache/experiment-schema";
import type { ProviderId, Ttl } from "@/lib/cache/wire-types";

export type { CacheSetting, Experiment, ProviderId, Ttl };
export type ToolDefinition = ExperimentTool;
export type UserBlock = UserContent;
export type AssistantBlock = AssistantContent;
export type Block = UserBlock | AssistantBlock;
export type BlockType = Block["type"];
export type Message = ExperimentMessage;
