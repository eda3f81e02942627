// The cached prefix of a Responses request, position by position: the one walk the OpenAI target's preview
// and the emulator's /v1/responses both use, so "input[3].content[0]" means the same thing in each. The
// settings OpenAI renders into its hidden header (model, tools, parallel_tool_calls, text.format,
// reasoning.effort, text.verbosity, context_management: https://developers.openai.com/api/docs/guides/prompt-caching#which-settings-affect-the-cached-prefix)
// seed the chain, with the top-level instructions, so a change there misses everything after it.
import { hashString } from "@/lib/cache/prefix";
import { BLOCK_OVERHEAD_TOKENS, IMAGE_URL_TOKENS, DOCUMENT_URL_TOKENS, MESSAGE_OVERHEAD_TOKENS, REQUEST_OVERHEAD_TOKENS, TOOL_OVERHEAD_TOKENS, canonicalJson, estimateTextTokens } from "@/lib/cache/tokens";
import { type Tokens, tokens } from "@/lib/cache/units";

/** What a position is, for the lookup boundaries (https://developers.openai.com/api/docs/guides/prompt-caching#how-caching-works). */
export type ItemKind = "user" | "developer" | "assistant" | "tool_call" | "tool_output" | "other";

export interface ResponsesPosition {
  index: number;
  /** JSON path in the body: "input[2].content[0]", "input[4].output", "input[3]". */
  path: string;
  itemIndex: number;
  kind: ItemKind;
  /** The block's type ("input_text", "function_call", …). */
  type: string;
  /** Whether this block carries `prompt_cache_breakpoint` (an explicit breakpoint). */
  explicit: boolean;
  /** The last position of its item (a message ending). */
  itemEnd: boolean;
  tokens: Tokens;
  cumulativeTokens: Tokens;
  /** Chained hash of the header and every block up to and including this one, without breakpoint markers. */
  prefixHash: string;
}

export interface ResponsesPrefix {
  /** Tokens before the first input position: the request framing, tools and instructions. */
  headerTokens: Tokens;
  headerHash: string;
  positions: ResponsesPosition[];
  totalTokens: Tokens;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);

function withoutBreakpoint(block: unknown): unknown {
  if (!isObject(block)) return block;
  const { prompt_cache_breakpoint: _ignored, ...rest } = block;
  return rest;
}

function contentTokens(block: unknown): number {
  if (typeof block === "string") return estimateTextTokens(block) + BLOCK_OVERHEAD_TOKENS;
  if (!isObject(block)) return BLOCK_OVERHEAD_TOKENS;
  switch (block.type) {
    case "input_text":
    case "output_text":
      return estimateTextTokens(String(block.text ?? "")) + BLOCK_OVERHEAD_TOKENS;
    case "input_image":
      return IMAGE_URL_TOKENS + BLOCK_OVERHEAD_TOKENS;
    case "input_file":
      return DOCUMENT_URL_TOKENS + BLOCK_OVERHEAD_TOKENS;
    default:
      return estimateTextTokens(canonicalJson(withoutBreakpoint(block))) + BLOCK_OVERHEAD_TOKENS;
  }
}

function toolTokens(tool: unknown): number {
  if (!isObject(tool)) return TOOL_OVERHEAD_TOKENS;
  if (tool.type === "function") {
    return estimateTextTokens(String(tool.name ?? "")) + estimateTextTokens(String(tool.description ?? "")) + estimateTextTokens(canonicalJson(tool.parameters ?? {})) + TOOL_OVERHEAD_TOKENS;
  }
  return estimateTextTokens(canonicalJson(tool)) + TOOL_OVERHEAD_TOKENS;
}

function kindOf(item: Json): ItemKind {
  if (item.type === "function_call") return "tool_call";
  if (item.type === "function_call_output") return "tool_output";
  if (item.type !== undefined && item.type !== "message") return "other";
  switch (item.role) {
    case "user":
      return "user";
    case "developer":
    case "system":
      return "developer";
    case "assistant":
      return "assistant";
    default:
      return "other";
  }
}

/** The settings that change OpenAI's hidden header, as one canonical value (order-blind within objects). */
export function headerSettings(body: Json): Json {
  const text = isObject(body.text) ? body.text : {};
  const reasoning = isObject(body.reasoning) ? body.reasoning : {};
  return {
    model: body.model ?? null,
    tools: body.tools ?? [],
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    text_format: text.format ?? null,
    reasoning_effort: reasoning.effort ?? null,
    verbosity: text.verbosity ?? null,
    context_management: body.context_management ?? null,
  };
}

/** Walks a (validated-enough) Responses body. `seed` separates caches: scope, prompt_cache_key. */
export function flattenResponses(body: Json, seed = ""): ResponsesPrefix {
  const tools = Array.isArray(body.tools) ? body.tools : [];
  let cumulative = REQUEST_OVERHEAD_TOKENS + tools.reduce((sum: number, t) => sum + toolTokens(t), 0);
  if (typeof body.instructions === "string" && body.instructions.length > 0) cumulative += estimateTextTokens(body.instructions) + MESSAGE_OVERHEAD_TOKENS;
  const headerTokens = tokens(cumulative);
  const headerHash = hashString(`${seed}|${canonicalJson(headerSettings(body))}|${typeof body.instructions === "string" ? body.instructions : ""}`);
  let chain = headerHash;
  const positions: ResponsesPosition[] = [];
  const input = typeof body.input === "string" ? [{ role: "user", content: body.input }] : Array.isArray(body.input) ? body.input : [];
  input.forEach((raw, itemIndex) => {
    const item: Json = isObject(raw) ? raw : { type: "unknown", value: raw };
    const kind = kindOf(item);
    const blocks: { path: string; block: unknown }[] = [];
    const listOrOne = (field: "content" | "output") => {
      const value = item[field];
      if (Array.isArray(value)) value.forEach((block, j) => blocks.push({ path: `input[${itemIndex}].${field}[${j}]`, block }));
      else blocks.push({ path: `input[${itemIndex}].${field}`, block: typeof value === "string" ? value : (value ?? "") });
    };
    if (kind === "tool_output") listOrOne("output");
    else if (kind === "tool_call" || kind === "other") blocks.push({ path: `input[${itemIndex}]`, block: item });
    else listOrOne("content");
    cumulative += MESSAGE_OVERHEAD_TOKENS;
    blocks.forEach(({ path, block }, j) => {
      const own = kind === "tool_call" || kind === "other" ? estimateTextTokens(canonicalJson(item)) + BLOCK_OVERHEAD_TOKENS : contentTokens(block);
      cumulative += own;
      // The item's role and type are part of the rendered text, so they are part of each block's identity.
      chain = hashString(`${chain}|${kind}|${canonicalJson(withoutBreakpoint(block))}`);
      positions.push({
        index: positions.length,
        path,
        itemIndex,
        kind,
        type: typeof block === "string" ? "text" : isObject(block) ? String(block.type ?? "message") : "unknown",
        explicit: isObject(block) && isObject(block.prompt_cache_breakpoint),
        itemEnd: j === blocks.length - 1,
        tokens: tokens(own),
        cumulativeTokens: tokens(cumulative),
        prefixHash: chain,
      });
    });
  });
  return { headerTokens, headerHash, positions, totalTokens: tokens(cumulative) };
}
