// The breakpoint analysis returned with every built request (docs/design.md §4): each breakpoint that was
// asked for, where it landed, whether it survived, whether its prefix is long enough to cache, and the
// findings a preview, `cachelab lint` and the run explainer show. Derived, never stored
// (docs/style.md habit 3).
import { type BreakpointOrigin, type BreakpointRequest, targetPath } from "./breakpoint-trace";
import { type BreakpointStatus, originLabel } from "./breakpoint-words";
import { type CatalogModel, minCacheableTokens, tokenModelFor } from "./catalog";
import type { Experiment } from "./experiment-schema";
import type { RemovedBreakpoint } from "./limit-breakpoints";
import { lintFindings } from "./lint-rules";
import { type DocumentPath, type PathMap, type RequestPath, documentPath, documentPathLabel, requestPath, requestPathLabel } from "./paths";
import { type PrefixPosition, flattenPrefix, ttlOf } from "./prefix";
import { effectivePrices, estimateCost } from "./pricing";
import { MAX_BREAKPOINTS } from "./rules";
import { type MinimumVerdict, REQUEST_OVERHEAD_TOKENS, minimumVerdict } from "./tokens";
import { type Tokens, type Usd, tokens } from "./units";
import type { PositionSection } from "./prefix";
import type { PromptParts, ProviderId, Ttl } from "./wire-types";

/** Used when the model is not in the catalog and the experiment sets no override: the most common minimum. */
export const FALLBACK_MIN_CACHEABLE_TOKENS = tokens(1024);

export interface BreakpointAnalysis {
  id: string;
  origin: BreakpointOrigin;
  requestedTtl: Ttl;
  /** Automatic caching's breakpoint: placed by the API from the top-level cache_control, no block marked. */
  automatic?: boolean;
  /** For a setting with no effect, the finding code when it is more specific than "setting_no_effect". */
  noEffectCode?: string;
  /** The TTL in effect: what is sent, or for Bedrock with ttl omitted what the API assumes (5m). */
  ttl: Ttl;
  /**
   * The block its cache_control went on: `path` as sent, `documentPath` where the experiment holds
   * that block (what "select" focuses; undefined only for a block the experiment does not spell out).
   */
  landedAt: {
    path: RequestPath;
    documentPath: DocumentPath | undefined;
    positionIndex: number;
    section: PositionSection;
    messageIndex: number;
    blockIndex: number;
  } | null;
  status: BreakpointStatus;
  /** For "overwritten": who overwrote it ("Cache messages setting"), in the words of breakpoint-words.ts. */
  overwrittenBy?: string;
  /** One sentence: why it has this status. */
  reason: string;
  /** Estimated tokens of the prefix up to and including the block it landed on (0 if none). */
  prefixTokens: Tokens;
  minTokens: Tokens;
  /** Kept, and its prefix reaches the model's minimum on this provider (by the point estimate). */
  canCache: boolean;
  /**
   * The estimated prefix against the minimum, allowing for the estimate's error band
   * (tokens.ts `ESTIMATE_BAND`): "near" means it may or may not cache.
   */
  minimum: MinimumVerdict;
  /** Prefix positions since the previous kept breakpoint (or the start), counting its own block. */
  blocksSincePrevious: number;
}

export type Severity = "error" | "warning" | "info";

export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  /** Where to fix it, in the experiment document ("messages[2].content[0]", "settings.cache_messages"). */
  path?: DocumentPath;
  breakpointId?: string;
}

export interface Analysis {
  breakpoints: BreakpointAnalysis[];
  findings: Finding[];
  positions: PrefixPosition[];
  totalTokens: Tokens;
  keptCount: number;
  /** Estimated input cost of this request (no output tokens): cold, warm repeat, and without caching. */
  cost: { firstCall: Usd; cachedRepeat: Usd; uncached: Usd };
  /** Why the cost estimate does not apply (an error finding stands: the API refuses the request), or null. */
  costNotApplicable: string | null;
}

/** The sentence that replaces the cost estimate while error findings stand (issue 9 item 5). */
export function costNotApplicable(findings: readonly Finding[]): string | null {
  const errors = findings.filter((f) => f.severity === "error").length;
  return errors === 0 ? null : `not applicable: the API refuses this request as built (${errors} error finding${errors === 1 ? "" : "s"})`;
}

export interface AnalysisInput {
  experiment: Experiment;
  provider: ProviderId;
  model: CatalogModel | undefined;
  modelId: string;
  parts: PromptParts;
  requests: readonly BreakpointRequest[];
  removed: readonly RemovedBreakpoint[];
  stripTtl: boolean;
  /** Experiment message → wire message index (-1: not sent). */
  messageIndex: readonly number[];
  /** Experiment message → content item → wire block index (-1: no block). */
  blockIndex: readonly (readonly number[])[];
  /** Wire system block (or the one string) → where the experiment holds it ("system[0]", "instructions[1]"). */
  systemSources?: readonly DocumentPath[];
  /** Request path → document path of every block (buildRequest's one mapping). */
  paths: PathMap;
}

/** The sentence the analysis gives the automatic breakpoint (issue 14: "1 of 4 slots"). */
export const AUTOMATIC_BREAKPOINT_REASON = `automatic breakpoint: last cacheable block, 1 of ${MAX_BREAKPOINTS} slots`;

function automaticStatus(request: BreakpointRequest, position: PrefixPosition | undefined): { status: BreakpointStatus; reason: string; overwrittenBy?: string } {
  if (!position) return { status: "no_effect", reason: "no block can carry a breakpoint, so automatic caching is skipped (docs/reference/anthropic-caching.md §1.1)" };
  const explicit = position.cacheControl;
  if (explicit && ttlOf(explicit) === request.requestedTtl) {
    return {
      status: "no_effect",
      reason: `${requestPathLabel(position.path)} already has an explicit breakpoint with the same TTL, so automatic caching adds nothing (docs/reference/anthropic-caching.md §1.1)`,
    };
  }
  return { status: "kept", reason: AUTOMATIC_BREAKPOINT_REASON };
}

function statusAndReason(
  request: BreakpointRequest,
  removed: boolean,
  byId: Map<string, BreakpointRequest>,
  budget: number,
): { status: BreakpointStatus; reason: string; overwrittenBy?: string } {
  if (request.target === null) return { status: "no_effect", reason: request.noEffectReason ?? "it had nothing to attach to" };
  if (request.overwrittenBy) {
    const winner = byId.get(request.overwrittenBy);
    const by = winner ? originLabel(winner.origin) : request.overwrittenBy;
    return {
      status: "overwritten",
      overwrittenBy: by,
      reason: `overwritten by the ${by}, which puts cache_control on the same block later: the block is still sent with cache_control, and that TTL is the one sent`,
    };
  }
  const limit = `the limit of ${MAX_BREAKPOINTS} breakpoints${budget < MAX_BREAKPOINTS ? ` (${budget} explicit slots: automatic caching takes 1 of ${MAX_BREAKPOINTS})` : ""}`;
  if (removed) {
    return { status: "dropped", reason: `dropped by ${limit}: system and tool breakpoints stay, then the newest message breakpoints, and the oldest go first` };
  }
  if (request.target.section !== "messages") return { status: "kept", reason: "kept: system and tool breakpoints are never removed by the limit" };
  return { status: "kept", reason: `kept: within ${limit}` };
}

/**
 * A cache_point attaches to the last block before it in its message, which is not the item just before it
 * when empty text (no block) or another cache_point sits in between
 * (docs/reference/pydantic-ai-caching.md §6.2).
 */
function movedNote(request: BreakpointRequest, blockIndex: AnalysisInput["blockIndex"], wireIndex: AnalysisInput["messageIndex"]): string {
  if (request.origin.kind !== "marker" || request.target?.section !== "messages") return "";
  const { messageIndex, contentIndex } = request.origin;
  const indices = blockIndex[messageIndex];
  if (!indices) return "";
  if (wireIndex[messageIndex] !== request.target.messageIndex) {
    // From Pydantic AI v2.22.0 a cache_point with no block before it attaches to the previous message
    // (docs/reference/pydantic-ai-2.md §2.6).
    const previous = wireIndex.indexOf(request.target.messageIndex);
    const item = previous >= 0 ? blockIndex[previous]!.indexOf(request.target.blockIndex) : -1;
    return previous >= 0 && item >= 0 ? ` (no block comes before it in its message, so it sits on messages[${previous}].content[${item}], the last block of the previous message)` : "";
  }
  const landedOn = indices.lastIndexOf(request.target.blockIndex, contentIndex);
  if (landedOn < 0 || landedOn === contentIndex - 1) return "";
  return ` (it sits on ${documentPathLabel(documentPath.item(messageIndex, landedOn))}, the last block before it: the items in between make no block)`;
}

export function analyzeRequest(input: AnalysisInput): Analysis {
  // CacheLab's requests carry no tool_choice, so the tool-use prompt is the "auto" one.
  const positions = flattenPrefix(input.parts, `${input.provider}|${input.modelId}`, { tokens: tokenModelFor(input.model) });
  const byPath = new Map<RequestPath, PrefixPosition>();
  for (const p of positions) byPath.set(p.path, p);
  const removedKeys = new Set(input.removed.map((r) => requestPath.block(r.messageIndex, r.blockIndex)));
  const byId = new Map(input.requests.map((r) => [r.id, r]));
  const override = input.experiment.overrides?.min_cacheable_tokens;
  const minTokens =
    override !== undefined ? tokens(override) : input.model ? minCacheableTokens(input.model, input.provider) : FALLBACK_MIN_CACHEABLE_TOKENS;

  const budget = input.requests.some((r) => r.automatic) ? MAX_BREAKPOINTS - 1 : MAX_BREAKPOINTS;
  const unsorted = input.requests.map((request, order) => {
    const wirePath = request.target ? targetPath(request.target) : null;
    // A plain-string system prompt is one position at "system".
    const path = wirePath === requestPath.system(true) && !byPath.has(wirePath) ? requestPath.system(false) : wirePath;
    const position = path ? byPath.get(path) : undefined;
    const judged = request.automatic ? automaticStatus(request, position) : statusAndReason(request, path !== null && removedKeys.has(path), byId, budget);
    const status = judged.status;
    const reason = judged.reason + movedNote(request, input.blockIndex, input.messageIndex);
    const analysis: BreakpointAnalysis = {
      id: request.id,
      origin: request.origin,
      requestedTtl: request.requestedTtl,
      ...(request.automatic ? { automatic: true } : {}),
      ...(status === "no_effect" && request.noEffectCode ? { noEffectCode: request.noEffectCode } : {}),
      ttl: input.stripTtl && !request.automatic ? "5m" : request.requestedTtl,
      landedAt:
        position && path
          ? {
              path,
              documentPath: input.paths.toDocument(path),
              positionIndex: position.index,
              section: position.section,
              messageIndex: position.messageIndex,
              blockIndex: position.blockIndex,
            }
          : null,
      status,
      ...(judged.overwrittenBy ? { overwrittenBy: judged.overwrittenBy } : {}),
      reason,
      prefixTokens: position ? position.cumulativeTokens : tokens(0),
      minTokens,
      canCache: status === "kept" && position !== undefined && position.cumulativeTokens >= minTokens,
      minimum: minimumVerdict(position ? position.cumulativeTokens : 0, minTokens),
      blocksSincePrevious: 0,
    };
    return { analysis, order };
  });
  // Prefix order (tools → system → messages) reads like the prompt; unplaced ones go last.
  unsorted.sort((a, b) => (a.analysis.landedAt?.positionIndex ?? Infinity) - (b.analysis.landedAt?.positionIndex ?? Infinity) || a.order - b.order);
  const breakpoints = unsorted.map((u) => u.analysis);

  let previousKept = -1;
  for (const b of breakpoints) {
    if (!b.landedAt) continue;
    b.blocksSincePrevious = b.landedAt.positionIndex - previousKept;
    if (b.status === "kept") previousKept = b.landedAt.positionIndex;
  }

  const totalTokens = positions.length > 0 ? positions[positions.length - 1]!.cumulativeTokens : REQUEST_OVERHEAD_TOKENS;
  const prices = effectivePrices(input.model, input.experiment.overrides?.prices);
  const findings = lintFindings({ ...input, positions, breakpoints, minTokens });
  return {
    breakpoints,
    findings,
    positions,
    totalTokens,
    keptCount: breakpoints.filter((b) => b.status === "kept").length,
    cost: estimateCost({ breakpoints, totalTokens }, prices),
    costNotApplicable: costNotApplicable(findings),
  };
}
