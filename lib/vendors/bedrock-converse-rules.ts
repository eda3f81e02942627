// How Pydantic AI's BedrockConverseModel builds a Converse request, per release the experiment names in
// `semantics` (lib/cache/semantics.ts). Read from pydantic_ai_slim/pydantic_ai/models/bedrock.py ("B") at
// v1.74.0, v1.107.5 and v2.33.0 (https://github.com/pydantic/pydantic-ai); summarised in
// docs/reference/pydantic-ai-caching.md §8 and docs/reference/pydantic-ai-2.md §2.11, §2.13. Every rule that
// depends on the release reads it from here.
import type { Semantics } from "@/lib/cache/semantics";

export interface ConverseRules {
  /**
   * `_get_cache_point` (B 1278-1282 at v1.107.5, 1628-1632 at v2.33.0): `ttl` only when the setting is a string, and every
   * CachePoint carries its own (default "5m"). v1.74.0 always sends `{"type": "default"}` (B 241-249).
   */
  ttl: "never" | "when-string";
  /** One system block per instruction part, static first (#4865, v1.77.0; B 1096-1115 at v1.107.5). */
  instructionBlocks: boolean;
  /**
   * A CachePoint with nothing before it in its part: v1.74.0 and v1.107.5 raise; from v2.28.0 (#7071) it
   * goes to the end of the last user message already built (B 1476-1506, 1586-1596 at v2.33.0).
   */
  leadingCachePoint: "raise" | "attach-to-previous-user";
  /** The words for two adjacent CachePoints: the first-content text until v2.28.0 added its own (B 1597-1600). */
  adjacentCachePointError: string;
  /**
   * Claude's tool schemas: v1.74.0's Bedrock profile has no schema transformer (raw); later releases use
   * BedrockJsonSchemaTransformer, which drops `title` and `$schema` (providers/bedrock.py at v1.107.5, v2.33.0).
   */
  claudeSchema: "raw" | "strip-title";
  /**
   * A conversation that starts with an assistant turn gets a synthetic `{"text": "."}` user turn: always in
   * v1.74.0 and v1.107.5; at v2.33.0 only for models without `bedrock_supports_leading_assistant_message`
   * (Claude has it, Nova does not).
   */
  leadingAssistantTurn: "always-synthetic" | "model-gated";
  /**
   * v2.33.0 does not merge a `toolResult` with a document or video into one Claude user turn: it separates
   * them with a synthetic `{"text": "."}` assistant turn (`bedrock_tool_result_colocatable_content`, B 1362-1399).
   */
  splitToolResultFromDocuments: boolean;
  /** The word in the unsupported-builtin error: "Builtin" (v1.74.0) or "Native" (renamed later). */
  builtinWord: "Builtin" | "Native";
}

/** `UserError` for a CachePoint with no content before it (B 1060-1064 at v1.74.0, 1497-1501 at v2.33.0), word for word. */
export const CONVERSE_FIRST_CONTENT_ERROR =
  "CachePoint cannot be the first content in a user message - there must be previous content to cache when using Bedrock. To cache system instructions or tool definitions, use the `bedrock_cache_instructions` or `bedrock_cache_tool_definitions` settings instead.";
/** `UserError` for two adjacent CachePoints from v2.28.0 on (B 1597-1600 at v2.33.0), word for word. */
export const CONVERSE_ADJACENT_ERROR = "CachePoint cannot be preceded by another CachePoint - there must be content between cache points when using Bedrock.";
/** `UserError` for a CachePoint after a message of documents or videos only (B 253-258 at v1.74.0, 461-464 at v2.33.0). */
export const CONVERSE_ONLY_DOCUMENT_ERROR =
  "CachePoint cannot be placed when the user message contains only a document or video, due to Bedrock API restrictions. Add text content before or after your document or video to enable caching.";

const RULES: Record<Semantics, ConverseRules> = {
  "pydantic-ai@1.74": {
    ttl: "never",
    instructionBlocks: false,
    leadingCachePoint: "raise",
    adjacentCachePointError: CONVERSE_FIRST_CONTENT_ERROR,
    claudeSchema: "raw",
    leadingAssistantTurn: "always-synthetic",
    splitToolResultFromDocuments: false,
    builtinWord: "Builtin",
  },
  "pydantic-ai@1.107": {
    ttl: "when-string",
    instructionBlocks: true,
    leadingCachePoint: "raise",
    adjacentCachePointError: CONVERSE_FIRST_CONTENT_ERROR,
    claudeSchema: "strip-title",
    leadingAssistantTurn: "always-synthetic",
    splitToolResultFromDocuments: false,
    builtinWord: "Native",
  },
  "pydantic-ai@2.33": {
    ttl: "when-string",
    instructionBlocks: true,
    leadingCachePoint: "attach-to-previous-user",
    adjacentCachePointError: CONVERSE_ADJACENT_ERROR,
    claudeSchema: "strip-title",
    leadingAssistantTurn: "model-gated",
    splitToolResultFromDocuments: true,
    builtinWord: "Native",
  },
};

export function converseRules(semantics: Semantics | undefined): ConverseRules {
  return RULES[semantics ?? "pydantic-ai@1.74"];
}

/** Bedrock's own limit of cache checkpoints, which `_limit_cache_points` enforces (B 1087-1148 at v1.74.0, B 1635-1697 at v2.33.0). */
export const CONVERSE_MAX_CACHE_POINTS = 4;
