// CachePoint markers: where Pydantic AI accepts them and where their cache_control lands.
// The rules and the error texts are Pydantic AI v1.74.0's, word for word
// (docs/reference/pydantic-ai-caching.md §6.2, §6.3 and §12); from v2.22.0 a marker with no block before it
// attaches to the previous message's last block (docs/reference/pydantic-ai-2.md §2.6).
import { makesBlock, previousMessageBlock, wireTypeOf } from "@/lib/cache/experiment-checks";
import { rulesOf } from "@/lib/cache/semantics";
import type { ErrorCode } from "@/lib/cache/error-codes";
import { err, ok, type Result } from "@/lib/cache/result";
import { CACHEABLE_BLOCK_TYPES, DEFAULT_TTL, PYDANTIC_AI_ERRORS } from "@/lib/cache/rules";
import { insertAt, replaceAt } from "./list";
import type { Block, Experiment, Message, Ttl, UserBlock } from "./types";

export const USER_MESSAGES_ONLY = "CachePoint markers go in user messages only: Pydantic AI accepts CachePoint inside user prompt content, not in model responses.";

/**
 * The index of the block a marker placed before `content[index]` would put cache_control on, or
 * why Pydantic AI would refuse it. Consecutive markers target the same block; empty text is skipped.
 * `previous` is the previous message's last block when the release attaches a leading marker there
 * (the answer is then -1), or null.
 */
export function cachePointTarget(message: Message, index: number, previous: { type: string } | null = null): Result<number> {
  if (message.role !== "user") return err({ code: "marker_refused:role", message: USER_MESSAGES_ONLY });
  for (let i = Math.min(index, message.content.length) - 1; i >= 0; i--) {
    const block = message.content[i] as Block;
    if (!makesBlock(block)) continue;
    const type = wireTypeOf(block);
    if (!CACHEABLE_BLOCK_TYPES.has(type)) {
      return err({ code: "marker_refused:type", message: PYDANTIC_AI_ERRORS.notCacheable(type) });
    }
    return ok(i);
  }
  if (previous !== null) {
    return CACHEABLE_BLOCK_TYPES.has(previous.type) ? ok(-1) : err({ code: "marker_refused:type", message: PYDANTIC_AI_ERRORS.notCacheable(previous.type) });
  }
  return err({ code: "marker_refused:first", message: PYDANTIC_AI_ERRORS.cachePointFirst });
}

/** What a leading marker in messages[m] attaches to under the experiment's release, or null. */
function leadingFallback(experiment: Experiment, messageIndex: number): { type: string } | null {
  return rulesOf(experiment).leadingCachePointAttachesToPrevious ? previousMessageBlock(experiment, messageIndex) : null;
}

/** Whether a new marker may go before `content[index]` of a message. */
export function canInsertCachePoint(experiment: Experiment, messageIndex: number, index: number): Result<number> {
  const message = experiment.messages[messageIndex];
  if (!message) return err({ code: "marker_refused:missing", message: `There is no message ${messageIndex + 1}.` });
  return cachePointTarget(message, index, leadingFallback(experiment, messageIndex));
}

/** Inserts a marker before `content[index]`, or refuses with Pydantic AI's reason. */
export function insertCachePoint(experiment: Experiment, messageIndex: number, index: number, ttl: Ttl = DEFAULT_TTL): Result<Experiment> {
  const allowed = canInsertCachePoint(experiment, messageIndex, index);
  if (!allowed.ok) return allowed;
  const message = experiment.messages[messageIndex] as Extract<Message, { role: "user" }>;
  const marker: UserBlock = { type: "cache_point", ttl };
  const content = insertAt(message.content, index, marker);
  return ok({ ...experiment, messages: replaceAt(experiment.messages, messageIndex, { ...message, content }) });
}

export function setCachePointTtl(experiment: Experiment, messageIndex: number, blockIndex: number, ttl: Ttl): Experiment {
  const message = experiment.messages[messageIndex];
  const block = message?.content[blockIndex];
  if (!message || block?.type !== "cache_point") return experiment;
  const content = replaceAt(message.content as Block[], blockIndex, { ...block, ttl });
  return { ...experiment, messages: replaceAt(experiment.messages, messageIndex, { ...message, content } as Message) };
}

export interface MarkerProblem {
  messageIndex: number;
  blockIndex: number;
  code: ErrorCode;
  message: string;
}

/** Every marker Pydantic AI would refuse, in document order. */
export function markerProblems(experiment: Experiment): MarkerProblem[] {
  const problems: MarkerProblem[] = [];
  experiment.messages.forEach((message, messageIndex) => {
    (message.content as Block[]).forEach((block, blockIndex) => {
      if (block.type !== "cache_point") return;
      const target = cachePointTarget(message, blockIndex, leadingFallback(experiment, messageIndex));
      if (!target.ok) problems.push({ messageIndex, blockIndex, code: target.error.code, message: target.error.message });
    });
  });
  return problems;
}

/** The problems in `next` that `previous` did not have: a move or delete that breaks a marker is refused with them. */
export function newMarkerProblems(previous: Experiment, next: Experiment): MarkerProblem[] {
  const before = markerProblems(previous).length;
  const after = markerProblems(next);
  return after.length > before ? after : [];
}
