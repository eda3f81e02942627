"use client";
// Compare across vendors (issue 13 item 3): each target's exact request body, one click away, with what the
// target cannot express and the vendor numbers behind it, each with its source and date; and the line that
// names where a price or a fact comes from.
import { useMemo } from "react";
import type { Experiment } from "@/lib/cache/experiment-schema";
import { buildTargetRequest } from "@/lib/vendors/build-target";
import type { CompareTarget } from "@/lib/vendors/compare";
import { targetFacts } from "@/lib/vendors/facts";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { SubHeading } from "@/components/ui/section";

export function SourceText({ source, date, unverified, prefix = "Prices: ", testId = "price-source" }: { source: string; date: string; unverified?: string; prefix?: string; testId?: string }) {
  // A source may be a URL with a note after it ("… (Aug-2026 snapshot)"): the URL is the link.
  const url = /^https?:\/\/\S+/.exec(source)?.[0];
  return (
    <span className="text-xs text-fg-muted" data-testid={testId}>
      {prefix}
      {url ? (
        <>
          <a href={url} className="underline" target="_blank" rel="noreferrer">
            {url}
          </a>
          {source.slice(url.length)}
        </>
      ) : (
        source
      )}
      , read {date}
      {unverified ? (
        <>
          {" "}
          <Badge tone="warn">unverified</Badge> {unverified}
        </>
      ) : null}
    </span>
  );
}

export function RequestBodyDialog({ experiment, target, label, onClose }: { experiment: Experiment; target: CompareTarget; label: string; onClose: () => void }) {
  const built = useMemo(() => buildTargetRequest(experiment, target.target, target.model ? { model: target.model } : {}), [experiment, target]);
  return (
    <Dialog open onClose={onClose} title={`Request body: ${label}`}>
      {built.ok ? (
        <>
          <p className="text-sm text-fg-muted">Exactly what this target is sent for the experiment as the comparison last sent it ({built.value.modelId}).</p>
          {built.value.notes.length > 0 && (
            <ul aria-label="What this target cannot express" className="list-disc space-y-1 pl-5 text-sm">
              {built.value.notes.map((n, i) => (
                <li key={i}>
                  {n.severity === "warning" ? <Badge tone="warn">warning</Badge> : null} {n.message}
                </li>
              ))}
            </ul>
          )}
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
      <ul aria-labelledby="target-facts-heading" className="space-y-1 text-sm" data-testid="target-facts">
        {targetFacts(target.target, target.model, experiment.model).map((f) => (
          <li key={f.label}>
            <span className="font-medium">{f.label}:</span> {f.value}.{" "}
            <SourceText source={f.source} date={f.date} {...(f.unverified ? { unverified: f.unverified } : {})} prefix="Source: " testId="fact-source" />
          </li>
        ))}
      </ul>
      <div className="flex justify-end">
        <Button onClick={onClose}>Close</Button>
      </div>
    </Dialog>
  );
}
