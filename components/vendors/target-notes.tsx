// What another vendor's target cannot express, and the vendor numbers its request rests on, each with its
// source and date (issue 13): one list of each, shown the same way beside the Export panel's code and in
// the request-body dialog of "Compare across vendors", since both show the same notes and facts.
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import type { ShownFact } from "@/lib/vendors/facts";
import type { TargetNote } from "@/lib/vendors/targets";

/**
 * Each severity's word and look: "error" is a request the vendor refuses, so it must not read like
 * information; "warning" is something left out or changed; "info" says how the target expresses it.
 */
export const NOTE_SEVERITY: Record<TargetNote["severity"], { word: string; tone: "neutral" | "warn" | "danger" }> = {
  info: { word: "Note", tone: "neutral" },
  warning: { word: "Warning", tone: "warn" },
  error: { word: "Refused", tone: "danger" },
};

/** What the target cannot express as the experiment asks: nothing is dropped silently. */
export function TargetNotes({ notes, className }: { notes: readonly TargetNote[]; className?: string }) {
  if (notes.length === 0) return <p className={cn("text-fg-muted", className)}>This target expresses everything the experiment asks.</p>;
  return (
    <ul aria-label="What this target cannot express" className={cn("flex flex-col gap-1", className)}>
      {notes.map((n, i) => (
        <li key={`${n.code}-${i}`} data-severity={n.severity} className={n.severity === "error" ? "text-danger-text" : undefined}>
          <Badge tone={NOTE_SEVERITY[n.severity].tone}>{NOTE_SEVERITY[n.severity].word}</Badge> {n.message}
          {n.path ? <span className="font-mono text-fg-muted"> ({n.path})</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** Where a price or a vendor number comes from, and when it was read; the URL is a link. */
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

/** Each vendor number behind the target's request, with the page it comes from and when it was read. */
export function TargetFacts({ facts, className }: { facts: readonly ShownFact[]; className?: string }) {
  return (
    <ul aria-label="Vendor numbers used, with their sources" data-testid="target-facts" className={cn("flex flex-col gap-1", className)}>
      {facts.map((f) => (
        <li key={f.label}>
          <span className="font-medium text-fg">{f.label}:</span> {f.value}.{" "}
          <SourceText source={f.source} date={f.date} {...(f.unverified ? { unverified: f.unverified } : {})} prefix="Source: " testId="fact-source" />
        </li>
      ))}
    </ul>
  );
}
