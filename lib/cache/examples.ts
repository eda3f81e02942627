// Built-in example experiments for the playground, the docs and tests. Each one shows one caching
// situation; all are valid `cachelab.experiment.v1` documents (examples.test.ts checks it).
import { generateHandbook, generateParagraph } from "./example-text";
import { EXPERIMENT_FORMAT, type ExperimentInput } from "./experiment-schema";
import { MAX_BREAKPOINTS } from "./rules";

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

const str = (description: string) => ({ type: "string", description });
const int = (description: string, minimum: number, maximum: number) => ({ type: "integer", description, minimum, maximum });

// Ten tools with the kind of descriptions real agents carry: together ≈1,300 tokens, so the tool
// breakpoint alone reaches Sonnet 4.6's 1,024-token minimum.
const AGENT_TOOLS = [
  { name: "search_docs", description: "Full-text search over the public documentation. Returns the best matching sections with their titles and a short excerpt. Use it before answering any how-to question, and cite the section you used.", input_schema: objectSchema({ query: str("Words to look for; quote exact error messages."), limit: int("How many sections to return.", 1, 20) }, ["query"]) },
  { name: "get_workspace", description: "Plan, region, seat count, ingest rate and current usage of one customer workspace. Requires the workspace slug exactly as the customer wrote it; never guess it from the company name.", input_schema: objectSchema({ workspace: str("The workspace slug, such as acme-prod.") }, ["workspace"]) },
  { name: "list_incidents", description: "Open and recently resolved incidents affecting a region, newest first, with severity and the public status-page text. Use it whenever a customer reports missing or delayed data.", input_schema: objectSchema({ region: { type: "string", enum: ["eu-west", "us-east", "ap-south"] }, include_resolved: { type: "boolean", description: "Also list incidents resolved in the last day." } }, ["region"]) },
  { name: "get_ingest_stats", description: "Per-minute ingest counts, rejected events and the most common rejection reasons for a workspace over a window. Use it to tell a customer-side problem from a platform one.", input_schema: objectSchema({ workspace: str("The workspace slug."), minutes: int("How far back to look.", 5, 1440) }, ["workspace", "minutes"]) },
  { name: "get_invoice", description: "The latest invoice of a workspace with line items for seats, ingest volume, retention and support. Only for billing questions from a workspace owner; never read amounts aloud to anyone else.", input_schema: objectSchema({ workspace: str("The workspace slug."), period: str("Billing period as YYYY-MM; the current one when left out.") }, ["workspace"]) },
  { name: "list_alert_rules", description: "The alert rules of a workspace with their thresholds, notification channels and whether each one fired recently. Use it when a customer asks why an alert did or did not fire.", input_schema: objectSchema({ workspace: str("The workspace slug."), only_firing: { type: "boolean", description: "Only rules that fired in the last day." } }, ["workspace"]) },
  { name: "get_audit_log", description: "Configuration changes in a workspace with the operator who made each one. Read-only. Use it when settings changed unexpectedly; it does not show data access.", input_schema: objectSchema({ workspace: str("The workspace slug."), limit: int("How many entries to return, newest first.", 1, 100) }, ["workspace"]) },
  { name: "request_export", description: "Start a data export of a workspace to the customer's own storage bucket. Exports run in the background; tell the customer they will get an email when it is ready. Needs an owner's confirmation in the conversation.", input_schema: objectSchema({ workspace: str("The workspace slug."), dataset: { type: "string", enum: ["metrics", "traces", "logs"] }, bucket: str("Destination bucket URL given by the customer.") }, ["workspace", "dataset", "bucket"]) },
  { name: "open_ticket", description: "Open a ticket for the on-call team when the tools show a platform problem that is not yet a known incident. Write the summary for an engineer: what is broken, since when, and for whom.", input_schema: objectSchema({ summary: str("One paragraph for the on-call engineer."), severity: int("1 is an outage, 4 a question.", 1, 4), workspace: str("The affected workspace slug.") }, ["summary", "severity"]) },
  { name: "handoff_to_human", description: "Hand the conversation to a human agent. Use it for refunds, contract changes, security reports and whenever the customer asks for a person. Summarise what you already checked so they do not repeat it.", input_schema: objectSchema({ reason: str("Why a person is needed."), summary: str("What you checked and found.") }, ["reason", "summary"]) },
];

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
    tools: AGENT_TOOLS,
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
  title: `Hitting the ${MAX_BREAKPOINTS}-breakpoint limit`,
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
