"use client";
// Compare across vendors (issue 13 item 3): each target's exact request body, one click away, with what the
// target cannot express and the vendor numbers behind it, each with its source and date; and the line that
// names where a price or a fact comes from (components/vendors/target-notes.tsx, shared with the Export panel).
import { useMemo } from "react";
import type { Experiment } from "@/lib/cache/experiment-schema";
import { buildTargetRequest } from "@/lib/vendors/build-target";
import type { CompareTarget } from "@/lib/vendors/compare";
import { targetFacts } from "@/lib/vendors/facts";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { SubHeading } from "@/components/ui/section";
import { TargetFacts, TargetNotes } from "@/components/vendors/target-notes";

export function RequestBodyDialog({ experiment, target, label, onClose }: { experiment: Experiment; target: CompareTarget; label: string; onClose: () => void }) {
  const built = useMemo(() => buildTargetRequest(experiment, target.target, target.model ? { model: target.model } : {}), [experiment, target]);
  return (
    <Dialog open onClose={onClose} title={`Request body: ${label}`}>
      {built.ok ? (
        <>
          <p className="text-sm text-fg-muted">Exactly what this target is sent for the experiment as the comparison last sent it ({built.value.modelId}).</p>
          <TargetNotes notes={built.value.notes} className="text-sm" />
          <pre tabIndex={0} aria-label={`JSON sent to ${label}`} data-testid="target-request-body" className="max-h-[60dvh] overflow-auto rounded border border-line bg-surface-muted p-2 font-mono text-xs">
            {JSON.stringify(built.value.body, null, 2)}
          </pre>
        </>
      ) : (
        <p role="alert" className="text-sm text-danger-text">
          {built.error.message}
        </p>
      )}
      <SubHeading id="target-facts-heading">Vendor numbers used, with their sources</SubHeading>
      <TargetFacts facts={targetFacts(target.target, target.model, experiment.model)} className="text-sm" />
      <div className="flex justify-end">
        <Button onClick={onClose}>Close</Button>
      </div>
    </Dialog>
  );
}
