// Tools as Pydantic AI sends them (docs/reference/pydantic-ai-caching.md §1.3, §4; docs/reference/pydantic-ai-2.md §2.8):
// function tools then output tools, deduplicated by name like a Python dict, schemas without
// `title`/`$schema`, cache_control on the last of them (from v1.95.0 the last one not deferred), and
// builtin (server) tools appended after that step so they are never cached.
import { type BreakpointRequest, makeCacheControl, resolveTtl } from "./breakpoint-trace";
import type { BuiltinTool, Experiment, ExperimentTool } from "./experiment-schema";
import { type AppError, type Result, err, ok } from "./result";
import { type DocumentPath, documentPath } from "./paths";
import { PYDANTIC_AI_ERRORS } from "./rules";
import type { SemanticsRules } from "./semantics";
import type { ProviderId, ToolParam } from "./wire-types";

// JSON Schema keywords whose value is a schema, a list of schemas, or a map of name → schema.
// Only these are walked, so a property that happens to be called "title" keeps its name.
const SCHEMA_KEYS = new Set(["additionalProperties", "items", "not", "if", "then", "else", "contains", "propertyNames", "unevaluatedItems", "unevaluatedProperties", "additionalItems"]);
const SCHEMA_LIST_KEYS = new Set(["anyOf", "oneOf", "allOf", "prefixItems"]);
const SCHEMA_MAP_KEYS = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/**
 * AnthropicJsonSchemaTransformer (docs/reference/pydantic-ai-caching.md §1.3): removes `title` and `$schema`
 * at every level of a JSON Schema. Returns a new object; the experiment is left untouched. Depth is bounded
 * by the schema's size cap (experiment-limits.ts).
 */
export function cleanToolSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(cleanToolSchema);
  if (!isRecord(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(schema)) {
    if (key === "title" || key === "$schema") continue;
    const value = schema[key];
    if (SCHEMA_KEYS.has(key) || SCHEMA_LIST_KEYS.has(key)) out[key] = cleanToolSchema(value);
    else if (SCHEMA_MAP_KEYS.has(key) && isRecord(value)) {
      const map: Record<string, unknown> = {};
      for (const name of Object.keys(value)) map[name] = cleanToolSchema(value[name]);
      out[key] = map;
    } else out[key] = value;
  }
  return out;
}

function mapTool(tool: ExperimentTool): ToolParam {
  const param: ToolParam = { name: tool.name, description: tool.description || "", input_schema: cleanToolSchema(tool.input_schema) };
  // `_map_tool_definition` (A 2579-2580 at v2.33.0): a deferred tool carries the wire flag.
  if (tool.defer_loading === true) param.defer_loading = true;
  return param;
}

/** What the builtin-tool shapes depend on besides the release: the client and the model's profile. */
export interface BuiltinContext {
  provider: ProviderId;
  /**
   * The model name as Pydantic AI's profile reads it: the id with a Bedrock `…anthropic.` prefix
   * stripped (`AnthropicProvider.model_profile`, providers/anthropic.py 98-100 at v2.33.0).
   */
  profileModel: string;
}

// `_ANTHROPIC_CODE_EXECUTION_20260120_MODEL_PREFIXES` (profiles/anthropic.py 25-36 at v2.33.0, 25-34 at v1.107.5).
const CODE_EXECUTION_20260120_V1_107 = ["claude-fable-5", "claude-mythos-5", "claude-opus-4-5", "claude-opus-4-6", "claude-opus-4-7", "claude-opus-4-8", "claude-sonnet-4-5", "claude-sonnet-4-6"];
const CODE_EXECUTION_20260120_V2_33 = [...CODE_EXECUTION_20260120_V1_107, "claude-opus-5", "claude-sonnet-5"];
// `supports_dynamic_filtering` (profiles/anthropic.py 247-259 at v2.33.0), narrowed off for
// AsyncAnthropicBedrock and AsyncAnthropicVertex (`_WEB_TOOLS_20260209_UNSUPPORTED_CLIENTS`, A 302, 686-688).
const DYNAMIC_FILTERING_V2_33 = ["claude-fable-5", "claude-mythos-5", "claude-mythos-preview", "claude-sonnet-4-6", "claude-sonnet-5", "claude-opus-4-6", "claude-opus-4-7", "claude-opus-4-8", "claude-opus-5"];

const startsWithAny = (name: string, prefixes: readonly string[]) => prefixes.some((p) => name.startsWith(p));

/** The Bedrock id's `[geo.]anthropic.` segment is stripped before the profile's prefix checks. */
export function profileModelName(modelId: string): string {
  return modelId.replace(/^(?:[a-z0-9-]+\.)?anthropic\./, "");
}

/**
 * The shapes Pydantic AI appends for builtin tools; the SDK writes `None` as JSON null.
 * v1.74.0: A 683-746 (docs/reference/pydantic-ai-caching.md §1.3). v1.107.5: `_add_native_tools` A 1036-1122,
 * code execution by model (`_get_code_execution_tool_version` A 1003-1019). v2.33.0: A 1442-1569, web
 * search and fetch `_20260209` on dynamic-filtering models (#4844, docs/reference/pydantic-ai-2.md §2.8).
 */
export function builtinToolParam(tool: Exclude<BuiltinTool, "memory">, rules: Pick<SemanticsRules, "builtinTools">, context: BuiltinContext): ToolParam {
  const dynamicFiltering =
    rules.builtinTools === "2.33" && context.provider !== "bedrock" && context.provider !== "vertex" && startsWithAny(context.profileModel, DYNAMIC_FILTERING_V2_33);
  switch (tool) {
    case "web_search":
      return { name: "web_search", type: dynamicFiltering ? "web_search_20260209" : "web_search_20250305", max_uses: null, allowed_domains: null, blocked_domains: null, user_location: null };
    case "code_execution": {
      if (rules.builtinTools === "1.74") return { name: "code_execution", type: "code_execution_20250522" };
      const newer = startsWithAny(context.profileModel, rules.builtinTools === "2.33" ? CODE_EXECUTION_20260120_V2_33 : CODE_EXECUTION_20260120_V1_107);
      return { name: "code_execution", type: newer ? "code_execution_20260120" : "code_execution_20250825" };
    }
    case "web_fetch":
      return {
        name: "web_fetch",
        type: dynamicFiltering ? "web_fetch_20260209" : "web_fetch_20250910",
        max_uses: null,
        allowed_domains: null,
        blocked_domains: null,
        citations: null,
        max_content_tokens: null,
      };
  }
}

/**
 * Server tools a v2.33.0 client refuses (A 296-302, 678-683): no web search or fetch on
 * AsyncAnthropicBedrock, no web fetch on AsyncAnthropicVertex. v1.107.5 narrows nothing.
 */
function unsupportedBuiltins(experiment: Experiment, rules: Pick<SemanticsRules, "builtinTools">, provider: ProviderId): BuiltinTool[] {
  if (rules.builtinTools !== "2.33") return [];
  return experiment.builtin_tools.filter((b) => (b === "web_search" && provider === "bedrock") || (b === "web_fetch" && (provider === "bedrock" || provider === "vertex")));
}

const NATIVE_TOOL_CLASS: Record<BuiltinTool, string> = { web_search: "WebSearchTool", web_fetch: "WebFetchTool", code_execution: "CodeExecutionTool", memory: "MemoryTool" };

export interface MappedTools {
  tools: ToolParam[];
  requests: BreakpointRequest[];
  /** For each wire tool, where the experiment holds it ("tools[1]", "output_tools[0]", "builtin_tools[0]"). */
  sources: DocumentPath[];
}

/** `UserError` when a request's wire tools are all deferred (A 937-941 at v2.33.0). */
export const ALL_TOOLS_DEFERRED_ERROR =
  "Anthropic rejects a request whose wire tools all have `defer_loading=True`. Make at least one tool visible, or add a tool-search surface or capability catalog.";

export function mapTools(experiment: Experiment, stripTtl: boolean, rules: SemanticsRules, context: BuiltinContext): Result<MappedTools, AppError> {
  const unsupported = unsupportedBuiltins(experiment, rules, context.provider);
  if (unsupported.length > 0) {
    // `resolve_request_tools` (models/__init__.py 1859-1869 at v2.33.0); its list of supported tools
    // comes from a frozenset, in no fixed order, so only the first sentence is quoted.
    const names = `[${unsupported.map((b) => `'${NATIVE_TOOL_CLASS[b]}'`).join(", ")}]`;
    const message = `Native tool(s) ${names} not supported by this model. ${rules.label} offers no web search or web fetch on Bedrock (InvokeModel) and no web fetch on Vertex.`;
    return err({ code: "builtin_tool_error", message, issues: [{ path: "builtin_tools", message: `remove ${unsupported.join(" and ")}, or pick another provider` }] });
  }
  // tool_defs = {t.name: t for t in [*function_tools, *output_tools]}: the first occurrence keeps
  // its position, the last one its definition.
  const byName = new Map<string, { tool: ExperimentTool; source: DocumentPath }>();
  experiment.tools.forEach((tool, i) => byName.set(tool.name, { tool, source: documentPath.tool(i) }));
  experiment.output_tools.forEach((tool, i) => byName.set(tool.name, { tool, source: documentPath.outputTool(i) }));
  let tools: ToolParam[] = [];
  let sources: DocumentPath[] = [];
  for (const { tool, source } of byName.values()) {
    tools.push(mapTool(tool));
    sources.push(source);
  }

  const requests: BreakpointRequest[] = [];
  const setting = experiment.settings.cache_tool_definitions;
  if (setting !== false) {
    const ttl = resolveTtl(setting);
    const request: BreakpointRequest = {
      id: "setting:cache_tool_definitions",
      origin: { kind: "setting", setting: "cache_tool_definitions" },
      requestedTtl: ttl,
      target: null,
    };
    // v1.95.0 on: the last tool without defer_loading (A 1640-1649 at v2.33.0, 1186-1196 at v1.107.5).
    const target = rules.deferredTools ? tools.findLastIndex((t) => t.defer_loading !== true) : tools.length - 1;
    if (target >= 0) {
      tools[target]!.cache_control = makeCacheControl(ttl, stripTtl);
      request.target = { section: "tools", blockIndex: target };
    } else if (tools.length > 0) {
      request.noEffectReason = "every tool is deferred (defer_loading), and Pydantic AI puts the tool cache only on a tool that is not, so cache_tool_definitions does nothing";
      request.noEffectCode = "tools_all_deferred";
    } else {
      request.noEffectReason = "there are no tools to cache, so cache_tool_definitions does nothing";
    }
    requests.push(request);
  }

  for (const [b, builtin] of experiment.builtin_tools.entries()) {
    if (builtin === "memory") {
      // MemoryTool replaces the function tool named "memory" (docs/reference/pydantic-ai-caching.md §1.3);
      // its cache_control goes with it.
      if (!byName.has("memory")) {
        const word = rules.builtinTools === "1.74" ? "Built-in" : "Native";
        return err({ code: "builtin_tool_error", message: PYDANTIC_AI_ERRORS.memoryToolMissing(word), issues: [{ path: "builtin_tools", message: "add a function tool named \"memory\"" }] });
      }
      const before = tools.length;
      const memoryIndex = tools.findIndex((t) => t.name === "memory");
      sources = sources.filter((_, i) => tools[i]!.name !== "memory");
      tools = tools.filter((t) => t.name !== "memory");
      const request = requests[0];
      if (request?.target?.section === "tools" && tools.length < before) {
        if (request.target.blockIndex === memoryIndex) {
          request.target = null;
          request.noEffectReason = "the last tool was \"memory\", which the memory builtin replaces, so its cache_control was removed with it";
        } else if (request.target.blockIndex > memoryIndex) {
          request.target = { section: "tools", blockIndex: request.target.blockIndex - 1 };
        }
      }
      tools.push({ name: "memory", type: "memory_20250818" });
    } else {
      tools.push(builtinToolParam(builtin, rules, context));
    }
    sources.push(documentPath.builtinTool(b));
  }
  if (rules.allToolsDeferredError && tools.length > 0 && tools.every((t) => t.defer_loading === true)) {
    return err({ code: "deferred_tools_error", message: ALL_TOOLS_DEFERRED_ERROR, issues: [{ path: "tools", message: "make at least one tool visible (no defer_loading), or add a builtin tool" }] });
  }
  return ok({ tools, requests, sources });
}
