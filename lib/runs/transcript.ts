// The transcript of a growing-conversation series, rebuilt from its runs: the experiment the first
// run sent, then each answered turn's reply and the next user turn, exactly as the series sent them
// (lib/runs/series growConversation). A series never edits the experiment it started from; saving
// the conversation as a new experiment is the person's explicit choice (issue 11 item 4).
import { type Experiment, parseExperiment } from "@/lib/cache/experiment-schema";
import { growConversation, type Variant } from "./series";
import type { RunRecord } from "./types";

export interface ConversationTranscript {
  seriesId: string;
  variant: Variant;
  /** The conversation as sent, plus the last reply when the last turn was answered. */
  experiment: Experiment;
  /** Turns sent, and how many of them were answered. */
  turns: number;
  answered: number;
}

/**
 * The transcript of one series and variant, or null when its runs are not a growing conversation
 * or its first run is missing or unreadable (a cleared or damaged history).
 */
export function conversationTranscript(runs: readonly RunRecord[], seriesId: string, variant: Variant = "A"): ConversationTranscript | null {
  const own = runs.filter((r) => r.seriesId === seriesId && r.variant === variant && r.conversation).sort((a, b) => a.conversation!.turn - b.conversation!.turn);
  const first = own[0];
  if (!first || first.conversation!.turn !== 1 || first.conversation!.start === undefined) return null;
  const start = parseExperiment(first.conversation!.start);
  if (!start.ok) return null;
  let experiment = start.value;
  let answered = 0;
  for (const run of own) {
    if (run.status !== "ok") continue;
    experiment = growConversation(experiment, run.responseText, run.conversation!.turn + 1);
    answered++;
  }
  // The follow-up written after the last answered turn was never sent: leave it out.
  const last = own[own.length - 1]!;
  if (last.status === "ok") experiment = { ...experiment, messages: experiment.messages.slice(0, -1) };
  return { seriesId, variant, experiment, turns: own.length, answered };
}

/** The newest growing-conversation series in a history (variant A), if any. */
export function latestConversation(runs: readonly RunRecord[]): ConversationTranscript | null {
  for (let i = runs.length - 1; i >= 0; i--) {
    const run = runs[i]!;
    if (run.conversation && run.variant === "A") return conversationTranscript(runs, run.seriesId, "A");
  }
  return null;
}
