// Gemini explicit caching as a target (issue 13.1): a cost and lifecycle lane, not per-block markers. Gemini caches
// a prefix as a separate object (`caches.create`: system instruction, tools, contents and a ttl) that a request
// names in `cachedContent`; one object per request, never chained; storage billed per token-hour for the ttl
// (lib/vendors/catalog.ts GEMINI, with sources). Where the experiment's breakpoints go is decided by lib/cache's
// builder (its Pydantic AI semantics); the furthest one becomes the end of the cache object, and everything the
// experiment asks that Gemini cannot say becomes a note, never a silent drop.
import { describeOrigin } from "@/lib/cache/breakpoint-trace";
import { buildRequest } from "@/lib/cache/build-request";
import type { Experiment } from "@/lib/cache/experiment-schema";
import { requestPath } from "@/lib/cache/paths";
import type { PositionSection } from "@/lib/cache/prefix";
import { type Result, ok } from "@/lib/cache/result";
import { tokens, usdPerMTok } from "@/lib/cache/units";
import type { ContentBlock, MessageParam, ToolParam } from "@/lib/cache/wire-types";
import { GEMINI, GEMINI_CACHING, type GeminiModelFacts, findGeminiModel } from "./catalog";
import { GEMINI_REQUEST_OVERHEAD_TOKENS, cachedPartTokens, contentTokens } from "./gemini-prefix";
import { type GeminiBody, type GeminiContent, type GeminiPart, type GeminiTool, GEMINI_CACHE_NAME_PLACEHOLDER, ttlString } from "./gemini-wire";
import type { LandedBreakpoint, TargetNote, TargetOptions, TargetRequest } from "./targets";
import type { NormalizedPrices } from "./usage";

const SECTION_RANK: Record<PositionSection, number> = { tools: 0, system: 1, messages: 2 };
const TTL_SECONDS = { "5m": 300, "1h": 3600 } as const;

function resolveModel(experiment: Experiment, options: TargetOptions, notes: TargetNote[]): { modelId: string; facts: GeminiModelFacts } {
  const asked = options.model ?? experiment.model;
  const known = findGeminiModel(asked);
  if (known) return { modelId: known.id, facts: known };
  const fallback = findGeminiModel(GEMINI.defaultModel)!;
  if (options.model) {
    notes.push({ code: "model_unknown", severity: "warning", message: `${asked} is not in CacheLab's Gemini catalog; it is sent as written and priced as ${fallback.displayName}.` });
    return { modelId: asked, facts: fallback };
  }
  notes.push({ code: "model_substituted", severity: "info", message: `${asked} is not a Gemini model; the Gemini target uses ${fallback.id}.`, path: "model" });
  return { modelId: fallback.id, facts: fallback };
}

const MIME_BY_EXTENSION: Record<string, string> = { png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", gif: "image/gif", webp: "image/webp", pdf: "application/pdf", txt: "text/plain" };

function mimeOf(url: string): string | undefined {
  const ext = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(url)?.[1]?.toLowerCase();
  return ext ? MIME_BY_EXTENSION[ext] : undefined;
}

function sourcePart(source: { type: string; url?: string; media_type?: string; data?: string }): GeminiPart {
  if (source.type === "url") {
    const mimeType = mimeOf(source.url!);
    return { fileData: { fileUri: source.url!, ...(mimeType ? { mimeType } : {}) } };
  }
  if (source.type === "text") return { text: source.data ?? "" };
  return { inlineData: { mimeType: source.media_type ?? "application/octet-stream", data: source.data ?? "" } };
}

function toolResultValue(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((c) => (c && typeof c === "object" && (c as { type?: string }).type === "text" ? String((c as { text: string }).text) : "")).join("\n");
  return "";
}

interface Located {
  /** Anthropic wire position: message and block index (the order lib/cache's analysis uses). */
  m: number;
  b: number;
  role: "user" | "model";
  part: GeminiPart;
}

/** Consecutive parts of one message become one Content; a message split by the cache boundary becomes two. */
function group(parts: Located[]): GeminiContent[] {
  const out: GeminiContent[] = [];
  let lastM = -1;
  for (const p of parts) {
    if (p.m !== lastM) out.push({ role: p.role, parts: [] });
    out.at(-1)!.parts.push(p.part);
    lastM = p.m;
  }
  return out;
}

export function buildGeminiTarget(experiment: Experiment, options: TargetOptions = {}): Result<TargetRequest> {
  const built = buildRequest(experiment, { provider: "anthropic" });
  if (!built.ok) return built;
  const { parts, analysis, paths } = built.value;
  const notes: TargetNote[] = [];
  const { modelId, facts } = resolveModel(experiment, options, notes);
  const docPath = (path: string) => paths.toDocument(path as never) ?? path;

  // The breakpoints the experiment asks for, in prompt order; the furthest ends the cache object.
  for (const b of analysis.breakpoints) {
    if (!b.automatic) continue;
    notes.push({
      code: "automatic_is_implicit",
      severity: "info",
      message: `settings.cache (automatic caching) has no marker on Gemini; its nearest equivalent is implicit caching, which is possible, not promised (${GEMINI_CACHING}): no cache object is created for it.`,
      path: "settings.cache",
    });
  }
  const asked = analysis.breakpoints
    .filter((b) => !b.automatic && (b.status === "kept" || b.status === "dropped") && b.landedAt)
    .sort((x, y) => {
      const a = x.landedAt!;
      const c = y.landedAt!;
      return SECTION_RANK[a.section] - SECTION_RANK[c.section] || a.messageIndex - c.messageIndex || a.blockIndex - c.blockIndex;
    });

  // System instruction and tools.
  const systemTexts = parts.system === undefined ? [] : typeof parts.system === "string" ? [parts.system] : parts.system.map((b) => b.text);
  const systemInstruction: GeminiContent | undefined = systemTexts.length > 0 ? { parts: systemTexts.map((text) => ({ text })) } : undefined;
  const declarations = (parts.tools ?? [])
    .filter((tool: ToolParam) => tool.input_schema !== undefined && tool.type === undefined)
    .map((tool: ToolParam) => ({ name: tool.name, ...(tool.description ? { description: String(tool.description) } : {}), parametersJsonSchema: tool.input_schema }));
  const tools: GeminiTool[] = declarations.length > 0 ? [{ functionDeclarations: declarations }] : [];
  for (const builtin of experiment.builtin_tools) {
    if (builtin === "web_search") tools.push({ googleSearch: {} });
    else if (builtin === "code_execution") tools.push({ codeExecution: {} });
    else if (builtin === "web_fetch") tools.push({ urlContext: {} });
    else notes.push({ code: "builtin_unsupported", severity: "warning", message: `The ${builtin} builtin tool has no Gemini equivalent; it is left out.`, path: "builtin_tools" });
  }

  // Messages, block by block, remembering where each came from.
  const toolNames = new Map<string, string>();
  const located: Located[] = [];
  parts.messages.forEach((message: MessageParam, m) => {
    const blocks: ContentBlock[] = typeof message.content === "string" ? [{ type: "text", text: message.content }] : message.content;
    const role = message.role === "assistant" ? "model" : "user";
    blocks.forEach((block, b) => {
      const path = requestPath.block(m, b);
      let part: GeminiPart | null = null;
      switch (block.type) {
        case "text":
          part = { text: block.text };
          break;
        case "image":
        case "document":
          part = sourcePart(block.source);
          break;
        case "tool_use":
          toolNames.set(block.id, block.name);
          part = { functionCall: { id: block.id, name: block.name, args: (block.input ?? {}) as Record<string, unknown> } };
          break;
        case "tool_result": {
          const name = toolNames.get(block.tool_use_id);
          if (!name) notes.push({ code: "tool_result_unnamed", severity: "warning", message: `No earlier tool call has id ${block.tool_use_id}; Gemini's functionResponse needs the function's name, so the id is sent as the name.`, path: docPath(path) });
          part = { functionResponse: { id: block.tool_use_id, name: name ?? block.tool_use_id, response: { [block.is_error ? "error" : "result"]: toolResultValue(block.content) } } };
          break;
        }
        default:
          notes.push({ code: "block_unsupported", severity: "warning", message: `A ${block.type} block has no Gemini equivalent (Gemini's thoughts are its own); it is left out.`, path: docPath(path) });
      }
      if (part) located.push({ m, b, role, part });
    });
  });

  // Where the cache object ends: after the furthest asked-for breakpoint. generateContent needs contents, so
  // when that is the end of the prompt the last message stays in the request.
  const boundary = asked.at(-1);
  let cut = -1; // index in `located` of the last part inside the cache object
  if (boundary && boundary.landedAt!.section === "messages") {
    const { messageIndex, blockIndex } = boundary.landedAt!;
    located.forEach((p, i) => {
      if (p.m < messageIndex || (p.m === messageIndex && p.b <= blockIndex)) cut = i;
    });
    if (cut === located.length - 1 && located.length > 0) {
      const lastM = located.at(-1)!.m;
      cut = located.findIndex((p) => p.m === lastM) - 1;
      notes.push({
        code: "gemini_last_turn_in_request",
        severity: "info",
        message: `${describeOrigin(boundary.origin)} ends the prompt; generateContent needs contents of its own, so the last message (messages[${lastM}]) is sent in the request and the cache object ends before it.`,
        path: boundary.landedAt!.documentPath ?? boundary.landedAt!.path,
      });
    }
  }
  const cachedContents = group(located.slice(0, cut + 1));
  const requestContents = group(located.slice(cut + 1));
  if (cut >= 0 && cut + 1 < located.length && located[cut]!.m === located[cut + 1]!.m) {
    notes.push({
      code: "gemini_message_split",
      severity: "info",
      message: `The cache object ends inside messages[${located[cut]!.m}]: its first part is the cache's last content, the rest opens the request's contents with the same role.`,
    });
  }

  const hasCache = boundary !== undefined && (cachedContents.length > 0 || systemInstruction !== undefined || tools.length > 0);
  if (boundary && !hasCache) {
    notes.push({ code: "gemini_nothing_to_cache", severity: "warning", message: `${describeOrigin(boundary.origin)} leaves nothing before the request's own contents (no system instruction, no tools, no earlier message): no cache object is created.` });
  }
  const ttl = boundary?.ttl ?? "5m";
  const ttlSeconds = TTL_SECONDS[ttl];
  const maxOutput = experiment.max_tokens > 0 ? { maxOutputTokens: experiment.max_tokens } : {};
  if (experiment.max_tokens === 0) {
    notes.push({ code: "gemini_no_prewarm", severity: "info", message: "max_tokens 0 (pre-warming) has no generateContent equivalent; creating the cache object is Gemini's pre-warm. maxOutputTokens is left out.", path: "max_tokens" });
  }

  const cacheConfig = {
    ...(experiment.name ? { displayName: experiment.name.slice(0, 128) } : {}),
    ...(systemInstruction ? { systemInstruction } : {}),
    ...(tools.length > 0 ? { tools } : {}),
    ...(cachedContents.length > 0 ? { contents: cachedContents } : {}),
    ttl: ttlString(ttlSeconds),
  };
  const body: GeminiBody = hasCache
    ? {
        createCache: { model: modelId, config: cacheConfig },
        generateContent: { model: modelId, contents: requestContents, config: { cachedContent: GEMINI_CACHE_NAME_PLACEHOLDER, ...maxOutput } },
      }
    : {
        createCache: null,
        generateContent: {
          model: modelId,
          contents: requestContents,
          config: { ...(systemInstruction ? { systemInstruction } : {}), ...(tools.length > 0 ? { tools } : {}), ...maxOutput },
        },
      };

  const cacheTokens = hasCache ? cachedPartTokens(cacheConfig) : tokens(0);
  const restTokens = requestContents.reduce((s, c) => s + contentTokens(c), 0) + (hasCache ? 0 : cachedPartTokens({ systemInstruction, tools }));
  const totalTokens = tokens(GEMINI_REQUEST_OVERHEAD_TOKENS + cacheTokens + restTokens);
  const minimum = tokens(experiment.overrides?.min_cacheable_tokens ?? facts.minCacheableTokens.value);

  const breakpoints: LandedBreakpoint[] = [];
  if (hasCache && boundary) {
    const path = cachedContents.length > 0 ? `createCache.config.contents[${cachedContents.length - 1}]` : tools.length > 0 ? "createCache.config.tools" : "createCache.config.systemInstruction";
    breakpoints.push({
      path,
      origin: describeOrigin(boundary.origin),
      experimentPath: boundary.landedAt!.documentPath ?? boundary.landedAt!.path,
      lifetime: ttl,
      written: true,
      prefixTokens: cacheTokens,
      reachesMinimum: cacheTokens >= minimum,
    });
    const storage = (cacheTokens * facts.prices.value.storagePerHour) / 1e6;
    notes.push({
      code: "gemini_cache_object",
      severity: "info",
      message: `The cached prefix (system instruction, tools${cachedContents.length > 0 ? ` and contents up to ${describeOrigin(boundary.origin)}` : ""}) is one cache object: caches.create with ttl "${ttlString(ttlSeconds)}", then generateContent names it in cachedContent and sends only the rest, since "${GEMINI.cachedRequestRefusesSystemAndTools.value}" (${GEMINI_CACHING}).`,
    });
    notes.push({
      code: "gemini_fixed_lifetime",
      severity: "info",
      message: `A cache object lives its ttl from creation (${ttl}); reading it does not extend it (unverified: the docs only name PATCH), and storage is billed for the whole ttl: ≈${Math.round(cacheTokens)} tokens × $${facts.prices.value.storagePerHour}/1M per hour ≈ $${storage.toFixed(6)} per hour.`,
    });
    if (cacheTokens < minimum) {
      notes.push({
        code: "gemini_cache_too_small",
        severity: "warning",
        message: `caches.create refuses a cache this small: "${GEMINI.tooSmallMessage.value.replace("{total}", String(Math.round(cacheTokens))).replace("{min}", String(minimum))}" (≈, CacheLab's estimate).`,
      });
    }
    for (const other of asked.slice(0, -1)) {
      notes.push({
        code: "gemini_one_cache_object",
        severity: "warning",
        message: `${describeOrigin(other.origin)} has no cache point of its own: Gemini takes one cache object per request and cannot chain caches, so it is covered by the object that ends at ${describeOrigin(boundary.origin)}; when anything after it changes, that object must be created again${other.ttl !== ttl ? `; its ${other.ttl} ttl is not sent (the object's ttl is the ${ttl} of ${describeOrigin(boundary.origin)})` : ""}.`,
        path: other.landedAt!.documentPath ?? other.landedAt!.path,
      });
    }
  }
  const implicitMin = facts.minCacheableTokens.value;
  notes.push({
    code: "gemini_implicit_possible",
    severity: "info",
    message: `${hasCache ? "Beyond the cache object, " : ""}Gemini's implicit caching (2.5 and later, prefixes of ${implicitMin} tokens or more) may also discount a repeated prefix: possible, not promised (${GEMINI_CACHING}); CacheLab bills it as uncached.`,
  });

  const p = facts.prices.value;
  const overrides = experiment.overrides?.prices;
  if (overrides?.write_5m !== undefined || overrides?.write_1h !== undefined) {
    notes.push({ code: "write_price_override_ignored", severity: "info", message: "overrides.prices.write_5m and write_1h are Claude's write premiums; creating a Gemini cache is billed at the input price.", path: "overrides.prices" });
  }
  const input = overrides?.input !== undefined ? usdPerMTok(overrides.input) : p.input;
  const prices: NormalizedPrices = {
    input,
    cacheRead: overrides?.read !== undefined ? usdPerMTok(overrides.read) : p.cached,
    // Creation is billed at the standard input price (GEMINI.creationAtInputPrice).
    cacheWrite: { "5m": input, "1h": input },
    storagePerHour: p.storagePerHour,
    output: overrides?.output !== undefined ? usdPerMTok(overrides.output) : p.output,
  };
  return ok({
    target: "gemini",
    modelId,
    body,
    notes,
    breakpoints,
    totalTokens,
    minCacheableTokens: minimum,
    prices,
    ...(hasCache ? { cacheObject: { tokens: cacheTokens, ttlSeconds } } : {}),
  });
}
