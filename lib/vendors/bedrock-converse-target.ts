// Bedrock Converse as a target (lib/vendors/targets.ts): the request bedrock-converse.ts builds, each cachePoint
// measured on what Bedrock hands the model (bedrock-converse-prefix.ts, the one estimator), and every note.
// Claude's TTL order applies underneath: a 1h cachePoint after a 5m one is refused (docs/reference/vendors.md §3,
// docs/reference/anthropic-caching.md §1.6), so the target says so before a run does.
import { describeOrigin } from "@/lib/cache/breakpoint-trace";
import { tokenModelFor } from "@/lib/cache/catalog";
import type { Experiment } from "@/lib/cache/experiment-schema";
import { effectivePrices } from "@/lib/cache/pricing";
import { flattenPrefix } from "@/lib/cache/prefix";
import { type Result, ok } from "@/lib/cache/result";
import { tokens } from "@/lib/cache/units";
import { type ConverseBreakpoint, type ConverseBuild, buildConverseRequest } from "./bedrock-converse";
import { converseToAnthropic } from "./bedrock-converse-prefix";
import type { LandedBreakpoint, TargetNote, TargetOptions, TargetRequest } from "./targets";
import { fromClaudePrices } from "./usage";

/** Notes that change what is cached or sent are warnings; the rest say how Pydantic AI lays it out. */
const INFO_NOTES = new Set(["converse_thinking_as_text", "converse_messages_last_user"]);

function wirePath(b: ConverseBreakpoint): string | null {
  if (!b.at) return null;
  if (b.at.section === "system") return `system[${b.at.blockIndex}]`;
  if (b.at.section === "tools") return `toolConfig.tools[${b.at.blockIndex}]`;
  return `messages[${b.at.messageIndex}].content[${b.at.blockIndex}]`;
}

function experimentPathOf(b: ConverseBreakpoint): string {
  return b.origin.kind === "setting" ? `settings.${b.origin.setting}` : `messages[${b.origin.messageIndex}].content[${b.origin.contentIndex}]`;
}

/** Each placed cachePoint's prefix, measured on the Anthropic prompt it stands for; a refusal becomes a note. */
function measure(built: ConverseBuild, notes: TargetNote[]): { prefix: Map<string, number>; total: number } {
  const prompt = converseToAnthropic(built.body, built.model.family);
  if (!prompt.ok) {
    notes.push({ code: "converse_refused", severity: "error", message: `Bedrock refuses this request: ${prompt.error.message}` });
    return { prefix: new Map(), total: 0 };
  }
  const model = built.model.family === "claude" ? tokenModelFor(built.model.catalog, built.body.toolConfig?.toolChoice && "any" in built.body.toolConfig.toolChoice ? "any" : "auto") : { toolPromptTokens: 0, scale: 1 };
  const positions = flattenPrefix(prompt.value.parts, "", { hashes: false, tokens: model });
  const byPath = new Map<string, number>(positions.map((p) => [p.path, p.cumulativeTokens]));
  const prefix = new Map<string, number>();
  for (const point of prompt.value.cachePoints) prefix.set(point.path, byPath.get(point.marks) ?? 0);
  return { prefix, total: positions.at(-1)?.cumulativeTokens ?? 0 };
}

export function buildConverseTarget(experiment: Experiment, options: TargetOptions = {}): Result<TargetRequest> {
  const variant = options.model ? { ...experiment, model: options.model } : experiment;
  const built = buildConverseRequest(variant);
  if (!built.ok) return built;
  const { model, body } = built.value;
  const notes: TargetNote[] = built.value.notes.map((n) => ({ code: n.code, severity: INFO_NOTES.has(n.code) ? "info" : "warning", message: n.message, path: n.path }));
  const override = experiment.overrides?.min_cacheable_tokens;
  const minimum = override !== undefined ? tokens(override) : model.minimum;
  const { prefix, total } = measure(built.value, notes);

  const breakpoints: LandedBreakpoint[] = [];
  let seen5m = false;
  // Placed cachePoints in prompt order: tools, system, messages (the order Claude reads TTLs in).
  const placed = built.value.breakpoints
    .filter((b) => b.at !== null)
    .sort((x, y) => {
      const rank = { tools: 0, system: 1, messages: 2 } as const;
      return rank[x.at!.section] - rank[y.at!.section] || x.at!.messageIndex - y.at!.messageIndex || x.at!.blockIndex - y.at!.blockIndex;
    });
  for (const b of placed) {
    const path = wirePath(b)!;
    const lifetime = b.sentTtl ?? "5m";
    const prefixTokens = tokens(prefix.get(path) ?? 0);
    breakpoints.push({ path, origin: describeOrigin(b.origin), experimentPath: experimentPathOf(b), lifetime, written: true, prefixTokens, reachesMinimum: prefixTokens >= minimum });
    if (lifetime === "5m") seen5m = true;
    else if (seen5m && model.family === "claude") {
      notes.push({
        code: "converse_ttl_order",
        severity: "error",
        message: `${path} asks for 1h after a 5m cachePoint; Claude refuses a longer TTL after a shorter one (tools → system → messages), so Bedrock answers 400`,
        path: experimentPathOf(b),
      });
    }
  }
  for (const b of built.value.breakpoints) {
    if (!b.dropped) continue;
    notes.push({ code: "breakpoint_dropped", severity: "warning", message: `${describeOrigin(b.origin)} is not sent: ${b.dropped}`, path: experimentPathOf(b) });
    // Dropped by the 4-point limit: asked for and not written, as the Claude lint counts a dropped breakpoint.
    if (b.limited) breakpoints.push({ path: null, origin: describeOrigin(b.origin), experimentPath: experimentPathOf(b), lifetime: b.requestedTtl, written: false, prefixTokens: tokens(0), reachesMinimum: false });
  }
  return ok({
    target: "bedrock-converse",
    modelId: built.value.modelId,
    body: { modelId: built.value.modelId, ...body },
    notes,
    breakpoints,
    totalTokens: tokens(total),
    minCacheableTokens: minimum,
    prices: fromClaudePrices(effectivePrices(model, experiment.overrides?.prices)),
  });
}
