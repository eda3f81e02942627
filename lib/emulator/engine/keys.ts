// The cache key of every prefix position, and the prompt as the model sees it (docs/reference/anthropic-caching.md
// §1.2, §1.7). Positions come from the one prefix walk (lib/cache/prefix.ts); the keys follow the request
// as sent: each block's JSON exactly as it arrived, key order included, only `cache_control` left out
// ("100% identical prompt segments"; the troubleshooting list names unstable key order in tool_use
// blocks). Token counting stays order-blind (lib/cache/tokens.ts); the key does not.
//
// What the §1.7 table says invalidates a level without being one of its blocks salts that level and
// every later one: web search and citations turned on or off, and `speed: "fast"`, the system level;
// `thinking`, `tool_choice` and the effective `output_config.effort` the messages level. Some blocks sent
// are not part of the prompt: tools with `defer_loading` (tool-use-with-prompt-caching page), and,
// on models that strip them, thinking blocks of turns before the latest non-tool-result user content.
import { tokenModelFor } from "@/lib/cache/catalog";
import { type PrefixPosition, blockTokens, flattenPrefix, hashString, textHash, toolTokens } from "@/lib/cache/prefix";
import { canonicalJson } from "@/lib/cache/tokens";
import { type Tokens, tokens } from "@/lib/cache/units";
import { type EmulatedModel, defaultEffort, keepsThinkingBlocks } from "./models";
import type { NormalizedRequest } from "./validate";

export interface KeyedPrefix {
  /** The positions with the tokens the model is billed for (stripped and deferred blocks count 0). */
  positions: PrefixPosition[];
  /** Cache key per position: the prefix chain seeded with scope and model, salted per level. */
  keys: string[];
  /** The same chain without model and scope, only to tell "cached for another model/scope" from "new". */
  openKeys: string[];
  /** The request's levels, compared by cache diagnostics (engine/diagnostics.ts). */
  fingerprint: LevelFingerprint;
}

export interface LevelFingerprint {
  model: string;
  speedFast: boolean;
  tools: string;
  system: string;
  /** One hash per message, as sent. */
  messages: string[];
  /** The other prompt-affecting parameters (thinking, tool_choice, effort). */
  params: string;
}

type Block = Record<string, unknown>;
const isObject = (v: unknown): v is Block => typeof v === "object" && v !== null && !Array.isArray(v);

/** Strings longer than this are keyed by their memoised hash: same key, a fraction of the work. */
const LONG_STRING = 64;
const longString = (v: unknown): v is string => typeof v === "string" && v.length > LONG_STRING;
const keyReplacer = (_key: string, value: unknown) => (longString(value) ? `#${textHash(value)}` : value);

/**
 * A block as sent, minus its own `cache_control`, key order kept. Built field by field so the common
 * case, a text block, needs no replacer pass over its (already hashed) text.
 */
function asSent(block: unknown): string {
  if (!isObject(block)) return JSON.stringify(block, keyReplacer);
  let out = "{";
  for (const key in block) {
    const value = block[key];
    if (key === "cache_control" || value === undefined) continue;
    const json = longString(value) ? `"#${textHash(value)}"` : typeof value === "object" && value !== null ? JSON.stringify(value, keyReplacer) : JSON.stringify(value);
    out += `${out.length > 1 ? "," : ""}${JSON.stringify(key)}:${json}`;
  }
  return `${out}}`;
}

/** The block at a position, as the request carries it (a string becomes the text block it means). */
function blockAt(req: NormalizedRequest, p: PrefixPosition): { block: unknown; role: string } {
  const { tools, system, messages } = req.parts;
  if (p.section === "tools") return { block: tools?.[p.blockIndex], role: "" };
  if (p.section === "system") return { block: typeof system === "string" ? { type: "text", text: system } : system?.[p.blockIndex], role: "" };
  const message = messages[p.messageIndex]!;
  const content = message.content;
  return { block: typeof content === "string" ? { type: "text", text: content } : content[p.blockIndex], role: message.role };
}

const isWebSearchTool = (tool: unknown) => isObject(tool) && typeof tool.type === "string" && tool.type.startsWith("web_search");
const isDeferredTool = (tool: unknown) => isObject(tool) && tool.defer_loading === true;
const hasCitationsOn = (block: unknown): boolean =>
  isObject(block) &&
  ((isObject(block.citations) && block.citations.enabled === true) || (Array.isArray(block.content) && block.content.some(hasCitationsOn)));
const thinkingOn = (thinking: unknown) => isObject(thinking) && thinking.type !== undefined && thinking.type !== "disabled";

/**
 * Index of the latest user message with content other than tool results: thinking blocks in
 * assistant turns before it are stripped on models that strip them (§1.7, the "non-tool-result user
 * content" row), -1 when there is none.
 */
function lastPlainUserTurn(req: NormalizedRequest): number {
  for (let m = req.parts.messages.length - 1; m >= 0; m--) {
    const message = req.parts.messages[m]!;
    if (message.role !== "user") continue;
    const content = message.content;
    if (typeof content === "string" || content.some((b) => !isObject(b) || b.type !== "tool_result")) return m;
  }
  return -1;
}

/** The blocks the model does not see, and what each would have cost. */
function excludedTokens(req: NormalizedRequest, model: EmulatedModel, positions: readonly PrefixPosition[], scale: number): Map<number, Tokens> {
  const excluded = new Map<number, Tokens>();
  const stripBefore = thinkingOn(req.levelParams.thinking) && !keepsThinkingBlocks(model) ? lastPlainUserTurn(req) : -1;
  for (const p of positions) {
    const { block } = blockAt(req, p);
    if (p.section === "tools" && isDeferredTool(block)) excluded.set(p.index, tokens(Math.round(toolTokens(block) * scale)));
    else if (p.section === "messages" && p.messageIndex < stripBefore && (p.type === "thinking" || p.type === "redacted_thinking")) {
      excluded.set(p.index, tokens(Math.round(blockTokens(block) * scale)));
    }
  }
  return excluded;
}

/** What turns the system prompt's extras on: web search tools and citations (§1.7: "modifies the system prompt"). */
function systemExtrasOf(req: NormalizedRequest): string {
  const webSearch = (req.parts.tools ?? []).filter(isWebSearchTool).map(asSent);
  const citations = req.parts.messages.some((m) => typeof m.content !== "string" && m.content.some(hasCitationsOn));
  return webSearch.length === 0 && !citations ? "" : canonicalJson({ webSearch, citations });
}

function messagesSaltOf(req: NormalizedRequest, model: EmulatedModel): string {
  const { thinking, toolChoice } = req.levelParams;
  // "Setting the default explicitly = omitting" (§1.7): only a change of the effective effort counts.
  const effort = req.levelParams.effort === defaultEffort(model) ? undefined : req.levelParams.effort;
  return thinking === undefined && toolChoice === undefined && effort === undefined ? "" : canonicalJson({ thinking, tool_choice: toolChoice, effort });
}

/** `tool_choice.type`, which sizes the tool-use system prompt (auto and none share one size). */
function toolChoiceOf(toolChoice: unknown): "auto" | "any" | "tool" | "none" {
  const type = isObject(toolChoice) ? toolChoice.type : undefined;
  return type === "any" || type === "tool" || type === "none" ? type : "auto";
}

/** Positions, keys and the level fingerprint of a validated request for `model` in `scope`. */
export function keyedPrefix(req: NormalizedRequest, model: EmulatedModel, scope: string): KeyedPrefix {
  // The walk's own hashes are canonical (order-blind); the keys below follow the request as sent.
  // The model's tokenizer and tool-use system prompt size every count, usage and count_tokens alike.
  const tokenModel = tokenModelFor(model, toolChoiceOf(req.levelParams.toolChoice));
  const walked = flattenPrefix(req.parts, "", { hashes: false, tokens: tokenModel });
  const excluded = excludedTokens(req, model, walked, tokenModel.scale ?? 1);

  const systemExtras = systemExtrasOf(req);
  // "standard" is what omitting `speed` means (§1.7: `speed: "fast"` vs standard).
  const speedFast = req.levelParams.speed === "fast";
  const systemSalt = speedFast ? `${systemExtras}|fast` : systemExtras;
  const messagesSalt = messagesSaltOf(req, model);
  const systemSaltHash = systemSalt ? hashString(systemSalt) : "";
  const messagesSaltHash = systemSalt || messagesSalt ? hashString(`${systemSalt}|${messagesSalt}`) : "";
  const salted = (hash: string, section: string) => {
    const salt = section === "messages" ? messagesSaltHash : section === "system" ? systemSaltHash : "";
    return salt ? hashString(`${hash}|${salt}`) : hash;
  };

  const positions: PrefixPosition[] = [];
  const keys: string[] = [];
  const openKeys: string[] = [];
  let cumulative = 0;
  let seeded = hashString(`cachelab-prefix|${scope}|${model.id}`);
  let open = "open";
  let toolsLevel = "no-tools";
  const systemKeys: string[] = [];
  const messageKeys: string[][] = req.parts.messages.map(() => []);
  for (const p of walked) {
    const { block, role } = blockAt(req, p);
    // A web search tool is rendered into the system prompt (§1.7), not the tools level.
    const blockKey = `${p.section}|${role}|${asSent(block)}`;
    if (p.section === "messages") messageKeys[p.messageIndex]!.push(blockKey);
    const inPrompt = !excluded.has(p.index) && !(p.section === "tools" && isWebSearchTool(block));
    const blockHash = inPrompt ? hashString(blockKey) : "";
    if (inPrompt) {
      seeded = hashString(`${seeded}|${blockHash}`);
      open = hashString(`${open}|${blockHash}`);
      if (p.section === "tools") toolsLevel = open;
      if (p.section === "system") systemKeys.push(blockKey);
    }
    const own = excluded.has(p.index) ? p.tokens - excluded.get(p.index)! : p.tokens;
    cumulative += own;
    positions.push({ ...p, tokens: tokens(own), cumulativeTokens: tokens(cumulative), contentHash: blockHash, prefixHash: seeded });
    // A block outside the prompt adds nothing to the chain; its own key matches nothing, so a read
    // never reports it as the position reached.
    const outside = (hash: string) => (inPrompt ? salted(hash, p.section) : hashString(`${hash}|outside-the-prompt`));
    keys.push(outside(seeded));
    openKeys.push(outside(open));
  }

  const fingerprint: LevelFingerprint = {
    model: model.id,
    speedFast,
    tools: toolsLevel,
    system: hashString(`${systemKeys.join("\n")}|${systemExtras}`),
    messages: messageKeys.map((blockKeys) => hashString(blockKeys.join("\n"))),
    params: messagesSalt,
  };
  return { positions, keys, openKeys, fingerprint };
}

/** Tokens the model is billed for: what count_tokens answers (stripped and deferred blocks excluded). */
export function billedTokens(prefix: KeyedPrefix, emptyPrompt: Tokens): Tokens {
  return prefix.positions.length ? prefix.positions[prefix.positions.length - 1]!.cumulativeTokens : emptyPrompt;
}
