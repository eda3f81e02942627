// The experiment as an OpenAI Responses request (GPT-5.6 and later). Where breakpoints go is decided by
// lib/cache's builder, with the experiment's Pydantic AI semantics (markers, the three settings); this
// module translates the Anthropic body it returns into `input` items and puts `prompt_cache_breakpoint`
// on the blocks that carried a breakpoint, including any the Anthropic 4-breakpoint limit dropped: OpenAI
// takes a fifth marker and decides itself which ones it writes (boundaries.ts). What cannot be expressed
// becomes a note, never a silent drop.
import { describeOrigin } from "@/lib/cache/breakpoint-trace";
import { requestPath } from "@/lib/cache/paths";
import { buildRequest } from "@/lib/cache/build-request";
import type { Experiment } from "@/lib/cache/experiment-schema";
import { type Result, ok } from "@/lib/cache/result";
import { type Tokens, tokens, usdPerMTok } from "@/lib/cache/units";
import type { ContentBlock, MessageParam, TextBlock, ToolParam } from "@/lib/cache/wire-types";
import { OPENAI, OPENAI_GUIDE, type OpenAICacheMode, findOpenAIModel } from "../catalog";
import type { LandedBreakpoint, TargetNote, TargetOptions, TargetRequest } from "../targets";
import type { NormalizedPrices } from "../usage";
import { boundaries } from "./boundaries";
import { flattenResponses } from "./prefix";
import type { ResponsesBody, ResponsesContentBlock, ResponsesInputItem, ResponsesTool } from "./wire";

const BREAKPOINT = { mode: "explicit" } as const;

/** The cache mode an experiment asks for: `provider_options.openai_cache_mode`, else OpenAI's default, implicit. */
export function openaiCacheModeOf(experiment: Experiment): OpenAICacheMode {
  return experiment.provider_options.openai_cache_mode ?? OPENAI.defaultMode.value;
}

interface Wanted {
  origin: string;
  experimentPath: string;
}

function resolveModel(experiment: Experiment, options: TargetOptions, notes: TargetNote[]) {
  const asked = options.model ?? experiment.model;
  const known = findOpenAIModel(asked);
  if (known) return { modelId: asked, facts: known };
  const fallback = findOpenAIModel(OPENAI.defaultModel)!;
  if (options.model) {
    notes.push({ code: "model_unknown", severity: "warning", message: `${asked} is not in CacheLab's OpenAI catalog; it is sent as written and priced as ${fallback.displayName}.` });
    return { modelId: asked, facts: fallback };
  }
  notes.push({ code: "model_substituted", severity: "info", message: `${asked} is not an OpenAI model; the OpenAI target uses ${fallback.id}.`, path: "model" });
  return { modelId: fallback.id, facts: fallback };
}

function inputBlock(block: ContentBlock, mark: boolean): ResponsesContentBlock | null {
  const bp = mark ? { prompt_cache_breakpoint: BREAKPOINT } : {};
  switch (block.type) {
    case "text":
      return { type: "input_text", text: block.text, ...bp };
    case "image":
      return block.source.type === "url" ? { type: "input_image", image_url: block.source.url, detail: "auto", ...bp } : null;
    case "document":
      return block.source.type === "url" ? { type: "input_file", file_url: block.source.url, ...bp } : null;
    default:
      return null;
  }
}

function toolResultText(content: string | ContentBlock[] | unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((c) => (c && typeof c === "object" && (c as TextBlock).type === "text" ? (c as TextBlock).text : "")).join("\n");
  return "";
}

export function buildOpenAITarget(experiment: Experiment, options: TargetOptions = {}): Result<TargetRequest> {
  const built = buildRequest(experiment, { provider: "anthropic" });
  if (!built.ok) return built;
  const { parts, analysis, paths } = built.value;
  const notes: TargetNote[] = [];
  const mode = openaiCacheModeOf(experiment);
  const { modelId, facts } = resolveModel(experiment, options, notes);

  // Every breakpoint the experiment asks for, by the Anthropic wire path it landed on (kept or dropped).
  const wanted = new Map<string, Wanted>();
  const askedTtls = new Set<string>();
  for (const b of analysis.breakpoints) {
    if (b.automatic) {
      notes.push(
        mode === "implicit"
          ? { code: "automatic_is_implicit", severity: "info", message: `settings.cache (automatic caching) is OpenAI's implicit breakpoint: the end of the latest eligible message (${OPENAI_GUIDE}#how-caching-works).`, path: "settings.cache" }
          : { code: "automatic_unsupported", severity: "warning", message: "settings.cache (automatic caching) has no equivalent in explicit mode: nothing is cached for it. Add a cache_point or use implicit mode.", path: "settings.cache" },
      );
      continue;
    }
    if ((b.status !== "kept" && b.status !== "dropped") || !b.landedAt) continue;
    askedTtls.add(b.ttl);
    wanted.set(b.landedAt.path, { origin: describeOrigin(b.origin), experimentPath: b.landedAt.documentPath ?? b.landedAt.path });
  }
  const placed = new Map<string, Wanted>(); // OpenAI body path → what asked for it
  const unplaced = (anthropicPath: string, code: string, why: string) => {
    const w = wanted.get(anthropicPath);
    if (w) notes.push({ code, severity: "warning", message: `${w.origin}: ${why}`, path: w.experimentPath });
  };

  // Tools: function tools as Responses function tools. A tool cannot carry a breakpoint; tools precede the
  // input, so any breakpoint in the input covers them.
  const tools: ResponsesTool[] = [];
  (parts.tools ?? []).forEach((tool: ToolParam, i) => {
    if (tool.input_schema !== undefined && tool.type === undefined) {
      tools.push({ type: "function", name: tool.name, description: String(tool.description ?? ""), parameters: tool.input_schema as Record<string, unknown>, strict: false });
    }
    unplaced(`tools[${i}]`, "tool_breakpoint_unsupported", "OpenAI takes breakpoints only on input content blocks, not on tools; the tools are part of every cached prefix anyway, so a breakpoint on the first input block caches them.");
  });
  for (const builtin of experiment.builtin_tools) {
    if (builtin === "web_search") tools.push({ type: "web_search" });
    else if (builtin === "code_execution") tools.push({ type: "code_interpreter", container: { type: "auto" } });
    else notes.push({ code: "builtin_unsupported", severity: "warning", message: `The ${builtin} builtin tool has no OpenAI Responses equivalent; it is left out.`, path: "builtin_tools" });
  }

  const input: ResponsesInputItem[] = [];
  let instructions: string | undefined;
  // System: plain `instructions` unless a breakpoint is wanted on it. Top-level instructions cannot carry
  // one, so cached instructions move to a developer message's input_text blocks (OPENAI.instructionsTakeNoBreakpoint).
  if (parts.system !== undefined) {
    const blocks: { text: string; path: string }[] = typeof parts.system === "string" ? [{ text: parts.system, path: "system" }] : parts.system.map((b, i) => ({ text: b.text, path: `system[${i}]` }));
    const cached = blocks.some((b) => wanted.has(b.path));
    if (cached) {
      const content: ResponsesContentBlock[] = blocks.map((b, j) => {
        const mark = wanted.has(b.path);
        if (mark) placed.set(`input[0].content[${j}]`, wanted.get(b.path)!);
        return { type: "input_text", text: b.text, ...(mark ? { prompt_cache_breakpoint: BREAKPOINT } : {}) };
      });
      input.push({ role: "developer", content });
      notes.push({
        code: "instructions_moved",
        severity: "info",
        message: `The cached instructions are sent as a developer message (input[0]), not as top-level instructions: "Top-level instructions cannot contain an explicit breakpoint" (${OPENAI_GUIDE}#how-caching-works).`,
        path: "settings.cache_instructions",
      });
    } else {
      instructions = blocks.map((b) => b.text).join("\n\n");
    }
  }

  parts.messages.forEach((message: MessageParam, m) => {
    const blocks = typeof message.content === "string" ? [{ type: "text", text: message.content } as ContentBlock] : message.content;
    if (message.role === "assistant") {
      blocks.forEach((block, b) => {
        const path = requestPath.block(m, b);
        if (block.type === "text") {
          input.push({ role: "assistant", content: block.text });
          unplaced(path, "assistant_breakpoint_unsupported", "OpenAI takes breakpoints only on input blocks (input_text, input_image, input_file), not on assistant output; the next user message's ending is a lookup boundary in implicit mode.");
        } else if (block.type === "tool_use") {
          input.push({ type: "function_call", call_id: block.id, name: block.name, arguments: JSON.stringify(block.input ?? {}) });
          unplaced(path, "tool_call_breakpoint_unsupported", "a function_call item cannot carry a breakpoint on OpenAI.");
        } else {
          notes.push({ code: "block_unsupported", severity: "warning", message: `A ${block.type} block has no OpenAI Responses equivalent (reasoning items are OpenAI's own); it is left out.`, path: paths.toDocument(path) ?? path });
        }
      });
      return;
    }
    // A user message: its tool results become function_call_output items, the rest one user message per run.
    let current: ResponsesContentBlock[] | null = null;
    blocks.forEach((block, b) => {
      const path = requestPath.block(m, b);
      const mark = wanted.has(path);
      if (block.type === "tool_result") {
        current = null;
        const text = toolResultText(block.content);
        const index = input.length;
        input.push({ type: "function_call_output", call_id: block.tool_use_id, output: mark ? [{ type: "input_text", text, prompt_cache_breakpoint: BREAKPOINT }] : text });
        if (mark) placed.set(`input[${index}].output[0]`, wanted.get(path)!);
        return;
      }
      const converted = inputBlock(block, mark);
      if (!converted) {
        notes.push({ code: "block_unsupported", severity: "warning", message: `A ${block.type} block of this kind has no OpenAI Responses equivalent; it is left out.`, path: paths.toDocument(path) ?? path });
        return;
      }
      if (!current) {
        current = [];
        input.push({ role: "user", content: current });
      }
      if (mark) placed.set(`input[${input.length - 1}].content[${current.length}]`, wanted.get(path)!);
      current.push(converted);
    });
  });

  if (askedTtls.size > 0) {
    notes.push({
      code: "lifetime_30m",
      severity: "info",
      message: `OpenAI has one cache lifetime: a prefix stays reusable at least ${OPENAI.lifetimeMinutes.value} minutes after its latest write or reuse (${OPENAI_GUIDE}#cache-lifetime); the ${[...askedTtls].sort().join(" and ")} TTLs asked for are not sent.`,
    });
  }

  const body: ResponsesBody = {
    model: modelId,
    ...(instructions !== undefined && instructions.length > 0 ? { instructions } : {}),
    input,
    ...(tools.length > 0 ? { tools } : {}),
    max_output_tokens: experiment.max_tokens,
    prompt_cache_options: { mode },
  };

  const prefix = flattenResponses(body as unknown as Record<string, unknown>);
  const bounds = boundaries(prefix.positions, mode);
  const minTokens = tokens(experiment.overrides?.min_cacheable_tokens ?? OPENAI.minCacheableTokens.value);
  const written = new Set(bounds.written.map((p) => p.path));
  const landed: LandedBreakpoint[] = [];
  for (const p of bounds.explicit) {
    const w = placed.get(p.path);
    landed.push({
      path: p.path,
      origin: w?.origin ?? "prompt_cache_breakpoint",
      ...(w ? { experimentPath: w.experimentPath } : {}),
      lifetime: "30m",
      written: written.has(p.path),
      prefixTokens: p.cumulativeTokens,
      reachesMinimum: p.cumulativeTokens >= minTokens,
    });
    if (!written.has(p.path)) {
      const slots = mode === "implicit" ? `the latest ${OPENAI.explicitWritesInImplicitMode.value} explicit breakpoints (the implicit breakpoint takes the fourth slot)` : `the latest ${OPENAI.explicitWritesInExplicitMode.value} explicit breakpoints`;
      notes.push({
        code: "breakpoint_not_written",
        severity: "warning",
        message: `${w?.origin ?? p.path} (${p.path}) is sent but not written: OpenAI writes only ${slots}; it stays a lookup boundary.`,
        ...(w ? { path: w.experimentPath } : {}),
      });
    }
  }
  if (bounds.implicit) {
    landed.push({ path: bounds.implicit.path, origin: "implicit", lifetime: "30m", written: true, prefixTokens: bounds.implicit.cumulativeTokens, reachesMinimum: bounds.implicit.cumulativeTokens >= minTokens });
  }
  landed.sort((a, b) => (a.path === b.path ? 0 : prefix.positions.findIndex((p) => p.path === a.path) - prefix.positions.findIndex((p) => p.path === b.path)));
  if (mode === "explicit" && bounds.explicit.length === 0) {
    notes.push({ code: "explicit_without_breakpoints", severity: "warning", message: "Explicit mode with no breakpoint caches nothing: add a cache_point or a cache setting, or use implicit mode." });
  }
  if (mode === "implicit" && bounds.implicit === null) {
    notes.push({ code: "no_implicit_breakpoint", severity: "info", message: "No user message or tool output ends the input, so implicit mode places no breakpoint." });
  }

  const overrides = experiment.overrides?.prices;
  const p = facts.prices.value;
  const pick = (value: number | undefined, fallback: NormalizedPrices["input"]) => (value === undefined ? fallback : usdPerMTok(value));
  if (overrides?.write_5m !== undefined || overrides?.write_1h !== undefined) {
    notes.push({ code: "write_price_override_ignored", severity: "info", message: "overrides.prices.write_5m and write_1h are Claude's lifetimes; OpenAI's 30m writes keep 1.25× the input price.", path: "overrides.prices" });
  }
  const inputPrice = pick(overrides?.input, p.input);
  const prices: NormalizedPrices = {
    input: inputPrice,
    cacheRead: pick(overrides?.read, p.read),
    cacheWrite: { "30m": overrides?.input !== undefined ? usdPerMTok(inputPrice * OPENAI.writeMultiplier.value) : p.write30m },
    output: pick(overrides?.output, p.output),
  };
  return ok({ target: "openai", modelId, body, notes, breakpoints: landed, totalTokens: prefix.totalTokens as Tokens, minCacheableTokens: minTokens, prices });
}
