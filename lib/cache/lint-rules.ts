// Lint findings over a built request. Each rule names the provider behaviour it encodes; severities:
// error = the API rejects the request; warning = caching will not do what the layout suggests;
// info = worth knowing. `isBlockingFinding` is the CI rule `cachelab lint` exits on.
import type { AnalysisInput, BreakpointAnalysis, Finding } from "./analysis";
import { originLabel, originPath } from "./breakpoint-words";
import { findDynamicContent } from "./dynamic-content";
import { type DocumentPath, type RequestPath, apiPath, documentPath, documentPathLabel, requestPath, requestPathLabel } from "./paths";
import { MANTLE_REFUSED_BUILTINS, servedOnMantle } from "./catalog";
import { type PrefixPosition, ttlOf } from "./prefix";
import { API_ERRORS, LOOKBACK_POSITIONS, ttlOrderMessage, ttlOrderViolation } from "./rules";
import { rulesOf } from "./semantics";
import { ESTIMATE_BAND_SENTENCE, canonicalJson } from "./tokens";
import { formatTokens as fmt } from "@/lib/display/format";
import type { Tokens } from "./units";

export interface LintContext extends AnalysisInput {
  positions: PrefixPosition[];
  breakpoints: BreakpointAnalysis[];
  minTokens: Tokens;
}


/**
 * Problems that make caching fail or the API reject the request: any error, a kept breakpoint
 * whose prefix is below the model's minimum, and a breakpoint dropped by the 4-breakpoint limit.
 */
export function isBlockingFinding(finding: Finding): boolean {
  return finding.severity === "error" || finding.code === "below_minimum" || finding.code === "dropped_breakpoint";
}

function breakpointFindings(ctx: LintContext): Finding[] {
  const out: Finding[] = [];
  const modelName = ctx.model?.displayName ?? ctx.modelId;
  // Findings point into the experiment document (what a person edits), and their sentences say
  // which path they quote: "request messages[0].content[25]" names the block as sent.
  const sent = ctx.breakpoints.filter((b) => b.status === "kept" && b.landedAt);
  const ttlOrderBreak = sent[ttlOrderViolation(sent.map((b) => b.ttl))];
  for (const b of ctx.breakpoints) {
    const common = { breakpointId: b.id, path: originPath(b.origin) };
    const who = `The ${originLabel(b.origin)}`;
    if (b.status === "dropped") {
      out.push({ code: "dropped_breakpoint", severity: "warning", message: `${who} (on ${b.landedAt ? requestPathLabel(b.landedAt.path) : "no block"}) is ${b.reason}.`, ...common });
    }
    if (b.status === "overwritten") out.push({ code: "overwritten_breakpoint", severity: "info", message: `${who} was ${b.reason}.`, ...common });
    if (b.status === "no_effect") {
      // A setting the release makes useless (every instruction dynamic, every tool deferred) is a warning.
      out.push({ code: b.noEffectCode ?? "setting_no_effect", severity: b.noEffectCode ? "warning" : "info", message: `${who} has no effect: ${b.reason}.`, ...common });
    }
    if (b.status !== "kept" || !b.landedAt) continue;

    if (b.minimum === "below") {
      out.push({
        code: "below_minimum",
        severity: "warning",
        message: `Cannot cache at ${requestPathLabel(b.landedAt.path)}: the prefix up to it is ≈${fmt(b.prefixTokens)} tokens, below ${modelName}'s minimum of ${fmt(b.minTokens)} on ${ctx.provider} even at the top of the estimate's band; the request succeeds but nothing is cached there.`,
        ...common,
      });
    } else if (b.minimum === "near") {
      out.push({
        code: "may_not_cache",
        severity: "warning",
        message: `May not cache at ${requestPathLabel(b.landedAt.path)}: the prefix up to it is ≈${fmt(b.prefixTokens)} tokens, close to ${modelName}'s minimum of ${fmt(b.minTokens)} on ${ctx.provider}. ${ESTIMATE_BAND_SENTENCE} so the real count may fall on either side; an exact count (a live provider's count-tokens) settles it.`,
        ...common,
      });
    }
    if (b.blocksSincePrevious > LOOKBACK_POSITIONS) {
      out.push({
        code: "lookback_window",
        severity: "warning",
        message: `${b.blocksSincePrevious} positions since the previous breakpoint (or the start) at ${requestPathLabel(b.landedAt.path)}: Anthropic checks at most ${LOOKBACK_POSITIONS} positions back from a breakpoint, its own included, so an entry written further back (by an earlier, shorter request, say) is not found from here. Add a breakpoint in between.`,
        ...common,
      });
    }
    if (b.automatic) {
      // The top-level cache_control and an explicit one on the last cacheable block with another TTL:
      // the API answers 400 (docs/reference/anthropic-caching.md §1.1, automatic-caching edge cases).
      const explicit = ctx.positions[b.landedAt.positionIndex]?.cacheControl;
      if (explicit && ttlOf(explicit) !== b.ttl) {
        out.push({
          code: "automatic_ttl_conflict",
          severity: "error",
          message: `Automatic caching (settings.cache, ttl ${b.ttl}) lands on ${requestPathLabel(b.landedAt.path)}, the last cacheable block, which already has cache_control with ttl ${ttlOf(explicit)}: the API rejects a different TTL there with 400. Give both the same TTL, or move the cache_point.`,
          ...common,
        });
      }
    }
    // Longer TTLs must come first in tools → system → messages order, or the API answers 400.
    if (b === ttlOrderBreak) {
      const where = b.automatic ? "cache_control" : `${apiPath(b.landedAt.path)}.cache_control`;
      out.push({ code: "ttl_order", severity: "error", message: ttlOrderMessage(where), ...common });
    }
    if (b.requestedTtl === "1h" && ctx.model && ctx.model.supports1h[ctx.provider] === false) {
      out.push({ code: "ttl_1h_unsupported", severity: "error", message: `${modelName} does not support a 1h TTL on ${ctx.provider}; use "5m".`, ...common });
    }
  }
  if (ctx.stripTtl && ctx.breakpoints.some((b) => b.status === "kept" && b.requestedTtl === "1h")) {
    const rules = rulesOf(ctx.experiment);
    const why = rules.bedrockTtlDefault === "omit" ? `${rules.label}'s rule` : 'provider_options.bedrock_ttl is "omit"';
    out.push({
      code: "bedrock_ttl_omitted",
      severity: "warning",
      message: `A 1h TTL was asked for, but the Bedrock body omits ttl (${why}), so the entry lives 5 minutes. Set provider_options.bedrock_ttl to "send" to keep 1h.`,
      path: documentPath.providerOption("bedrock_ttl"),
    });
  }
  if (ctx.breakpoints.every((b) => b.status !== "kept")) {
    out.push({ code: "no_breakpoints", severity: "info", message: "Nothing is marked for caching: turn on a cache setting or add a cache_point." });
  }
  return out;
}

function modelFindings(ctx: LintContext): Finding[] {
  const model = ctx.model;
  if (!model) {
    return [{ code: "model_unknown", severity: "warning", message: `"${ctx.experiment.model}" is not in CacheLab's catalog: the minimum, prices and 1h support are guesses (minimum ${fmt(ctx.minTokens)}); set overrides to correct them.`, path: documentPath.top("model") }];
  }
  const out: Finding[] = [];
  if (model.ids[ctx.provider] === undefined) {
    out.push({ code: "model_not_on_provider", severity: "warning", message: `${model.displayName} has no known id on ${ctx.provider}; "${ctx.modelId}" is sent as written.`, path: documentPath.top("model") });
  }
  const mantle = ctx.provider === "bedrock" && ctx.experiment.provider_options.bedrock_endpoint === "mantle";
  const refused = mantle ? ctx.experiment.builtin_tools.filter((b) => (MANTLE_REFUSED_BUILTINS as readonly string[]).includes(b)) : [];
  if (refused.length > 0) {
    out.push({
      code: "mantle_server_tools",
      severity: "error",
      message: `Claude in Amazon Bedrock (Mantle) does not support server tools: it refuses ${refused.join(" and ")} with 400 invalid_request_error. Remove ${refused.length > 1 ? "them" : "it"} or use another endpoint or provider.`,
      path: documentPath.top("builtin_tools"),
    });
  }
  if (mantle && !servedOnMantle(model)) {
    // Claude in Amazon Bedrock serves its own list of models (docs/reference/anthropic-caching.md §6.2).
    out.push({
      code: "model_not_on_mantle",
      severity: "warning",
      message: `${model.displayName} is not served on Claude in Amazon Bedrock (Mantle); "${ctx.modelId}" is sent as written and Mantle will answer 404. Pick a model Mantle serves or the InvokeModel endpoint.`,
      path: documentPath.top("model"),
    });
  }
  const wantedGeo = ctx.experiment.provider_options.bedrock_profile;
  if (ctx.provider === "bedrock" && !mantle && model.bedrock?.profileRequired && !model.bedrock.profiles.includes(wantedGeo)) {
    out.push({
      code: "bedrock_profile_unavailable",
      severity: "info",
      message: `${model.displayName} has no ${wantedGeo}. inference profile on Bedrock (it offers ${model.bedrock.profiles.map((g) => `${g}.`).join(", ")}); "${ctx.modelId}" is sent instead.`,
      path: documentPath.providerOption("bedrock_profile"),
    });
  }
  if (model.status === "retired" && ctx.provider === "anthropic") {
    out.push({ code: "model_retired", severity: "warning", message: `${model.displayName} was retired on the Anthropic API${model.retiredOn ? ` on ${model.retiredOn}` : ""}; pick a current model or another provider.`, path: documentPath.top("model") });
  }
  return out;
}

function contentFindings(ctx: LintContext): Finding[] {
  const out: Finding[] = [];
  const lastKept = ctx.breakpoints.filter((b) => b.status === "kept" && b.landedAt).at(-1)?.landedAt;
  const byPath = new Map(ctx.positions.map((p) => [p.path, p.index]));
  const positionOf = (path: RequestPath) => byPath.get(path) ?? -1;
  const check = (text: string, path: DocumentPath, position: number) => {
    if (!lastKept || position < 0 || position > lastKept.positionIndex) return;
    const match = findDynamicContent(text);
    if (!match) return;
    out.push({
      code: "dynamic_content",
      severity: "warning",
      message: `"${match.text}" at ${documentPathLabel(path)} looks like ${match.kind}; it sits before the breakpoint at ${requestPathLabel(lastKept.path)}, so if it changes between requests the cache misses. Move it after the last breakpoint.`,
      path,
    });
  };
  const toolPosition = new Map<string, number>();
  ctx.parts.tools?.forEach((t, i) => toolPosition.set(t.name, positionOf(requestPath.tool(i))));
  const scanTool = (list: typeof ctx.experiment.tools, pathOf: (i: number) => DocumentPath) =>
    list.forEach((tool, i) => {
      const at = toolPosition.get(tool.name) ?? -1;
      check(tool.description ?? "", documentPath.field(pathOf(i), "description"), at);
      check(canonicalJson(tool.input_schema), documentPath.field(pathOf(i), "input_schema"), at);
    });
  scanTool(ctx.experiment.tools, documentPath.tool);
  scanTool(ctx.experiment.output_tools, documentPath.outputTool);
  // Every system part is in the first system block; an instruction is there too (v1.74.0) or in its own block.
  const systemBlockAt = (i: number) => (i < 0 ? -1 : positionOf(Array.isArray(ctx.parts.system) ? requestPath.systemBlock(i) : requestPath.system(false)));
  const sources = ctx.systemSources ?? [];
  const joinedAt = systemBlockAt(0);
  const instructionAt = (source: DocumentPath) => (sources.includes(source) ? systemBlockAt(sources.indexOf(source)) : joinedAt);
  ctx.experiment.system.forEach((text, i) => check(text, documentPath.systemPart(i), joinedAt));
  const instructions = ctx.experiment.instructions;
  if (typeof instructions === "string") check(instructions, documentPath.instructions(), instructionAt(documentPath.instructions()));
  else instructions?.forEach((part, i) => check(part.text, documentPath.instructionPart(i), instructionAt(documentPath.instructionPart(i))));

  ctx.experiment.messages.forEach((message, m) => {
    message.content.forEach((item, c) => {
      const path = documentPath.item(m, c);
      if (item.type === "text" && item.text === "") {
        out.push({ code: "empty_text", severity: "info", message: `${documentPathLabel(path)} is empty text, which makes no block (Pydantic AI skips it); a cache_point after it attaches to the block before.`, path });
      }
      const wireMessage = ctx.messageIndex[m] ?? -1;
      const wireBlock = ctx.blockIndex[m]?.[c] ?? -1;
      if (wireMessage < 0 || wireBlock < 0) return;
      const at = positionOf(requestPath.block(wireMessage, wireBlock));
      if (item.type === "text") check(item.text, path, at);
      else if (item.type === "tool_retry" || item.type === "tool_result") check(item.content, path, at);
      else if (item.type === "tool_use") check(canonicalJson(item.input), path, at);
      else if (item.type === "image" || item.type === "document") check(item.url, path, at);
    });
  });
  return out;
}

/** An error finding for a request the API refuses: what to change, then the API's own sentence. */
function refusal(code: string, advice: string, apiError: string, path: DocumentPath | undefined): Finding {
  return { code, severity: "error", message: `${advice} The API refuses the request: "${apiError}".`, ...(path ? { path } : {}) };
}

/**
 * Request shapes the API refuses that show in the built request itself, read from what is sent as the
 * emulator reads it (docs/reference/anthropic-caching.md §1.10, §5.3), each pointing at the experiment's
 * block through buildRequest's path map.
 */
function refusalFindings(ctx: LintContext): Finding[] {
  const out: Finding[] = [];
  const messages = ctx.parts.messages;
  if (messages.length === 0) {
    const advice = ctx.experiment.messages.length === 0 ? "There are no messages: add one." : "No message makes a block (empty text makes none): give one some text.";
    return [refusal("no_messages", advice, API_ERRORS.noMessages, documentPath.top("messages"))];
  }
  const blank = (text: string) => (text === "" ? API_ERRORS.emptyText("messages") : text.trim() === "" ? API_ERRORS.blankText("messages") : null);
  messages.forEach((message, m) => {
    if (typeof message.content === "string") return;
    message.content.forEach((block, b) => {
      const sent = requestPath.block(m, b);
      const path = ctx.paths.toDocument(sent);
      if (block.type === "text") {
        const error = blank(block.text);
        if (error) out.push(refusal("blank_text", `${path ? documentPathLabel(path) : requestPathLabel(sent)} holds only whitespace: give it text or delete it.`, error, path));
      } else if (block.type === "tool_result") {
        const inner = typeof block.content === "string" ? [] : block.content;
        const error = inner.map((i) => (i.type === "text" ? blank(i.text) : null)).find((e) => e !== null);
        const field = path ? documentPath.field(path, "content") : undefined;
        const previous = messages[m - 1]?.content;
        const called = Array.isArray(previous) && previous.some((p) => p.type === "tool_use" && p.id === block.tool_use_id);
        if (!called) {
          const advice = `${path ? documentPathLabel(path) : requestPathLabel(sent)} answers tool call ${block.tool_use_id}, which the message before it does not make: add that tool call to the previous assistant message, or fix the id.`;
          out.push(refusal("orphan_tool_result", advice, API_ERRORS.orphanToolResult(`messages.${m}.content.${b}`, block.tool_use_id), path));
        }
        if (error) out.push(refusal("empty_tool_result", `${field ? documentPathLabel(field) : requestPathLabel(sent)}, the tool's return, is ${error === API_ERRORS.emptyText("messages") ? "empty" : "only whitespace"}: give the tool result some text.`, error, field));
      }
    });
  });
  const system = ctx.parts.system;
  if (Array.isArray(system)) {
    system.forEach((block, i) => {
      const error = block.text === "" ? API_ERRORS.emptyText("system") : block.text.trim() === "" ? API_ERRORS.blankText("system") : null;
      const sent = requestPath.systemBlock(i);
      const path = ctx.paths.toDocument(sent);
      if (error) out.push(refusal("blank_text", `${path ? documentPathLabel(path) : requestPathLabel(sent)} holds only whitespace: give it text or delete it.`, error, path));
    });
  }
  return out;
}

export function lintFindings(ctx: LintContext): Finding[] {
  return [...refusalFindings(ctx), ...breakpointFindings(ctx), ...modelFindings(ctx), ...contentFindings(ctx)];
}
