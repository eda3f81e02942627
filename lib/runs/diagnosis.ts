// Anthropic's cache diagnostics beside CacheLab's own explanation (issue 10 item 9). A run that named
// the previous run's response (`diagnostics.previous_message_id`) gets the provider's first cause of a
// miss back (docs/reference/anthropic-caching.md §1.12, https://platform.claude.com/docs/en/build-with-claude/cache-diagnostics).
// CacheLab can tell from the two runs' records which cause the provider should name: diagnostics
// compare the request's structure in this order, whether or not the cache hit — the model (or
// `speed`), then `tools`, then `system`, then `messages` ("an earlier entry differs rather than entries
// only being appended"). Where the provider names another cause, the row says the two disagree.
// Pure: it reads only the records.
import { requestPathLabel } from "@/lib/cache/paths";
import type { OfficialMissReason, RunDiagnosis, RunRecord, Transport } from "./types";
import type { Variant } from "./series";

/** The levels diagnostics compare, in the order they compare them. */
type Level = "tools" | "system" | "messages";

/** The reasons a structural comparison of two records can name (never "unavailable" or "not found"). */
export type ExpectedReason = "model_changed" | "tools_changed" | "system_changed" | "messages_changed" | null;

const REASON_TEXT: Record<OfficialMissReason, string> = {
  model_changed: "the model changed (the cache is per model)",
  tools_changed: "the tools changed",
  system_changed: "the system prompt changed",
  messages_changed: "an earlier message changed (not only messages appended)",
  previous_message_not_found: "it has no record of the previous request",
  unavailable: "it cannot give a diagnosis (another parameter that shapes the prompt may have changed)",
};

function levelOf(path: string): Level | undefined {
  const head = /^[a-z_]+/.exec(path)?.[0];
  return head === "tools" || head === "system" || head === "messages" ? head : undefined;
}

/** The block hashes of one level, grouped by message for `messages` (diagnostics compare whole entries). */
function entries(run: RunRecord, level: Level): string[] {
  const out = new Map<string, string[]>();
  for (const b of run.blocks) {
    if (levelOf(b.path) !== level) continue;
    const entry = level === "messages" ? (/^messages\[\d+\]/.exec(b.path)?.[0] ?? b.path) : b.path;
    out.set(entry, [...(out.get(entry) ?? []), b.hash]);
  }
  return [...out.entries()].map(([entry, hashes]) => `${entry}:${hashes.join(",")}`);
}

/** The cause the provider's diagnostics should name for `run` against `previous`, from the records alone. */
export function expectedReason(run: RunRecord, previous: RunRecord): ExpectedReason {
  if (run.modelId !== previous.modelId) return "model_changed";
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  if (!same(entries(run, "tools"), entries(previous, "tools"))) return "tools_changed";
  if (!same(entries(run, "system"), entries(previous, "system"))) return "system_changed";
  const before = entries(previous, "messages");
  const now = entries(run, "messages");
  if (before.some((e, i) => now[i] !== e)) return "messages_changed";
  return null;
}

export interface DiagnosisView {
  reason: RunDiagnosis["reason"];
  /** One sentence: what Anthropic's diagnostics said. */
  text: string;
  /** What CacheLab expected from the two records, when it knows the previous run. */
  expected?: ExpectedReason;
  /** Set when the two disagree: one sentence saying so. */
  disagreement?: string;
}

const fmt = (n: number) => n.toLocaleString("en-US");

function expectedText(expected: ExpectedReason): string {
  return expected === null ? "the request only repeats or extends the previous one" : REASON_TEXT[expected];
}

/**
 * The row's view of a run's diagnosis: Anthropic's sentence, and whether CacheLab's reading of the
 * same two records agrees. `previous` is the run whose message id the request named, when the history
 * still has it. "previous_message_not_found" and "pending" are facts about the provider's records, not
 * causes, so they are never called a disagreement; "unavailable" is one only when CacheLab sees the
 * model, tools, system or an earlier message change, which the provider would have named.
 */
export function diagnosisView(diagnosis: RunDiagnosis, previous: RunRecord | undefined, run: RunRecord): DiagnosisView {
  const { reason } = diagnosis;
  const tokens = diagnosis.missedTokens !== undefined && diagnosis.missedTokens > 0 ? ` (≈${fmt(diagnosis.missedTokens)} tokens would have been read)` : "";
  const text =
    reason === null
      ? "Anthropic's diagnosis: nothing diverged from the previous request."
      : reason === "pending"
        ? "Anthropic's diagnosis: still pending when the response was sent."
        : `Anthropic's diagnosis (${reason}): ${REASON_TEXT[reason]}${tokens}.`;
  if (!previous || reason === "pending" || reason === "previous_message_not_found") return { reason, text };
  const expected = expectedReason(run, previous);
  const agrees = reason === "unavailable" ? expected === null : reason === expected;
  if (agrees) return { reason, text, expected };
  const where = firstChangedLevel(run, previous);
  return {
    reason,
    text,
    expected,
    disagreement: `CacheLab disagrees: comparing with run ${previous.number}, it finds that ${expectedText(expected)}${where ? ` (first difference at ${where})` : ""}.`,
  };
}

/** The first block that differs between the two runs, as the history names it. */
function firstChangedLevel(run: RunRecord, previous: RunRecord): string | undefined {
  const n = Math.min(run.blocks.length, previous.blocks.length);
  for (let i = 0; i < n; i++) {
    if (run.blocks[i]!.hash !== previous.blocks[i]!.hash || run.blocks[i]!.path !== previous.blocks[i]!.path) return requestPathLabel(run.blocks[i]!.path);
  }
  return undefined;
}

/**
 * The message id each variant's next run names as `previous_message_id`: the newest successful
 * Claude API run of that variant on the same transport. A series then continues the history's comparison;
 * without one the first run sends null, which opts in so the next run can name it.
 */
export function lastMessageIds(runs: readonly RunRecord[], transport: Transport): Partial<Record<Variant, string>> {
  const out: Partial<Record<Variant, string>> = {};
  for (const run of runs) if (run.status === "ok" && run.provider === "anthropic" && run.transport === transport && run.messageId) out[run.variant] = run.messageId;
  return out;
}
