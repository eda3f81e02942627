"use client";
import { memo } from "react";
import { useBuild, usePreviewStale, type BuildState } from "@/components/playground/build-context";
import { Panel } from "@/components/ui/section";
import { cn } from "@/components/ui/cn";
import { BreakpointsList } from "./breakpoints-list";
import { CostEstimate } from "./cost-estimate";
import { FindingsList } from "./findings-list";
import { RequestJson } from "./request-json";

/** The live preview: what will be cached, what is dropped and why, and the exact body. */
export function PreviewPanel() {
  const { result, json } = useBuild();
  const stale = usePreviewStale();
  return (
    <Panel id="preview" title="Live preview" actions={<span className={cn("text-xs text-slate-500", !stale && "invisible")}>updating…</span>}>
      <div data-stale={stale} className="flex flex-col gap-4">
        <PreviewContent result={result} json={json} />
      </div>
    </Panel>
  );
}

/** Memoised on the build, so the urgent render after an edit (only "stale" flips) skips it. */
const PreviewContent = memo(function PreviewContent({ result, json }: Pick<BuildState, "result" | "json">) {
  return !result.ok ? (
    <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
      <p className="font-semibold">This experiment cannot be built</p>
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
    </div>
  ) : (
    <>
      <BreakpointsList breakpoints={result.value.analysis.breakpoints} paths={result.value.experimentPaths} />
      <section aria-labelledby="findings-title" className="flex flex-col gap-1.5">
        <h3 id="findings-title" className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
          Findings
        </h3>
        <FindingsList findings={result.value.analysis.findings} />
      </section>
      <section aria-labelledby="cost-title" className="flex flex-col gap-1.5">
        <h3 id="cost-title" className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
          Cost estimate
        </h3>
        <CostEstimate analysis={result.value.analysis} />
      </section>
      {json !== null ? <RequestJson json={json} provider={result.value.provider} /> : null}
    </>
  );
});
