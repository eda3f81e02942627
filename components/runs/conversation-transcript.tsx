"use client";
// The newest growing conversation of this experiment's history: its transcript lives with its runs
// (lib/runs/transcript) and the experiment stays as it was; keeping the conversation is an explicit
// "Save this conversation as a new experiment" (issue 11 item 4).
import { useMemo } from "react";
import type { Block } from "@/lib/editor/types";
import { latestConversation } from "@/lib/runs/transcript";
import type { RunRecord } from "@/lib/runs/types";
import { useExperimentActions } from "@/lib/store";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { Disclosure } from "@/components/ui/disclosure";

function preview(blocks: readonly Block[]): string {
  const text = blocks.map((b) => (b.type === "text" ? b.text : `[${b.type}]`)).join(" ");
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}

export function ConversationTranscript({ runs, experimentName }: { runs: readonly RunRecord[]; experimentName: string }) {
  const transcript = useMemo(() => latestConversation(runs), [runs]);
  const { createExperiment, notify } = useExperimentActions();
  if (!transcript) return null;
  const { experiment, turns, answered } = transcript;
  const save = () => {
    const name = `${experimentName || "Untitled experiment"} — conversation (${turns} turn${turns === 1 ? "" : "s"})`;
    createExperiment({ ...experiment, name });
    notify(`Saved the conversation as a new experiment, “${name}”. The experiment it started from is unchanged.`);
  };
  return (
    <Callout tone="info" className="flex flex-col gap-2" data-testid="conversation-transcript">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p>
          <span className="font-medium">Growing conversation:</span> {turns} turn{turns === 1 ? "" : "s"} sent, {answered} answered, {experiment.messages.length} messages. The experiment is unchanged: the conversation is kept with these runs.
        </p>
        <Button variant="primary" size="sm" onClick={save}>
          Save this conversation as a new experiment
        </Button>
      </div>
      <Disclosure summary="Transcript">
        <ol className="mt-1 flex flex-col gap-1">
          {experiment.messages.map((m, i) => (
            <li key={i} className="[overflow-wrap:anywhere]">
              <span className="font-semibold">{m.role}:</span> {preview(m.content as Block[])}
            </li>
          ))}
        </ol>
      </Disclosure>
    </Callout>
  );
}
