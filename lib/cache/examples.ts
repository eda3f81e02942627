// Built-in example experiments for the playground, the docs and tests. Each one shows one caching
// situation; all are valid `cachelab.experiment.v1` documents (examples.test.ts checks it).
import { generateHandbook, generateParagraph } from "./example-text";
import { EXPERIMENT_FORMAT, type ExperimentInput } from "./experiment-schema";

export interface ExampleExperiment {
  id: string;
  title: string;
  description: string;
  experiment: ExperimentInput;
}

const HANDBOOK = generateHandbook(8);
const AGENT_GUIDE = [1, 2, 3, 4, 5, 6].map((seed) => generateParagraph(9, seed)).join("\n\n");

const text = (t: string) => ({ type: "text" as const, text: t });

const docsQa: ExampleExperiment = {
  id: "docs-qa",
  title: "Long document Q&A",
  description: "A ≈6,000-token handbook in the system prompt, cached with cache_instructions. The first call writes it; every later question reads it.",
  experiment: {
    format: EXPERIMENT_FORMAT,
    name: "Handbook Q&A",
    settings: { cache_instructions: true },
    system: ["You answer questions about the operations handbook below. Quote the section you rely on.", HANDBOOK],
    messages: [{ role: "user", content: [text("How many times does the ingestion service retry a failed upload, and who approves exceptions?")] }],
  },
};

const objectSchema = (properties: Record<string, unknown>, required: string[]) => ({ type: "object", properties, required, additionalProperties: false });

const agent: ExampleExperiment = {
  id: "agent-tools",
  title: "Agent with tools",
  description: "Tool definitions and the agent's guide cached separately, plus cache_messages so each tool round trip reuses the conversation so far.",
  experiment: {
    format: EXPERIMENT_FORMAT,
    name: "Support agent",
    settings: { cache_tool_definitions: true, cache_instructions: true, cache_messages: true },
    system: ["You are Northwind's support agent. Use the tools to look things up before answering; never guess account data."],
    instructions: AGENT_GUIDE,
    tools: [
      { name: "search_docs", description: "Full-text search over the public documentation.", input_schema: objectSchema({ query: { type: "string", description: "What to look for." }, limit: { type: "integer", minimum: 1, maximum: 20 } }, ["query"]) },
      { name: "get_workspace", description: "Plan, region and usage of a customer workspace.", input_schema: objectSchema({ workspace: { type: "string" } }, ["workspace"]) },
      { name: "list_incidents", description: "Open incidents affecting a region.", input_schema: objectSchema({ region: { type: "string", enum: ["eu-west", "us-east", "ap-south"] } }, ["region"]) },
      { name: "open_ticket", description: "Open a ticket for the on-call team.", input_schema: objectSchema({ summary: { type: "string" }, severity: { type: "integer", minimum: 1, maximum: 4 } }, ["summary", "severity"]) },
    ],
    messages: [
      { role: "user", content: [text("Our dashboards in workspace acme-prod stopped updating. Is something wrong on your side?")] },
      { role: "assistant", content: [text("Let me check the workspace first."), { type: "tool_use", id: "toolu_01", name: "get_workspace", input: { workspace: "acme-prod" } }] },
      { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_01", tool_name: "get_workspace", content: '{"plan": "enterprise", "region": "eu-west", "ingest_rate": 0}' }] },
      { role: "assistant", content: [{ type: "tool_use", id: "toolu_02", name: "list_incidents", input: { region: "eu-west" } }] },
      { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_02", tool_name: "list_incidents", content: '[{"title": "Delayed ingestion in eu-west", "severity": 2}]' }] },
    ],
  },
};

const chat: ExampleExperiment = {
  id: "multi-turn-chat",
  title: "Multi-turn chat",
  description: "A growing conversation with cache_messages: the breakpoint moves to the newest turn, and each turn reads what the previous one wrote.",
  experiment: {
    format: EXPERIMENT_FORMAT,
    name: "Chat about the handbook",
    settings: { cache_messages: true },
    system: ["You are a patient tutor for new on-call engineers.", generateHandbook(2, 11)],
    messages: [
      { role: "user", content: [text("What should I do first when a paging event arrives?")] },
      { role: "assistant", content: [text(generateParagraph(4, 21))] },
      { role: "user", content: [text("And if the affected component has no owner?")] },
      { role: "assistant", content: [text(generateParagraph(3, 22))] },
      { role: "user", content: [text("Summarise that as a three-step checklist.")] },
    ],
  },
};

const limit: ExampleExperiment = {
  id: "four-breakpoint-limit",
  title: "Hitting the 4-breakpoint limit",
  description: "System, tools, three cache points and cache_messages ask for six breakpoints; Pydantic AI keeps system, tools and the newest two message breakpoints and silently drops the two oldest cache points.",
  experiment: {
    format: EXPERIMENT_FORMAT,
    name: "Too many breakpoints",
    settings: { cache_instructions: true, cache_tool_definitions: true, cache_messages: true },
    system: ["You compare handbook chapters.", generateHandbook(2, 5)],
    tools: [{ name: "fetch_chapter", description: "Fetch a handbook chapter by number.", input_schema: objectSchema({ chapter: { type: "integer" } }, ["chapter"]) }],
    messages: [
      {
        role: "user",
        content: [
          text(generateParagraph(12, 31)),
          { type: "cache_point" },
          text(generateParagraph(12, 32)),
          { type: "cache_point" },
          text(generateParagraph(12, 33)),
          { type: "cache_point" },
          text("Which of these three excerpts is strictest about credentials?"),
        ],
      },
    ],
  },
};

const belowMinimum: ExampleExperiment = {
  id: "below-minimum",
  title: "A prompt below the minimum",
  description: "cache_messages on a short prompt: the request succeeds, but the prefix is under the model's minimum cacheable length, so nothing is written or read.",
  experiment: {
    format: EXPERIMENT_FORMAT,
    name: "Too short to cache",
    settings: { cache_messages: true },
    system: ["You are a helpful assistant."],
    messages: [{ role: "user", content: [text("What is prompt caching?")] }],
  },
};

const bedrock1h: ExampleExperiment = {
  id: "bedrock-1h",
  title: "Bedrock and the 1h TTL",
  description: "A 1h cache point on Bedrock: with the default rule the ttl is omitted and the entry lives 5 minutes; set provider_options.bedrock_ttl to \"send\" to keep 1h.",
  experiment: {
    format: EXPERIMENT_FORMAT,
    name: "Bedrock 1h",
    provider: "bedrock",
    provider_options: { bedrock_ttl: "omit" },
    messages: [{ role: "user", content: [text(generateHandbook(3, 13)), { type: "cache_point", ttl: "1h" }, text("List every rule about retries.")] }],
  },
};

export const EXAMPLES: readonly ExampleExperiment[] = [docsQa, agent, chat, limit, belowMinimum, bedrock1h];

export function findExample(id: string): ExampleExperiment | undefined {
  return EXAMPLES.find((e) => e.id === id);
}
