// The experiment document, format `cachelab.experiment.v1` (docs/design.md §3): one JSON value that holds
// everything needed to rebuild a request. Objects are strict so a typo ("cache_message") is an error
// with its path instead of a silently ignored field; optional fields take the defaults written here.
// Validation stops at shape and size: where a cache_point may go is checked by `checkCachePoints`
// and enforced by buildRequest with Pydantic AI's own words (docs/reference/pydantic-ai-caching.md §6.3).
import { z } from "zod";
import { BEDROCK_ENDPOINTS, BEDROCK_GEOS } from "./catalog";
import { formatIssues } from "./experiment-issues";
import { MAX_BLOCKS, MAX_MESSAGES, MAX_TOOLS, measureJson } from "./experiment-limits";
import { jsonErrorOffset, lineAndColumn } from "./json-position";
import { type AppError, type Result, err, ok } from "./result";
import { DEFAULT_MAX_TOKENS, DEFAULT_MODEL_ID, MAX_TOKENS_CEILING } from "./rules";
import { SEMANTICS, semanticsRules } from "./semantics";
import { PROVIDERS } from "./wire-types";

export const EXPERIMENT_FORMAT = "cachelab.experiment.v1";

/** `false` | `true` | "5m" | "1h"; `true` means "5m" (docs/reference/pydantic-ai-caching.md §2). */
export const cacheSettingSchema = z.union([z.boolean(), z.enum(["5m", "1h"])]);
export const ttlSchema = z.enum(["5m", "1h"]);

// Anthropic's tool-name rule; checking it here beats a 400 from the API after a run is started.
const toolNameSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[a-zA-Z0-9_-]+$/, { error: "a tool name may only contain letters, digits, '_' and '-'" });

/** A JSON Schema object: the tool's `input_schema`. Anything but a JSON object is rejected. */
const jsonObjectSchema = z.record(z.string(), z.unknown(), {
  error: (issue) => (issue.code === "invalid_type" ? "must be a JSON object such as {\"type\": \"object\", \"properties\": {}}" : undefined),
});

export const toolSchema = z.strictObject({
  name: toolNameSchema,
  description: z.string().optional(),
  input_schema: jsonObjectSchema,
  // Sent as `"defer_loading": true` (tool search); the tool cache skips it. From Pydantic AI v1.95.0
  // on (docs/reference/pydantic-ai-2.md §2.8); refused under pydantic-ai@1.74 (see `versionIssues`).
  defer_loading: z.boolean().optional(),
});

/**
 * One instruction part as Pydantic AI's `InstructionPart(content, dynamic)`: static parts (the
 * Agent's literal instructions) are sent before dynamic ones (`@agent.instructions` functions), each
 * as its own system block (docs/reference/pydantic-ai-2.md §2.5). Empty text makes no block, as the
 * Agent drops empty instructions.
 */
export const instructionPartSchema = z.strictObject({ text: z.string(), dynamic: z.boolean().default(false) });

export const builtinToolSchema = z.enum(["web_search", "code_execution", "web_fetch", "memory"]);

const textBlock = z.strictObject({ type: z.literal("text"), text: z.string() });
const cachePointBlock = z.strictObject({ type: z.literal("cache_point"), ttl: ttlSchema.optional() });
const imageBlock = z.strictObject({ type: z.literal("image"), url: z.string().min(1) });
const documentBlock = z.strictObject({ type: z.literal("document"), url: z.string().min(1) });
// A tool's return value: usually a string. Any other single JSON value is accepted and stored as its compact
// JSON, which is exactly the text ToolReturnPart.content_items(mode='str') sends for it
// (docs/reference/pydantic-ai-caching.md §1.4), so the parsed document keeps `content: string`. A list would
// become one block per item, which a string cannot say, so it is refused with a way out.
const toolReturnContent = z
  .json()
  .refine((value) => !Array.isArray(value), {
    error: "a list as a tool return is not supported; pass a string, or one JSON value such as an object",
  })
  .transform((value) => (typeof value === "string" ? value : JSON.stringify(value)));
const toolResultBlock = z.strictObject({
  type: z.literal("tool_result"),
  tool_use_id: z.string().min(1),
  tool_name: z.string().optional(),
  content: toolReturnContent,
});
// A retry without `tool_name` is Pydantic AI's plain validation feedback: it becomes a text block.
const toolRetryBlock = z.strictObject({
  type: z.literal("tool_retry"),
  tool_use_id: z.string().min(1).optional(),
  tool_name: z.string().optional(),
  content: z.string(),
});
const toolUseBlock = z.strictObject({
  type: z.literal("tool_use"),
  id: z.string().min(1),
  name: z.string().min(1),
  input: jsonObjectSchema.default({}),
});
// Extension (docs/reference/pydantic-ai-caching.md §1.4): a signed thinking block replayed from an earlier
// Anthropic response. It cannot carry cache_control, so cache_messages on a trailing one fails as upstream
// does.
const thinkingBlock = z.strictObject({ type: z.literal("thinking"), thinking: z.string(), signature: z.string() });

export const userContentSchema = z.discriminatedUnion("type", [
  textBlock,
  cachePointBlock,
  imageBlock,
  documentBlock,
  toolResultBlock,
  toolRetryBlock,
]);
export const assistantContentSchema = z.discriminatedUnion("type", [textBlock, toolUseBlock, thinkingBlock]);

export const messageSchema = z.discriminatedUnion("role", [
  z.strictObject({ role: z.literal("user"), content: z.array(userContentSchema).max(MAX_BLOCKS) }),
  z.strictObject({ role: z.literal("assistant"), content: z.array(assistantContentSchema).max(MAX_BLOCKS) }),
]);

const nonNegative = z.number().finite().nonnegative();

/**
 * Per-experiment overrides of catalog numbers (docs/design.md §6: numbers drift, a user may correct them).
 * Prices are USD per million tokens; each one left out keeps the catalog's value.
 */
export const overridesSchema = z.strictObject({
  min_cacheable_tokens: z.number().int().nonnegative().optional(),
  prices: z
    .strictObject({
      input: nonNegative.optional(),
      write_5m: nonNegative.optional(),
      write_1h: nonNegative.optional(),
      read: nonNegative.optional(),
      output: nonNegative.optional(),
    })
    .optional(),
});

const experimentObjectSchema = z.strictObject({
  format: z.literal(EXPERIMENT_FORMAT).optional(),
  name: z.string().max(500).optional(),
  // Which Pydantic AI release builds the body (semantics.ts); absent means pydantic-ai@1.74.
  semantics: z.enum(SEMANTICS).optional(),
  provider: z.enum(PROVIDERS as readonly ["anthropic", "bedrock", "vertex", "foundry"]).default("anthropic"),
  model: z.string().min(1).max(200).default(DEFAULT_MODEL_ID),
  // 0 pre-warms the cache (docs/reference/anthropic-caching.md §1.11).
  max_tokens: z.number().int().min(0).max(MAX_TOKENS_CEILING).default(DEFAULT_MAX_TOKENS),
  provider_options: z
    .strictObject({
      // Left out: the release's rule (semantics.ts `bedrockTtlDefault`), filled in after parsing.
      bedrock_ttl: z.enum(["omit", "send"]).optional(),
      // The Bedrock inference profile for models InvokeModel serves only through one
      // (docs/reference/anthropic-caching.md §6.1); "global" where the model offers it, so documents
      // written before it keep their meaning.
      bedrock_profile: z.enum(BEDROCK_GEOS).default("global"),
      // Which Bedrock endpoint: InvokeModel ("invoke", what documents before it meant) or Claude in
      // Amazon Bedrock ("mantle", the first-party Messages API; docs/reference/anthropic-caching.md §6.2).
      bedrock_endpoint: z.enum(BEDROCK_ENDPOINTS).default("invoke"),
      // The OpenAI Responses target's prompt_cache_options.mode (lib/vendors/openai/build.ts); left out it
      // means OpenAI's own default, "implicit" (lib/vendors/catalog.ts OPENAI.defaultMode).
      openai_cache_mode: z.enum(["implicit", "explicit"]).optional(),
    })
    .default({ bedrock_profile: "global", bedrock_endpoint: "invoke" }),
  settings: z
    .strictObject({
      cache_instructions: cacheSettingSchema.default(false),
      cache_tool_definitions: cacheSettingSchema.default(false),
      cache_messages: cacheSettingSchema.default(false),
      // `anthropic_cache`: automatic caching, a top-level cache_control (docs/reference/pydantic-ai-2.md §2.3).
      cache: cacheSettingSchema.optional(),
    })
    .default({ cache_instructions: false, cache_tool_definitions: false, cache_messages: false }),
  // Every list has a length cap, which zod checks before the items (experiment-limits.ts).
  system: z.array(z.string()).max(MAX_BLOCKS).default([]),
  instructions: z.union([z.string(), z.array(instructionPartSchema).max(MAX_BLOCKS)]).optional(),
  tools: z.array(toolSchema).max(MAX_TOOLS).default([]),
  output_tools: z.array(toolSchema).max(MAX_TOOLS).default([]),
  builtin_tools: z.array(builtinToolSchema).max(builtinToolSchema.options.length).default([]),
  messages: z.array(messageSchema).max(MAX_MESSAGES),
  overrides: overridesSchema.optional(),
});

type ParsedObject = z.infer<typeof experimentObjectSchema>;

function withoutTtl<T extends { bedrock_ttl?: unknown }>(options: T): Omit<T, "bedrock_ttl"> {
  const { bedrock_ttl: _ttl, ...rest } = options;
  return rest;
}

/**
 * What the document's release cannot say is refused with its path, never ignored: v1.74.0 has no
 * `anthropic_cache` setting, no instruction parts and no deferred tools (docs/reference/pydantic-ai-2.md §1).
 */
function versionIssues(experiment: ParsedObject): { path: (string | number)[]; message: string }[] {
  const rules = semanticsRules(experiment.semantics);
  const needs = (what: string, since: string) =>
    `${what} exists from Pydantic AI ${since} on; this experiment follows ${rules.semantics}: set "semantics" to "pydantic-ai@1.107" or "pydantic-ai@2.33" to use it`;
  const issues: { path: (string | number)[]; message: string }[] = [];
  if (!rules.automaticCache && experiment.settings.cache !== undefined) {
    issues.push({ path: ["settings", "cache"], message: needs("automatic caching (`anthropic_cache`)", "1.83") });
  }
  if (!rules.instructionBlocks && Array.isArray(experiment.instructions)) {
    issues.push({ path: ["instructions"], message: `${needs("instructions as parts with `dynamic`", "1.77")}, or write the instructions as one string` });
  }
  experiment.tools.forEach((tool, i) => {
    if (!rules.deferredTools && tool.defer_loading !== undefined) issues.push({ path: ["tools", i, "defer_loading"], message: needs("`defer_loading`", "1.95") });
  });
  // Output tools end the run; Pydantic AI never defers them.
  experiment.output_tools.forEach((tool, i) => {
    if (tool.defer_loading !== undefined) issues.push({ path: ["output_tools", i, "defer_loading"], message: "an output tool cannot be deferred; remove defer_loading" });
  });
  return issues;
}

export const experimentSchema = experimentObjectSchema
  .superRefine((experiment, ctx) => {
    for (const issue of versionIssues(experiment)) ctx.addIssue({ code: "custom", input: experiment, ...issue });
  })
  .transform((experiment) => ({
    ...experiment,
    // bedrock_ttl first, as in the schema, whether or not it was written: a document re-parses to the same JSON.
    provider_options: { bedrock_ttl: experiment.provider_options.bedrock_ttl ?? semanticsRules(experiment.semantics).bedrockTtlDefault, ...withoutTtl(experiment.provider_options) },
  }));

/** A validated experiment with every default filled in. */
export type Experiment = z.infer<typeof experimentSchema>;
/** What a person may write: optional fields may be left out. */
export type ExperimentInput = z.input<typeof experimentSchema>;
export type ExperimentMessage = Experiment["messages"][number];
export type UserContent = z.infer<typeof userContentSchema>;
export type AssistantContent = z.infer<typeof assistantContentSchema>;
export type ExperimentTool = z.infer<typeof toolSchema>;
export type InstructionPart = z.infer<typeof instructionPartSchema>;
export type BuiltinTool = z.infer<typeof builtinToolSchema>;
export type CacheSetting = z.infer<typeof cacheSettingSchema>;

function invalid(message: string, issues: AppError["issues"]): AppError {
  return { code: "invalid_experiment", message, issues };
}

/** Validates an already-parsed JSON value as an experiment. Never throws. */
export function parseExperiment(input: unknown): Result<Experiment> {
  const measured = measureJson(input);
  if (!measured.ok) return measured;
  const parsed = experimentSchema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const issues = formatIssues(parsed.error.issues, input);
  const first = issues[0];
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
  return err(invalid(first ? `${first.path || "experiment"}: ${first.message}${more}` : "The experiment is not valid.", issues));
}

/** Parses raw JSON text (a file, a paste, stdin) and validates it. Never throws. */
export function parseExperimentJson(text: string): Result<Experiment> {
  const parsed = parseJsonText(text);
  return parsed.ok ? parseExperiment(parsed.value) : parsed;
}

/** JSON.parse as a Result, with the line and column of a syntax error. */
export function parseJsonText(text: string): Result<unknown> {
  const tooBig = measureJson(text);
  if (!tooBig.ok) return tooBig;
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (e) {
    const detail = (e instanceof Error ? e.message : String(e)).replace(/\.$/, "");
    const offset = jsonErrorOffset(text);
    const where = offset >= 0 ? lineAndColumn(text, offset) : null;
    const at = where ? ` at line ${where.line}, column ${where.column}` : "";
    const found = offset >= 0 && offset < text.length ? `unexpected ${JSON.stringify(text[offset])}` : offset === text.length ? "the text ends too early" : detail;
    return err({
      code: "invalid_json",
      message: `The experiment is not valid JSON${at}: ${found}.`,
      issues: [{ path: "", message: `${where ? `line ${where.line}, column ${where.column}: ` : ""}${found}` }],
    });
  }
}

/**
 * Recorded test cases (docs/reference/pydantic-ai-caching.md §13) are experiments plus `expected` and
 * `source`, which are not part of the document. Removes those two keys from a top-level object and leaves
 * everything else.
 */
export function stripCaseFields(value: unknown): { value: unknown; stripped: string[] } {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return { value, stripped: [] };
  const { expected, source, ...rest } = value as Record<string, unknown>;
  const stripped = [...(expected !== undefined ? ["expected"] : []), ...(source !== undefined ? ["source"] : [])];
  return { value: rest, stripped };
}

export { checkCachePoints } from "./experiment-checks";
