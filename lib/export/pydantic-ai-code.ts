// Export an experiment as Pydantic AI code (docs/design.md §8): an Agent with AnthropicModelSettings for the
// cache settings and CachePoint markers in the user content, for the release the experiment names, so the
// request that release builds is the one the preview shows (docs/reference/pydantic-ai-caching.md §3–§6;
// docs/reference/pydantic-ai-2.md §2 for v1.107.5 and v2.33.0).
import { instructionParts } from "@/lib/cache/build-system";
import type { CacheSetting, Experiment, ExperimentMessage } from "@/lib/cache/experiment-schema";
import { automaticCacheSetting, rulesOf } from "@/lib/cache/semantics";
import { toPython } from "./request-code";

const py = (value: unknown, indent = 0) => toPython(value, indent);

function settingValue(value: CacheSetting): string | null {
  if (value === false) return null;
  return value === true ? "True" : JSON.stringify(value);
}

function userItems(message: Extract<ExperimentMessage, { role: "user" }>): { items: string[]; parts: string[] } {
  const items: string[] = [];
  const prompt: string[] = [];
  const parts: string[] = [];
  const flush = () => {
    items.push(...prompt);
    if (prompt.length) parts.push(`UserPromptPart(content=[${prompt.splice(0).join(", ")}])`);
  };
  for (const item of message.content) {
    switch (item.type) {
      case "text":
        prompt.push(py(item.text));
        break;
      case "cache_point":
        prompt.push(item.ttl && item.ttl !== "5m" ? `CachePoint(ttl=${JSON.stringify(item.ttl)})` : "CachePoint()");
        break;
      case "image":
        prompt.push(`ImageUrl(url=${py(item.url)})`);
        break;
      case "document":
        prompt.push(`DocumentUrl(url=${py(item.url)})`);
        break;
      case "tool_result":
        flush();
        parts.push(`ToolReturnPart(tool_name=${py(item.tool_name ?? "tool")}, content=${py(item.content)}, tool_call_id=${py(item.tool_use_id)})`);
        break;
      case "tool_retry":
        flush();
        parts.push(
          item.tool_name
            ? `RetryPromptPart(tool_name=${py(item.tool_name)}, content=${py(item.content)}, tool_call_id=${py(item.tool_use_id ?? "")})`
            : `RetryPromptPart(content=${py(item.content)})`,
        );
        break;
    }
  }
  flush();
  return { items, parts };
}

function assistantParts(message: Extract<ExperimentMessage, { role: "assistant" }>): string[] {
  return message.content.map((item) => {
    switch (item.type) {
      case "text":
        return `TextPart(content=${py(item.text)})`;
      case "tool_use":
        return `ToolCallPart(tool_name=${py(item.name)}, args=${py(item.input, 2)}, tool_call_id=${py(item.id)})`;
      case "thinking":
        return `ThinkingPart(content=${py(item.thinking)}, signature=${py(item.signature)}, provider_name="anthropic")`;
    }
  });
}

const PROVIDER_SETUP: Record<Experiment["provider"], { imports: string[]; client: string }> = {
  anthropic: { imports: ["from anthropic import AsyncAnthropic"], client: "AsyncAnthropic()  # reads ANTHROPIC_API_KEY" },
  bedrock: { imports: ["from anthropic import AsyncAnthropicBedrock"], client: "AsyncAnthropicBedrock()  # AWS credentials and AWS_REGION" },
  vertex: { imports: ["from anthropic import AsyncAnthropicVertex"], client: 'AsyncAnthropicVertex(region="global")  # ANTHROPIC_VERTEX_PROJECT_ID' },
  foundry: { imports: ["from anthropic import AsyncAnthropicFoundry"], client: "AsyncAnthropicFoundry()  # ANTHROPIC_FOUNDRY_RESOURCE + ANTHROPIC_FOUNDRY_API_KEY" },
};

/**
 * Python that runs the experiment through Pydantic AI. The last user message is the prompt; earlier messages
 * become `message_history`, whose first request carries the system prompt parts (Pydantic AI hoists every
 * SystemPromptPart into `system`, docs/reference/pydantic-ai-caching.md §1.2). `modelId` is the id on the
 * experiment's provider.
 */
export function pydanticAiCode(experiment: Experiment, modelId: string): string {
  const setup = PROVIDER_SETUP[experiment.provider];
  const messages = [...experiment.messages];
  const last = messages.at(-1);
  const promptMessage = last?.role === "user" ? (messages.pop() as Extract<ExperimentMessage, { role: "user" }>) : undefined;
  const prompt = promptMessage ? userItems(promptMessage) : { items: [], parts: [] };
  // A prompt with tool returns cannot be a plain run_sync prompt: send it as history instead.
  const promptIsPlain = promptMessage !== undefined && prompt.parts.length <= 1 && prompt.parts.every((p) => p.startsWith("UserPromptPart"));
  if (promptMessage && !promptIsPlain) messages.push(promptMessage);

  const history: string[] = [];
  const systemParts = experiment.system.map((s) => `SystemPromptPart(content=${py(s, 2)})`);
  messages.forEach((message, i) => {
    const parts = message.role === "user" ? userItems(message).parts : assistantParts(message);
    if (i === 0 && systemParts.length) parts.unshift(...systemParts);
    history.push(message.role === "user" ? `    ModelRequest(parts=[${parts.join(", ")}]),` : `    ModelResponse(parts=[${parts.join(", ")}]),`);
  });
  if (history.length === 0 && systemParts.length && !promptIsPlain) history.push(`    ModelRequest(parts=[${systemParts.join(", ")}]),`);

  const rules = rulesOf(experiment);
  const later = rules.semantics !== "pydantic-ai@1.74";
  const settings = [`max_tokens=${experiment.max_tokens}`];
  for (const key of ["cache_instructions", "cache_tool_definitions", "cache_messages"] as const) {
    const value = settingValue(experiment.settings[key]);
    if (value) settings.push(`anthropic_${key}=${value}`);
  }
  const automatic = settingValue(automaticCacheSetting(experiment));
  if (automatic) settings.push(`anthropic_cache=${automatic}`);

  // A deferred tool: `Tool.defer_loading` (tools.py 434 at v2.33.0, 579 at v1.107.5); from_schema has no such argument.
  const tools = [...experiment.tools].map((t) => {
    const made = `Tool.from_schema(_not_run, name=${py(t.name)}, description=${py(t.description ?? "")}, json_schema=${py(t.input_schema, 1)})`;
    return t.defer_loading ? `_deferred(${made})` : made;
  });
  const deferred = experiment.tools.some((t) => t.defer_loading);

  // Instructions from v1.77.0 (docs/reference/pydantic-ai-2.md §2.5): the Agent's literal instructions are
  // one static part (joined and stripped, agent/__init__.py 3022 at v2.33.0), so a further static part comes
  // from a FunctionToolset's instructions (toolsets/function.py 602) and each dynamic part from an
  // @agent.instructions function; Pydantic AI sorts them static first, as the preview does.
  const parts = later ? instructionParts(experiment) : [];
  const statics = parts.filter((p) => !p.dynamic);
  const dynamics = parts.filter((p) => p.dynamic);
  const literal = later ? statics[0]?.text : typeof experiment.instructions === "string" && experiment.instructions ? experiment.instructions : undefined;
  const toolsetInstructions = statics.slice(1).map((p) => `FunctionToolset(instructions=${py(p.text, 2)})`);
  const outputTools = experiment.output_tools.map(
    (t) => `ToolOutput(${py(t.name)})  # output tool ${py(t.name)}: give it a Pydantic model with this schema: ${JSON.stringify(t.input_schema)}`,
  );
  const builtin: Record<string, string> = { web_search: "WebSearchTool()", code_execution: "CodeExecutionTool()", web_fetch: "WebFetchTool()", memory: "MemoryTool()" };
  const builtins = experiment.builtin_tools.map((b) => builtin[b] ?? b);
  // From v1.107 the Agent takes server tools as capabilities (capabilities/native_tool.py 18 at v2.33.0).
  const builtinLine = builtins.length ? (later ? `    capabilities=[${builtins.map((b) => `NativeTool(${b})`).join(", ")}],` : `    builtin_tools=[${builtins.join(", ")}],`) : null;
  const notes: string[] = [];
  if (later && experiment.provider === "bedrock" && experiment.provider_options.bedrock_ttl === "omit") {
    notes.push(`# CacheLab omits ttl on Bedrock for this experiment (provider_options.bedrock_ttl "omit"); pydantic-ai ${rules.release} has no setting for that and sends it.`);
  }
  if (deferred) notes.push("# Deferred tools: Pydantic AI sends \"defer_loading\": true where the model can search tools (tool search).");

  const lines = [
    `# Generated by CacheLab for pydantic-ai ${rules.release} (${rules.semantics}): the request this version builds is the one the preview shows.`,
    `# pip install "pydantic-ai-slim[anthropic]==${rules.release}"`,
    ...notes,
    ...setup.imports,
    `from pydantic_ai import Agent, CachePoint, DocumentUrl, ImageUrl, Tool${toolsetInstructions.length ? ", FunctionToolset" : ""}`,
    later ? "from pydantic_ai.native_tools import CodeExecutionTool, MemoryTool, WebFetchTool, WebSearchTool" : "from pydantic_ai.builtin_tools import CodeExecutionTool, MemoryTool, WebFetchTool, WebSearchTool",
    ...(later && builtins.length ? ["from pydantic_ai.capabilities import NativeTool"] : []),
    "from pydantic_ai.messages import (",
    "    ModelRequest, ModelResponse, RetryPromptPart, SystemPromptPart, TextPart, ThinkingPart,",
    "    ToolCallPart, ToolReturnPart, UserPromptPart,",
    ")",
    "from pydantic_ai.models.anthropic import AnthropicModel, AnthropicModelSettings",
    "from pydantic_ai.providers.anthropic import AnthropicProvider",
    "",
    "",
    "def _not_run(**kwargs):",
    '    raise NotImplementedError("CacheLab exported this tool\'s schema only")',
    "",
    "",
    ...(deferred ? ["def _deferred(tool):", "    tool.defer_loading = True", "    return tool", "", ""] : []),
    `model = AnthropicModel(${py(modelId)}, provider=AnthropicProvider(anthropic_client=${setup.client.split("  #")[0]}))${setup.client.includes("#") ? `  #${setup.client.split("  #")[1]}` : ""}`,
    `settings = AnthropicModelSettings(${settings.join(", ")})`,
    "agent = Agent(",
    "    model,",
    `    model_settings=settings,`,
    ...(history.length === 0 && experiment.system.length ? [`    system_prompt=${py(experiment.system, 1)},`] : []),
    ...(literal ? [`    instructions=${py(literal, 1)},`] : []),
    ...(tools.length ? [`    tools=[\n        ${tools.join(",\n        ")},\n    ],`] : []),
    ...(toolsetInstructions.length ? [`    toolsets=[${toolsetInstructions.join(", ")}],`] : []),
    ...(outputTools.length ? [`    # ${outputTools.join("\n    # ")}`] : []),
    ...(builtinLine ? [builtinLine] : []),
    ")",
    "",
  ];
  dynamics.forEach((part, i) => {
    lines.push("", "@agent.instructions", `def dynamic_instructions_${i + 1}() -> str:`, `    return ${py(part.text, 1)}`, "");
  });
  if (history.length) lines.push("history = [", ...history, "]", "");
  const promptArg = promptIsPlain ? `[${prompt.items.join(", ")}]` : "None";
  lines.push(`result = agent.run_sync(${promptArg}${history.length ? ", message_history=history" : ""})`, "print(result.usage())");
  return lines.join("\n");
}
