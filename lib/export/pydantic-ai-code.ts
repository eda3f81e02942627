// Export an experiment as Pydantic AI code (docs/design.md §8): an Agent with AnthropicModelSettings for the
// three cache settings and CachePoint markers in the user content, so the request Pydantic AI v1.74
// builds is the one the preview shows (docs/reference/pydantic-ai-caching.md §3–§6).
import type { CacheSetting, Experiment, ExperimentMessage } from "@/lib/cache/experiment-schema";
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

  const settings = [`max_tokens=${experiment.max_tokens}`];
  for (const key of ["cache_instructions", "cache_tool_definitions", "cache_messages"] as const) {
    const value = settingValue(experiment.settings[key]);
    if (value) settings.push(`anthropic_${key}=${value}`);
  }

  const tools = [...experiment.tools].map(
    (t) => `Tool.from_schema(_not_run, name=${py(t.name)}, description=${py(t.description ?? "")}, json_schema=${py(t.input_schema, 1)})`,
  );
  const outputTools = experiment.output_tools.map(
    (t) => `ToolOutput(${py(t.name)})  # output tool ${py(t.name)}: give it a Pydantic model with this schema: ${JSON.stringify(t.input_schema)}`,
  );
  const builtin: Record<string, string> = { web_search: "WebSearchTool()", code_execution: "CodeExecutionTool()", web_fetch: "WebFetchTool()", memory: "MemoryTool()" };
  const builtins = experiment.builtin_tools.map((b) => builtin[b] ?? b);

  const lines = [
    "# Generated by CacheLab for pydantic-ai 1.74 (the semantics CacheLab reproduces).",
    ...setup.imports,
    "from pydantic_ai import Agent, CachePoint, DocumentUrl, ImageUrl, Tool",
    "from pydantic_ai.builtin_tools import CodeExecutionTool, MemoryTool, WebFetchTool, WebSearchTool",
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
    `model = AnthropicModel(${py(modelId)}, provider=AnthropicProvider(anthropic_client=${setup.client.split("  #")[0]}))${setup.client.includes("#") ? `  #${setup.client.split("  #")[1]}` : ""}`,
    `settings = AnthropicModelSettings(${settings.join(", ")})`,
    "agent = Agent(",
    "    model,",
    `    model_settings=settings,`,
    ...(history.length === 0 && experiment.system.length ? [`    system_prompt=${py(experiment.system, 1)},`] : []),
    ...(experiment.instructions ? [`    instructions=${py(experiment.instructions, 1)},`] : []),
    ...(tools.length ? [`    tools=[\n        ${tools.join(",\n        ")},\n    ],`] : []),
    ...(outputTools.length ? [`    # ${outputTools.join("\n    # ")}`] : []),
    ...(builtins.length ? [`    builtin_tools=[${builtins.join(", ")}],`] : []),
    ")",
    "",
  ];
  if (history.length) lines.push("history = [", ...history, "]", "");
  const promptArg = promptIsPlain ? `[${prompt.items.join(", ")}]` : "None";
  lines.push(`result = agent.run_sync(${promptArg}${history.length ? ", message_history=history" : ""})`, "print(result.usage())");
  return lines.join("\n");
}
