// What a Converse request is underneath: Bedrock hands Claude an Anthropic Messages request, a `cachePoint`
// becoming the `cache_control` of the block before it, so Claude on Converse follows Anthropic's caching
// rules (minimums, the 20-block lookback, TTL order: docs/reference/vendors.md §3). The emulator runs its
// engine on this translation, and the lint measures each cachePoint's prefix on it with the one estimator.
//
// Bedrock's own refusals of a cachePoint come first, in its words where they are on record: after a
// reasoning block ("Cache point cannot be inserted after reasoning block. …",
// https://github.com/anomalyco/opencode/issues/36517), after a non-PDF document
// ("The model returned the following errors: messages.0.content.3.type: Field required",
// https://github.com/strands-agents/harness-sdk/issues/1966), and among Nova's tools
// (bedrock-converse-models.ts `novaToolCachePointError`). A cachePoint with no block before it, or right
// after another, is refused the way a non-PDF document's is: its words for those are CacheLab's inference.
import type { CacheControl, MessageParam, PromptParts, TextBlock, ToolParam, Ttl } from "@/lib/cache/wire-types";
import { novaToolCachePointError } from "./bedrock-converse-models";
import type { ConverseBody, ConverseContentBlock, ConverseSource } from "./bedrock-converse-types";

export type ConverseFamily = "claude" | "nova";

export interface ConversePrompt {
  parts: PromptParts;
  toolChoice?: { type: "auto" } | { type: "any" } | { type: "tool"; name: string };
  maxTokens: number | undefined;
  /**
   * For each cachePoint, in request order: its Converse path and the Anthropic path of the block it marks
   * (`tools[i]`, `system[i]`, `messages[m].content[b]`).
   */
  cachePoints: { path: string; marks: string; ttl: Ttl }[];
}

/** A refusal: the message a ValidationException carries. */
export interface ConverseRefusal {
  message: string;
}

/** "The model returned the following errors: …": how Bedrock passes on the model's own 400s (e.g. https://github.com/BerriAI/litellm/issues/16062). */
export const MODEL_ERRORS_PREFIX = "The model returned the following errors: ";
const REASONING_REFUSAL = "Cache point cannot be inserted after reasoning block. Please remove the invalid cache point and try again.";
const fieldRequired = (where: string) => `${MODEL_ERRORS_PREFIX}${where}.type: Field required`;

/** Nova's 1h TTL is not documented (catalog.ts BEDROCK_CONVERSE.nova1h): the emulator caches it for 5 minutes. */
const controlFor = (ttl: Ttl | undefined, family: ConverseFamily): CacheControl =>
  family === "claude" && ttl ? { type: "ephemeral", ttl } : { type: "ephemeral" };

const MEDIA: Record<string, string> = { jpeg: "image/jpeg", png: "image/png", gif: "image/gif", webp: "image/webp" };

function decodeBytes(source: ConverseSource): string {
  if (!("bytes" in source)) return source.s3Location.uri;
  try {
    const binary = atob(source.bytes);
    return new TextDecoder().decode(Uint8Array.from(binary, (ch) => ch.charCodeAt(0)));
  } catch {
    return source.bytes;
  }
}

function anthropicSource(source: ConverseSource, mediaType: string) {
  return "bytes" in source ? { type: "base64", media_type: mediaType, data: source.bytes } : { type: "url", url: source.s3Location.uri };
}

/** One Converse content block as the Anthropic block Bedrock hands the model (cachePoints are handled by the caller). */
function anthropicBlock(block: Exclude<ConverseContentBlock, { cachePoint: unknown }>): Record<string, unknown> {
  if ("text" in block) return { type: "text", text: block.text };
  if ("image" in block) return { type: "image", source: anthropicSource(block.image.source, MEDIA[block.image.format] ?? `image/${block.image.format}`) };
  if ("document" in block) {
    const { format, source, name } = block.document;
    // A PDF goes to the model as a PDF; the other formats as their text.
    if (format === "pdf") return { type: "document", source: anthropicSource(source, "application/pdf"), title: name };
    return { type: "document", source: { type: "text", media_type: "text/plain", data: decodeBytes(source) }, title: name };
  }
  if ("video" in block) return { type: "document", source: { type: "text", media_type: "text/plain", data: decodeBytes(block.video.source) }, title: "video" };
  if ("toolUse" in block) return { type: "tool_use", id: block.toolUse.toolUseId, name: block.toolUse.name, input: block.toolUse.input };
  if ("toolResult" in block) {
    const { toolUseId, content, status } = block.toolResult;
    const inner = content.map((c) => ({ type: "text", text: "text" in c ? c.text : JSON.stringify(c.json) }));
    return { type: "tool_result", tool_use_id: toolUseId, content: inner, ...(status === "error" ? { is_error: true } : {}) };
  }
  const reasoning = block.reasoningContent.reasoningText;
  return { type: "thinking", thinking: reasoning.text, signature: reasoning.signature ?? "" };
}

/** The Anthropic prompt a Converse request stands for, or Bedrock's refusal of one of its cachePoints. */
export function converseToAnthropic(body: ConverseBody, family: ConverseFamily): { ok: true; value: ConversePrompt } | { ok: false; error: ConverseRefusal } {
  const cachePoints: ConversePrompt["cachePoints"] = [];
  const refuse = (message: string) => ({ ok: false as const, error: { message } });

  const tools: ToolParam[] = [];
  const converseTools = body.toolConfig?.tools ?? [];
  for (let i = 0; i < converseTools.length; i++) {
    const tool = converseTools[i]!;
    if ("cachePoint" in tool) {
      if (family === "nova") return refuse(`${MODEL_ERRORS_PREFIX}${novaToolCachePointError(i)}`);
      const last = tools.at(-1);
      if (!last || last.cache_control) return refuse(fieldRequired(`tools.${i}`));
      last.cache_control = controlFor(tool.cachePoint.ttl, family);
      cachePoints.push({ path: `toolConfig.tools[${i}]`, marks: `tools[${tools.length - 1}]`, ttl: tool.cachePoint.ttl ?? "5m" });
    } else if ("toolSpec" in tool) {
      tools.push({ name: tool.toolSpec.name, ...(tool.toolSpec.description ? { description: tool.toolSpec.description } : {}), input_schema: tool.toolSpec.inputSchema.json });
    } else {
      // A system tool (Nova 2's nova_code_interpreter) is defined by Bedrock; it counts as a plain tool here.
      tools.push({ name: tool.systemTool.name, input_schema: { type: "object" } });
    }
  }

  const system: TextBlock[] = [];
  for (let i = 0; i < body.system.length; i++) {
    const block = body.system[i]!;
    if ("text" in block) {
      system.push({ type: "text", text: block.text });
      continue;
    }
    const last = system.at(-1);
    if (!last || last.cache_control) return refuse(fieldRequired(`system.${i}`));
    last.cache_control = controlFor(block.cachePoint.ttl, family);
    cachePoints.push({ path: `system[${i}]`, marks: `system[${system.length - 1}]`, ttl: block.cachePoint.ttl ?? "5m" });
  }

  const messages: MessageParam[] = [];
  for (let m = 0; m < body.messages.length; m++) {
    const message = body.messages[m]!;
    const content: Record<string, unknown>[] = [];
    const sent = message.content;
    for (let k = 0; k < sent.length; k++) {
      const block = sent[k]!;
      if (!("cachePoint" in block)) {
        content.push(anthropicBlock(block));
        continue;
      }
      const before = sent[k - 1];
      if (before && "reasoningContent" in before) return refuse(REASONING_REFUSAL);
      const afterDocument = before && (("document" in before && before.document.format !== "pdf") || "video" in before);
      const last = content.at(-1);
      if (!last || last.cache_control || afterDocument) return refuse(fieldRequired(`messages.${m}.content.${k}`));
      last.cache_control = controlFor(block.cachePoint.ttl, family);
      cachePoints.push({ path: `messages[${m}].content[${k}]`, marks: `messages[${m}].content[${content.length - 1}]`, ttl: block.cachePoint.ttl ?? "5m" });
    }
    messages.push({ role: message.role, content: content as unknown as MessageParam["content"] });
  }

  const choice = body.toolConfig?.toolChoice;
  const toolChoice: ConversePrompt["toolChoice"] = choice === undefined ? undefined : "any" in choice ? { type: "any" } : "tool" in choice ? { type: "tool", name: choice.tool.name } : { type: "auto" };
  const parts: PromptParts = { messages, ...(system.length > 0 ? { system } : {}), ...(tools.length > 0 ? { tools } : {}) };
  return { ok: true, value: { parts, ...(toolChoice ? { toolChoice } : {}), maxTokens: body.inferenceConfig?.maxTokens, cachePoints } };
}
