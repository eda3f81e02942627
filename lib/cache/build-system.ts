// The `system` field as Pydantic AI builds it from the system prompt parts, the instructions and
// cache_instructions. v1.74.0 joins everything into one text (docs/reference/pydantic-ai-caching.md §1.2, §3);
// from v1.77.0 (#4865) each instruction part is its own block after the joined system prompt, static
// parts first, and the cache goes on the last static block (docs/reference/pydantic-ai-2.md §2.5, A 2211-2260
// at v2.33.0, A 1574-1621 at v1.107.5).
import { type BreakpointRequest, makeCacheControl, resolveTtl } from "./breakpoint-trace";
import type { Experiment } from "./experiment-schema";
import { type DocumentPath, documentPath } from "./paths";
import type { SemanticsRules } from "./semantics";
import type { TextBlock } from "./wire-types";

export interface MappedSystem {
  system: string | TextBlock[] | undefined;
  /** The cache_instructions request, when the setting is on. */
  request: BreakpointRequest | null;
  /** For each wire system block (or the one string), where the experiment holds it. */
  sources: DocumentPath[];
}

interface Part {
  text: string;
  dynamic: boolean;
  source: DocumentPath;
}

/**
 * The instruction parts as the model receives them: a string is one static part (the Agent's literal
 * instructions, or what a direct `Model.request` synthesizes); parts are sorted static-first, stably
 * (`InstructionPart.sorted`, _agent_graph.py 1494 at v2.33.0); empty text is dropped as the Agent does.
 */
export function instructionParts(experiment: Pick<Experiment, "instructions">): Part[] {
  const raw = experiment.instructions;
  if (raw === undefined) return [];
  const parts: Part[] =
    typeof raw === "string" ? [{ text: raw, dynamic: false, source: documentPath.instructions() }] : raw.map((p, i) => ({ ...p, source: documentPath.instructionPart(i) }));
  const kept = parts.filter((p) => p.text !== "");
  return [...kept.filter((p) => !p.dynamic), ...kept.filter((p) => p.dynamic)];
}

/** "system[i]" of the first system part with text, the path a joined system prompt is edited at. */
function systemSource(experiment: Experiment): DocumentPath {
  const first = experiment.system.findIndex((part) => part !== "");
  return documentPath.systemPart(first >= 0 ? first : 0);
}

function cacheRequest(experiment: Experiment): BreakpointRequest | null {
  const setting = experiment.settings.cache_instructions;
  if (setting === false) return null;
  return { id: "setting:cache_instructions", origin: { kind: "setting", setting: "cache_instructions" }, requestedTtl: resolveTtl(setting), target: null };
}

/** v1.74.0: every part plus the instructions, joined into one string; one cached block with the setting. */
function joinedSystem(experiment: Experiment, stripTtl: boolean): MappedSystem {
  const request = cacheRequest(experiment);
  const texts = [...experiment.system];
  const instructions = typeof experiment.instructions === "string" ? experiment.instructions : "";
  if (instructions) texts.push(instructions);
  const joined = texts.join("\n\n");
  const source = experiment.system.some((p) => p !== "") ? systemSource(experiment) : instructions ? documentPath.instructions() : documentPath.top("system");
  if (joined === "") {
    if (request) request.noEffectReason = "there is no system prompt or instructions, so cache_instructions does nothing";
    return { system: undefined, request, sources: [] };
  }
  if (!request) return { system: joined, request, sources: [source] };
  request.target = { section: "system", blockIndex: 0 };
  return { system: [{ type: "text", text: joined, cache_control: makeCacheControl(request.requestedTtl, stripTtl) }], request, sources: [source] };
}

/** v1.77.0 on: the joined system prompt, then one block per instruction part. */
function blockSystem(experiment: Experiment, stripTtl: boolean): MappedSystem {
  const request = cacheRequest(experiment);
  const sys = experiment.system.join("\n\n");
  const parts = instructionParts(experiment);
  if (parts.length === 0 && !request) return { system: sys === "" ? undefined : sys, request, sources: sys === "" ? [] : [systemSource(experiment)] };

  const blocks: TextBlock[] = [];
  const sources: DocumentPath[] = [];
  if (sys !== "") {
    blocks.push({ type: "text", text: sys });
    sources.push(systemSource(experiment));
  }
  for (const part of parts) {
    blocks.push({ type: "text", text: part.text });
    sources.push(part.source);
  }
  if (request) {
    const prefix = sys !== "" ? 1 : 0;
    const statics = parts.filter((p) => !p.dynamic).length;
    // Last static block; with only dynamic parts the system prompt block, and with none either, nowhere.
    const index = parts.length === 0 || statics === parts.length ? blocks.length - 1 : statics > 0 ? prefix + statics - 1 : sys !== "" ? 0 : null;
    if (blocks.length === 0) {
      request.noEffectReason = "there is no system prompt or instructions, so cache_instructions does nothing";
    } else if (index === null) {
      request.noEffectReason =
        "every instruction part is dynamic and there is no system prompt, and Pydantic AI caches only the system prompt or a static instruction, so cache_instructions does nothing";
      request.noEffectCode = "instructions_all_dynamic";
    } else {
      blocks[index]!.cache_control = makeCacheControl(request.requestedTtl, stripTtl);
      request.target = { section: "system", blockIndex: index };
    }
  }
  return { system: blocks.length > 0 ? blocks : undefined, request, sources };
}

export function mapSystem(experiment: Experiment, stripTtl: boolean, rules: SemanticsRules): MappedSystem {
  return rules.instructionBlocks ? blockSystem(experiment, stripTtl) : joinedSystem(experiment, stripTtl);
}
