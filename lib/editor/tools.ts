// Pure transitions over tool definitions (function tools and output tools) and builtin tools,
// plus the JSON Schema check the tool editor shows while a user types.
import { err, ok, type Result } from "@/lib/cache/result";
import { duplicateAt, insertAt, moveItem, removeAt, replaceAt } from "./list";
import type { BuiltinTool } from "@/lib/cache/experiment-schema";
import type { Experiment, ToolDefinition } from "./types";

export type ToolList = "tools" | "output_tools";

/**
 * Builtin (server) tools the experiment document accepts; appended after caching, never cached
 * (docs/design.md §4 item 2).
 */
export const BUILTIN_TOOLS: readonly BuiltinTool[] = ["web_search", "code_execution", "web_fetch", "memory"];

export function newTool(existing: readonly ToolDefinition[], list: ToolList = "tools"): ToolDefinition {
  const base = list === "output_tools" ? "final_result" : "new_tool";
  let name = base;
  for (let n = 2; existing.some((t) => t.name === name); n++) name = `${base}_${n}`;
  return { name, description: "", input_schema: { type: "object", properties: {} } };
}

export function addTool(experiment: Experiment, list: ToolList, tool?: ToolDefinition, index?: number): Experiment {
  const tools = experiment[list];
  return { ...experiment, [list]: insertAt(tools, index ?? tools.length, tool ?? newTool([...experiment.tools, ...experiment.output_tools], list)) };
}

export function updateTool(experiment: Experiment, list: ToolList, index: number, patch: Partial<ToolDefinition>): Experiment {
  const tool = experiment[list][index];
  if (!tool) return experiment;
  return { ...experiment, [list]: replaceAt(experiment[list], index, { ...tool, ...patch }) };
}

export function removeTool(experiment: Experiment, list: ToolList, index: number): Experiment {
  return { ...experiment, [list]: removeAt(experiment[list], index) };
}

/** Copies a tool right after it, renamed so names stay unique (the API rejects duplicate tool names). */
export function duplicateTool(experiment: Experiment, list: ToolList, index: number): Experiment {
  const tool = experiment[list][index];
  if (!tool) return experiment;
  const all = [...experiment.tools, ...experiment.output_tools];
  let name = `${tool.name}_copy`;
  for (let n = 2; all.some((t) => t.name === name); n++) name = `${tool.name}_copy_${n}`;
  const tools = duplicateAt(experiment[list], index);
  return { ...experiment, [list]: replaceAt(tools, index + 1, { ...(tools[index + 1] as ToolDefinition), name }) };
}

export function moveTool(experiment: Experiment, list: ToolList, from: number, to: number): Experiment {
  return { ...experiment, [list]: moveItem(experiment[list], from, to) };
}

export function setBuiltinTool(experiment: Experiment, name: BuiltinTool, enabled: boolean): Experiment {
  const has = experiment.builtin_tools.includes(name);
  if (has === enabled) return experiment;
  const builtin_tools = enabled ? [...experiment.builtin_tools, name] : experiment.builtin_tools.filter((t) => t !== name);
  return { ...experiment, builtin_tools };
}

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** The API's rule for tool names (1–64 letters, digits, "_" or "-"), as a sentence or undefined. */
export function toolNameProblem(name: string, others: readonly string[]): string | undefined {
  if (!TOOL_NAME.test(name)) return "A tool name is 1–64 letters, digits, underscores or hyphens.";
  if (others.includes(name)) return `Another tool is already called "${name}": tool names must be unique.`;
  return undefined;
}

/**
 * Parses the JSON Schema text of a tool's input. The Messages API wants an object schema
 * (`"type": "object"`); anything else is reported with where it went wrong.
 */
export function parseInputSchema(text: string): Result<Record<string, unknown>> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return err({ code: "invalid_schema:json", message: `This is not valid JSON: ${detail}` });
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return err({ code: "invalid_schema:shape", message: "The input schema must be a JSON object such as {\"type\": \"object\", \"properties\": {}}." });
  }
  const schema = value as Record<string, unknown>;
  const issues: { path: string; message: string }[] = [];
  if (schema.type !== "object") issues.push({ path: "type", message: 'must be "object": tool input is always an object' });
  if (schema.properties !== undefined && (schema.properties === null || typeof schema.properties !== "object" || Array.isArray(schema.properties))) {
    issues.push({ path: "properties", message: "must be an object mapping each argument to its schema" });
  }
  if (schema.required !== undefined) {
    if (!Array.isArray(schema.required) || schema.required.some((r) => typeof r !== "string")) {
      issues.push({ path: "required", message: "must be an array of argument names" });
    } else {
      const props = (schema.properties ?? {}) as Record<string, unknown>;
      for (const name of schema.required as string[]) {
        if (!(name in props)) issues.push({ path: `required`, message: `names "${name}", which is not in properties` });
      }
    }
  }
  if (issues.length) {
    return err({ code: "invalid_schema:content", message: issues.map((i) => `${i.path} ${i.message}`).join("; "), issues });
  }
  return ok(schema);
}
