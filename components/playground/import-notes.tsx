"use client";
import { useActiveExperimentId, useExperimentActions, useExperimentStore } from "@/lib/store";
import { Button } from "@/components/ui/button";
import { Callout, calloutTitleTone } from "@/components/ui/callout";

/** What the import of the active experiment could not keep; stored with it and shown until dismissed. */
export function ImportNotes() {
  const id = useActiveExperimentId();
  const notes = useExperimentStore((s) => s.experiments[id]?.importNotes);
  const { dismissImportNotes } = useExperimentActions();
  if (!notes?.length) return null;
  return (
    <Callout tone="warn" role="region" aria-labelledby="import-notes-title" className="flex flex-col gap-1.5">
      <div className="flex items-start justify-between gap-2">
        <h2 id="import-notes-title" className={`text-sm font-semibold ${calloutTitleTone.warn}`}>
          Import notes: what the imported request could not keep
        </h2>
        <Button size="sm" variant="ghost" onClick={() => dismissImportNotes(id)}>
          Dismiss import notes
        </Button>
      </div>
      <ul className="list-disc pl-5 text-sm [overflow-wrap:anywhere]">
        {notes.map((n, i) => (
          <li key={i}>{n}</li>
        ))}
      </ul>
    </Callout>
  );
}
