"use client";
import { memo } from "react";
import { useBuild, usePreviewStale, type BuildState } from "@/components/playground/build-context";
import { Callout, calloutTitleTone } from "@/components/ui/callout";
import { ScrollArea } from "@/components/ui/scroll-area";
import { SubHeading } from "@/components/ui/section";
import { cn } from "@/components/ui/cn";
import { BreakpointsList } from "./breakpoints-list";
import { CostEstimate } from "./cost-estimate";
import { FindingsList } from "./findings-list";
import { RequestJson } from "./request-json";
import { type ExactCounts, useExactCounts } from "./use-exact-counts";

/**
 * The live preview: what will be cached, what is dropped and why, and the exact body. On a wide
 * screen it is a pane of its own that stays in view (sticky) while the editor scrolls; the analysis
 * and the body each scroll inside it, so both stay on screen whatever is being edited.
 */
export function PreviewPanel() {
  const { result, json, experiment } = useBuild();
  const exact = useExactCounts(experiment, result.ok ? result.value : null);
  const stale = usePreviewStale();
  return (
    <section
      id="preview"
      aria-labelledby="preview-title"
      className="flex min-w-0 scroll-mt-14 flex-col rounded-lg border border-line bg-surface shadow-xs lg:sticky lg:top-3 lg:h-[calc(100dvh-1.5rem)] lg:scroll-mt-3"
    >
      <header className="flex min-h-10 items-center justify-between gap-2 border-b border-line px-3 py-1.5">
        <h2 id="preview-title" className="text-sm font-semibold">
          Live preview
        </h2>
        <span className={cn("text-xs text-fg-subtle", !stale && "invisible")}>updating…</span>
      </header>
      <div data-stale={stale} className="flex min-h-0 flex-1 flex-col">
        <PreviewContent result={result} json={json} exact={exact} />
      </div>
    </section>
  );
}

/** Memoised on the build, so the urgent render after an edit (only "stale" flips) skips it. */
const PreviewContent = memo(function PreviewContent({ result, json, exact }: Pick<BuildState, "result" | "json"> & { exact: ExactCounts }) {
  return !result.ok ? (
    <div className="p-3">
      <Callout role="alert" tone="danger">
        <p className={cn("font-semibold", calloutTitleTone.danger)}>This experiment cannot be built</p>
        <p>{result.error.message}</p>
        {result.error.issues?.length ? (
          <ul className="mt-1 list-disc pl-5 text-xs">
            {result.error.issues.map((i) => (
              <li key={`${i.path}-${i.message}`}>
                <span className="font-mono">{i.path}</span>: {i.message}
              </li>
            ))}
          </ul>
        ) : null}
      </Callout>
    </div>
  ) : (
    <>
      <ScrollArea label="Analysis" className="flex flex-col gap-4 p-3 lg:max-h-[62%] lg:flex-none">
        <BreakpointsList breakpoints={result.value.analysis.breakpoints} exact={exact} />
        <section aria-labelledby="findings-title" className="flex flex-col gap-1.5">
          <SubHeading id="findings-title">Findings</SubHeading>
          <FindingsList findings={result.value.analysis.findings} />
        </section>
        <section aria-labelledby="cost-title" className="flex flex-col gap-1.5">
          <SubHeading id="cost-title">Cost estimate</SubHeading>
          <CostEstimate analysis={result.value.analysis} />
        </section>
      </ScrollArea>
      {json !== null ? (
        <div className="flex min-h-48 flex-col border-t border-line p-3 lg:flex-1">
          <RequestJson json={json} provider={result.value.provider} />
        </div>
      ) : null}
    </>
  );
});
