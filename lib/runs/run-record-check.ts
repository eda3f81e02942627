// Which stored values are runs the page can show. A record read back from IndexedDB may have been
// written by a bug, a crash half-way or another tool; one the table, the charts or the explanations
// would trip over is set aside by the history store instead (issue 8 item 11). Unknown extra fields
// pass, so records keep whatever a later version adds; the fields below are the ones read without a
// guard, checked against the shape in types.ts.
import { z } from "zod";
import { parseDocumentPath, parseRequestPath } from "@/lib/cache/paths";
import { VARIANTS } from "./series";
import { OFFICIAL_MISS_REASONS, type RunRecord } from "./types";
import { PROVIDERS } from "@/lib/cache/wire-types";

const count = z.number().finite();
const text = z.string();
const ttl = z.enum(["5m", "1h"]);
// The path types are branded (lib/cache/paths.ts): a stored path is one only if it parses as one.
const requestPath = text.refine((p) => parseRequestPath(p) !== undefined);
const documentPath = text.refine((p) => parseDocumentPath(p) !== undefined);

const usage = z.object({ uncachedInput: count, cacheWrite5m: count, cacheWrite1h: count, cacheRead: count, output: count });
const latency = z.object({ totalMs: count, ttftMs: count, modelled: z.boolean() });
const block = z.object({ path: requestPath, hash: text, cumulativeTokens: count, focusPath: documentPath.optional() });
const breakpoint = z.object({
  path: requestPath,
  status: z.enum(["kept", "dropped", "overwritten", "no_effect"]),
  ttl,
  prefixTokens: count,
  minTokens: count,
  canCache: z.boolean(),
  position: count.optional(),
  focusPath: documentPath.optional(),
});
const trace = z.object({
  read: z.object({ position: count, tokens: count }).nullable(),
  writes: z.array(z.object({ position: count, ttl, tokens: count })),
});
const traffic = z.object({ atMs: count, session: count, turn: count, windowMs: count });
// A code this version does not know (an older record) stays readable: every reader of a stored code goes
// through errorSentence / knownCode (lib/cache/error-codes.ts), which read it as an unexpected failure.
const error = z.object({ code: text, message: text, status: count.optional(), retryAfterSeconds: count.optional() });

const runRecordSchema = z.object({
  id: text,
  experimentId: text,
  seriesId: text,
  number: z.number().int().positive(),
  variant: z.enum(VARIANTS),
  label: text,
  parallel: z.boolean(),
  cacheSharing: z.enum(["own", "shared"]).optional(),
  provider: z.enum(PROVIDERS),
  transport: z.enum(["emulated", "live"]),
  model: text,
  modelId: text,
  startedAt: count,
  status: z.enum(["ok", "failed"]),
  usage: usage.nullable(),
  cost: count.nullable(),
  costWithoutCache: count.nullable(),
  latency: latency.nullable(),
  responseText: text,
  requestId: text.nullable(),
  messageId: text.optional(),
  diagnosis: z
    .object({ previousMessageId: text, reason: z.enum([...OFFICIAL_MISS_REASONS, "pending"]).nullable(), missedTokens: count.optional() })
    .optional(),
  blocks: z.array(block),
  breakpoints: z.array(breakpoint),
  trace: trace.optional(),
  traffic: traffic.optional(),
  error: error.optional(),
});

/** True when a stored value has every field of a run record the page reads, with the right types. */
export function isReadableRun(value: unknown): value is RunRecord {
  return runRecordSchema.safeParse(value).success;
}

/** The run number a stored value claims, readable or not (0 when it has none). */
export function claimedNumber(value: unknown): number {
  if (typeof value !== "object" || value === null) return 0;
  const n = (value as { number?: unknown }).number;
  return typeof n === "number" && Number.isSafeInteger(n) && n > 0 ? n : 0;
}
