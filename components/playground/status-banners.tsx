"use client";
import { useEffect } from "react";
import { type Recovery, useExperimentActions, useExperimentStore } from "@/lib/store";
import { Button } from "@/components/ui/button";
import { Callout, calloutTitleTone } from "@/components/ui/callout";
import { cn } from "@/components/ui/cn";

/**
 * Corrupt saved data that was set aside (a banner at the top), and the latest notice (a refused
 * marker, a failed save, an import): a toast pinned to the bottom of the viewport, so it is in view
 * wherever the person is working on the page.
 */
export function StatusBanners() {
  const recovery = useExperimentStore((s) => s.recovery);
  const notice = useExperimentStore((s) => s.notice);
  const { dismissRecovery, dismissNotice } = useExperimentActions();
  useEffect(() => {
    if (!notice || notice.tone !== "info") return;
    const timer = setTimeout(dismissNotice, 5_000);
    return () => clearTimeout(timer);
  }, [notice, dismissNotice]);
  return (
    <>
      {recovery ? (
        <div className="mx-auto max-w-[1760px] px-3 pt-3 sm:px-4">
          <Callout role="alert" tone="warn" className="flex items-start justify-between gap-3">
            <div>
              <p className={cn("font-medium", calloutTitleTone.warn)}>{recovery.message}</p>
              {recovery.details.length ? (
                <ul className="mt-1 list-disc pl-5 text-xs">
                  {recovery.details.map((d) => (
                    <li key={d}>{d}</li>
                  ))}
                </ul>
              ) : null}
              <SetAsideWhere recovery={recovery} />
            </div>
            <Button size="sm" variant="ghost" onClick={dismissRecovery}>
              Dismiss
            </Button>
          </Callout>
        </div>
      ) : null}
      <div role="status" aria-live="polite" className="pointer-events-none fixed inset-x-3 bottom-3 z-40 flex justify-center sm:inset-x-auto sm:right-4 sm:justify-end">
        {notice ? (
          <Callout
            tone={notice.tone === "error" ? "danger" : notice.tone === "warning" ? "warn" : "neutral"}
            className="pointer-events-auto flex max-w-xl items-start justify-between gap-3 bg-surface-raised shadow-lg data-[tone=error]:bg-danger-bg data-[tone=warning]:bg-warn-bg"
            data-tone={notice.tone}
          >
            <p data-notice-tone={notice.tone}>{notice.message}</p>
            <Button size="sm" variant="ghost" onClick={dismissNotice} aria-label="Dismiss notice">
              Dismiss
            </Button>
          </Callout>
        ) : null}
      </div>
    </>
  );
}

/** Where the unreadable library went (every copy is kept), or a download when it could not be set aside. */
function SetAsideWhere({ recovery }: { recovery: Recovery }) {
  const { unsaved, earlierKeys: earlier } = recovery;
  if (recovery.setAsideKey === null) {
    const download = () => {
      const a = document.createElement("a");
      a.href = URL.createObjectURL(new Blob([unsaved ?? ""], { type: "text/plain" }));
      a.download = "cachelab-unreadable-experiments.txt";
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    };
    return (
      <p className="mt-1 text-xs">
        It could not be set aside (this site&apos;s storage is full or blocked), and the next save replaces it: download it to keep it.{" "}
        <Button size="sm" variant="secondary" onClick={download}>
          Download the unreadable data
        </Button>
      </p>
    );
  }
  return (
    <p className="mt-1 text-xs">
      The original data is kept in this browser&apos;s localStorage under the key “{recovery.setAsideKey}”.
      {earlier.length ? ` ${earlier.length === 1 ? "A copy set aside earlier is" : `${earlier.length} copies set aside earlier are`} kept too: ${earlier.map((k) => `“${k}”`).join(", ")}.` : null}
    </p>
  );
}
