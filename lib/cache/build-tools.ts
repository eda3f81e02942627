// Tools as Pydantic AI v1.74.0 sends them (docs/reference/pydantic-ai-caching.md §1.3, §4): function tools
// then output tools, deduplicated by name like a Python dict, schemas without `title`/`$schema`,
// cache_control on the last of them, and builtin (server) tools appended after that step so they are never
// cached.
import { type BreakpointRequest, makeCacheControl, resolveTtl } from "./breakpoint-trace";
import type { BuiltinTool, Experiment, ExperimentTool } from "./experiment-schema";
import { type AppError, type Result, err, ok } from "./result";
import type { ToolParam } from "./wire-types";

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
  return { name: tool.name, description: tool.description || "", input_schema: cleanToolSchema(tool.input_schema) };
}

/** The shapes Pydantic AI v1.74.0 appends for builtin tools; the SDK writes `None` as JSON null. */
export function builtinToolParam(tool: Exclude<BuiltinTool, "memory">): ToolParam {
  switch (tool) {
    case "web_search":
      return { name: "web_search", type: "web_search_20250305", max_uses: null, allowed_domains: null, blocked_domains: null, user_location: null };
    case "code_execution":
      return { name: "code_execution", type: "code_execution_20250522" };
    case "web_fetch":
      return {
        name: "web_fetch",
        type: "web_fetch_20250910",
        max_uses: null,
        allowed_domains: null,
        blocked_domains: null,
        citations: null,
        max_content_tokens: null,
      };
  }
}

export interface MappedTools {
  tools: ToolParam[];
  requests: BreakpointRequest[];
  /** For each wire tool, the experiment path it came from ("tools[1]", "output_tools[0]", "builtin_tools[0]"). */
  sources: string[];
}

export function mapTools(experiment: Experiment, stripTtl: boolean): Result<MappedTools, AppError> {
  // tool_defs = {t.name: t for t in [*function_tools, *output_tools]}: the first occurrence keeps
  // its position, the last one its definition.
  const byName = new Map<string, { tool: ExperimentTool; source: string }>();
  experiment.tools.forEach((tool, i) => byName.set(tool.name, { tool, source: `tools[${i}]` }));
  experiment.output_tools.forEach((tool, i) => byName.set(tool.name, { tool, source: `output_tools[${i}]` }));
  let tools: ToolParam[] = [];
  let sources: string[] = [];
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
    if (tools.length > 0) {
      tools[tools.length - 1]!.cache_control = makeCacheControl(ttl, stripTtl);
      request.target = { section: "tools", blockIndex: tools.length - 1 };
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
        return err({ code: "builtin_tool_error", message: "Built-in `MemoryTool` requires a 'memory' tool to be defined.", issues: [{ path: "builtin_tools", message: "add a function tool named \"memory\"" }] });
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
      tools.push(builtinToolParam(builtin));
    }
    sources.push(`builtin_tools[${b}]`);
  }
  return ok({ tools, requests, sources });
}
