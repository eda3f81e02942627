// Import a raw Anthropic Messages request as an experiment (docs/design.md §8). Breakpoints become markers or
// settings where Pydantic AI's model can say them; everything it cannot say is reported in `notes`,
// never silently dropped. The result is rebuilt with buildRequest and every breakpoint that does not
// land where the original had it is reported too.
import { buildRequest } from "@/lib/cache/build-request";
import { findModel } from "@/lib/cache/catalog";
import { EXPERIMENT_FORMAT, type ExperimentInput, parseExperiment } from "@/lib/cache/experiment-schema";
import { type Result, err, ok } from "@/lib/cache/result";
import { RETRY_SUFFIX } from "@/lib/cache/rules";
import { NEW_EXPERIMENT_SEMANTICS, type Semantics, semanticsRules } from "@/lib/cache/semantics";
import { readPlainJson } from "./plain-json";

export interface ImportedRequest {
  experiment: ExperimentInput;
  /** What could not be expressed, or was expressed differently, one sentence each. */
  notes: string[];
}

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);
/**
 * String() for a JSON value, except that an object reads as its JSON: String() throws on JSON such as
 * {"toString": null} (an own key shadowing Object.prototype's), and "[object Object]" says nothing.
 */
const asText = (v: unknown): string => (v !== null && typeof v === "object" ? JSON.stringify(v) : String(v));
const ttlOfCc = (cc: unknown): "5m" | "1h" | null => (isRecord(cc) ? (cc.ttl === "1h" ? "1h" : "5m") : null);

const BUILTIN_BY_TYPE: Record<string, "web_search" | "code_execution" | "web_fetch"> = {
  web_search_20250305: "web_search",
  web_search_20260209: "web_search",
  code_execution_20250522: "code_execution",
  code_execution_20250825: "code_execution",
  code_execution_20260120: "code_execution",
  web_fetch_20250910: "web_fetch",
  web_fetch_20260209: "web_fetch",
};

const IGNORED_TOP_LEVEL = new Set(["stream", "anthropic_version"]);

/** Whether a value looks like a Messages request rather than an experiment document. Never throws. */
export function looksLikeMessagesRequest(value: unknown): boolean {
  try {
    return isRecord(value) && Array.isArray(value.messages) && value.format === undefined && ("max_tokens" in value || "anthropic_version" in value);
  } catch {
    // A getter or proxy that throws: whatever it is, it is not a request that can be imported.
    return false;
  }
}

function textOf(content: unknown): string | null {
  if (typeof content === "string") return content;
  if (Array.isArray(content) && content.every((c) => isRecord(c) && c.type === "text")) return content.map((c) => asText((c as Json).text ?? "")).join("");
  return null;
}

function countBreakpoints(request: Json): number {
  const has = (b: unknown) => isRecord(b) && isRecord(b.cache_control);
  let n = 0;
  if (Array.isArray(request.system)) n += request.system.filter(has).length;
  if (Array.isArray(request.tools)) n += request.tools.filter(has).length;
  if (Array.isArray(request.messages)) {
    for (const m of request.messages) if (isRecord(m) && Array.isArray(m.content)) n += m.content.filter(has).length;
  }
  return n;
}

/** Whether the last block of the last message carries a breakpoint. */
function lastBlockMarked(request: Json): boolean {
  const last = Array.isArray(request.messages) ? request.messages.filter(isRecord).at(-1) : undefined;
  const content = last && Array.isArray(last.content) ? last.content.filter(isRecord) : [];
  return isRecord(content.at(-1)?.cache_control);
}

/**
 * The request as an experiment on `semantics` (a new experiment: the newest release, as the UI starts
 * one). From v1.77.0 system blocks after the first are instruction parts, and the one breakpoint there
 * is the last static part (docs/reference/pydantic-ai-2.md §2.5); from v1.83.0 a top-level
 * cache_control is settings.cache (§2.3); from v2.22.0 a breakpoint on an earlier message's last block
 * is a cache_point leading the next user message (§2.6).
 *
 * Any value in, a Result out: never throws (issue 8 item 14). The value is first read as the plain
 * JSON it stands for (plain-json.ts), so what follows only ever sees plain data.
 */
export function importAnthropicRequest(input: unknown, semantics: Semantics = NEW_EXPERIMENT_SEMANTICS): Result<ImportedRequest> {
  const plain = readPlainJson(input);
  if (!plain.ok) {
    const where = plain.error.path ? `\`${plain.error.path}\`` : "it";
    return err({ code: "invalid_request_import", message: `This request cannot be imported: ${where} ${plain.error.reason}.`, issues: [{ path: plain.error.path, message: plain.error.reason }] });
  }
  const value = plain.value;
  if (!isRecord(value) || !Array.isArray(value.messages)) {
    return err({ code: "invalid_request_import", message: "This is not an Anthropic Messages request: it needs a `messages` array." });
  }
  const rules = semanticsRules(semantics);
  const notes: string[] = [];
  const settings: { cache_instructions: false | "5m" | "1h"; cache_tool_definitions: false | "5m" | "1h"; cache_messages: false | "5m" | "1h"; cache?: "5m" | "1h" } = {
    cache_instructions: false,
    cache_tool_definitions: false,
    cache_messages: false,
  };

  for (const key of Object.keys(value)) {
    if (!["model", "max_tokens", "system", "tools", "messages", "cache_control", ...IGNORED_TOP_LEVEL].includes(key)) {
      notes.push(`\`${key}\` is not part of an experiment and was left out.`);
    }
  }
  const automatic = ttlOfCc(value.cache_control);
  if (automatic && rules.automaticCache) settings.cache = automatic;
  else if (automatic) notes.push(`Top-level automatic caching (\`cache_control\`) cannot be expressed in ${rules.label}; use Cache messages instead, or a later release.`);

  // System: v1.74.0 sends one block (all parts joined), so several blocks become several parts.
  let system: string[] = [];
  let instructions: NonNullable<Extract<ExperimentInput["instructions"], unknown[]>> | undefined;
  if (typeof value.system === "string") system = value.system ? [value.system] : [];
  else if (Array.isArray(value.system) && rules.instructionBlocks) {
    // Later releases: the system prompt block, then one block per instruction part, static first; the
    // cache sits on the last static part, so the parts after the breakpoint are the dynamic ones.
    const blocks = value.system.filter(isRecord);
    const marked = blocks.map((b, i) => (ttlOfCc(b.cache_control) ? i : -1)).filter((i) => i >= 0);
    const k = marked.at(-1) ?? -1;
    marked.slice(0, -1).forEach((i) => notes.push(`system[${i}] had a breakpoint; Pydantic AI puts at most one in the system prompt, so only the one on system[${k}] is kept.`));
    if (k >= 0) settings.cache_instructions = ttlOfCc(blocks[k]!.cache_control)!;
    system = blocks.length > 0 ? [asText(blocks[0]!.text ?? "")] : [];
    const parts = blocks.slice(1).map((b, j) => ({ text: asText(b.text ?? ""), dynamic: k >= 0 && j + 1 > k }));
    if (parts.length > 0) instructions = parts;
  } else if (Array.isArray(value.system)) {
    const blocks = value.system.filter(isRecord);
    system = blocks.map((b) => asText(b.text ?? ""));
    blocks.forEach((b, i) => {
      const ttl = ttlOfCc(b.cache_control);
      if (!ttl) return;
      if (i === blocks.length - 1) settings.cache_instructions = ttl;
      else notes.push(`system[${i}] had a breakpoint; Pydantic AI joins the system prompt into one block, so only a breakpoint on the whole system prompt can be kept.`);
    });
    if (blocks.length > 1) notes.push(`The ${blocks.length} system blocks become ${blocks.length} system parts, sent joined by a blank line as one block.`);
  }

  const tools: ExperimentInput["tools"] = [];
  const builtinTools: NonNullable<ExperimentInput["builtin_tools"]> = [];
  const rawTools = Array.isArray(value.tools) ? value.tools.filter(isRecord) : [];
  rawTools.forEach((t, i) => {
    const builtin = typeof t.type === "string" ? BUILTIN_BY_TYPE[t.type] : undefined;
    if (builtin) {
      builtinTools.push(builtin);
      if (t.cache_control) notes.push(`tools[${i}] (${builtin}) had a breakpoint; Pydantic AI never caches builtin tools.`);
      return;
    }
    if (typeof t.type === "string" && t.type !== "custom") {
      notes.push(`tools[${i}] is a server tool of type \`${t.type}\` that CacheLab cannot express; it was left out.`);
      return;
    }
    const deferred = t.defer_loading === true;
    if (deferred && !rules.deferredTools) notes.push(`tools[${i}] (${asText(t.name)}) is deferred (defer_loading); ${rules.label} cannot say that, so it is sent like any tool.`);
    tools.push({
      name: asText(t.name ?? `tool_${i}`),
      description: typeof t.description === "string" ? t.description : undefined,
      input_schema: isRecord(t.input_schema) ? t.input_schema : { type: "object" },
      ...(deferred && rules.deferredTools ? { defer_loading: true } : {}),
    });
    const ttl = ttlOfCc(t.cache_control);
    if (!ttl) return;
    const isLastFunctionTool = rawTools.slice(i + 1).every((later) => (typeof later.type === "string" && BUILTIN_BY_TYPE[later.type]) || (rules.deferredTools && later.defer_loading === true));
    if (isLastFunctionTool) settings.cache_tool_definitions = ttl;
    else notes.push(`tools[${i}] (${asText(t.name)}) had a breakpoint; Pydantic AI can only cache the last tool definition.`);
  });

  const messages: ExperimentInput["messages"] = [];
  const rawMessages = value.messages.filter(isRecord);
  // A breakpoint on an assistant message's last block, to lead the next user message (v2.22.0 on).
  let leading: "5m" | "1h" | null = null;
  rawMessages.forEach((m, mi) => {
    const isLastMessage = mi === rawMessages.length - 1;
    const blocks: Json[] = typeof m.content === "string" ? [{ type: "text", text: m.content }] : Array.isArray(m.content) ? m.content.filter(isRecord) : [];
    if (m.role === "user") {
      const content: Extract<ExperimentInput["messages"][number], { role: "user" }>["content"] = [];
      if (leading) content.push({ type: "cache_point", ...(leading === "1h" ? { ttl: leading } : {}) });
      leading = null;
      blocks.forEach((b, bi) => {
        const path = `messages[${mi}].content[${bi}]`;
        const source = isRecord(b.source) ? b.source : {};
        let expressed = true;
        if (b.type === "text") content.push({ type: "text", text: asText(b.text ?? "") });
        else if (b.type === "image" && source.type === "url") content.push({ type: "image", url: asText(source.url) });
        else if (b.type === "document" && source.type === "url") content.push({ type: "document", url: asText(source.url) });
        else if (b.type === "tool_result") {
          const text = textOf(b.content) ?? "";
          if (textOf(b.content) === null) notes.push(`${path}: a tool result with images or documents inside became its text only.`);
          if (b.is_error === true) content.push({ type: "tool_retry", tool_use_id: asText(b.tool_use_id), tool_name: "tool", content: text.endsWith(RETRY_SUFFIX) ? text.slice(0, -RETRY_SUFFIX.length) : text });
          else content.push({ type: "tool_result", tool_use_id: asText(b.tool_use_id), tool_name: "tool", content: text });
        } else {
          expressed = false;
          notes.push(`${path}: a \`${asText(b.type)}\` block${source.type ? ` with a ${asText(source.type)} source` : ""} cannot be expressed in an experiment; it was left out.`);
        }
        const ttl = ttlOfCc(b.cache_control);
        if (!ttl) return;
        if (!expressed) notes.push(`${path}: its breakpoint was lost with the block.`);
        else if (isLastMessage && bi === blocks.length - 1 && !settings.cache) settings.cache_messages = ttl;
        else content.push({ type: "cache_point", ...(ttl === "1h" ? { ttl } : {}) });
      });
      messages.push({ role: "user", content });
    } else {
      const content: Extract<ExperimentInput["messages"][number], { role: "assistant" }>["content"] = [];
      blocks.forEach((b, bi) => {
        const path = `messages[${mi}].content[${bi}]`;
        if (b.type === "text") content.push({ type: "text", text: asText(b.text ?? "") });
        else if (b.type === "tool_use") content.push({ type: "tool_use", id: asText(b.id), name: asText(b.name), input: isRecord(b.input) ? b.input : {} });
        else if (b.type === "thinking") content.push({ type: "thinking", thinking: asText(b.thinking ?? ""), signature: asText(b.signature ?? "") });
        else notes.push(`${path}: an assistant \`${asText(b.type)}\` block cannot be expressed; it was left out.`);
        const ttl = ttlOfCc(b.cache_control);
        if (!ttl) return;
        const lastBlock = bi === blocks.length - 1;
        if (isLastMessage && lastBlock && !settings.cache) settings.cache_messages = ttl;
        else if (lastBlock && rules.leadingCachePointAttachesToPrevious && rawMessages[mi + 1]?.role === "user") leading = ttl;
        else notes.push(`${path}: ${rules.label} cannot put a breakpoint on this assistant block (only on the very last block with Cache messages${rules.leadingCachePointAttachesToPrevious ? ", or on the last block before a user message" : ""}); it was left out.`);
      });
      messages.push({ role: "assistant", content });
    }
  });

  const modelName = typeof value.model === "string" ? value.model : undefined;
  const experiment: ExperimentInput = {
    format: EXPERIMENT_FORMAT,
    name: "Imported request",
    semantics,
    model: modelName ? (findModel(modelName)?.id ?? modelName) : undefined,
    max_tokens: typeof value.max_tokens === "number" && value.max_tokens >= 1 ? value.max_tokens : undefined,
    settings,
    system,
    ...(instructions ? { instructions } : {}),
    tools,
    builtin_tools: builtinTools,
    messages,
  };
  const parsed = parseExperiment(experiment);
  if (!parsed.ok) return err({ ...parsed.error, code: "invalid_request_import", message: `The request could not become an experiment: ${parsed.error.message}` });

  // Rebuild and compare where breakpoints land, so a difference is reported rather than discovered later.
  const built = buildRequest(parsed.value);
  if (!built.ok) {
    notes.push(`Pydantic AI would refuse this layout: ${built.error.message}`);
  } else {
    // The top-level field is one more breakpoint, unless the last block already carries one.
    const before = countBreakpoints(value) + (settings.cache && !lastBlockMarked(value) ? 1 : 0);
    const after = built.value.analysis.keptCount;
    if (before !== after) notes.push(`The original had ${before} breakpoint(s); the imported experiment sends ${after}.`);
  }
  return ok({ experiment, notes });
}
