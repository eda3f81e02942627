"use client";
import { useEffect } from "react";
import { type Recovery, useExperimentActions, useExperimentStore } from "@/lib/store";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

/** Corrupt saved data that was set aside, and the latest notice (a refused marker, a failed save). */
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
        <div role="alert" className="flex items-start justify-between gap-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          <div>
            <p className="font-medium">{recovery.message}</p>
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
        </div>
      ) : null}
      <div role="status" aria-live="polite" className="contents">
        {notice ? (
          <div className={cn("flex items-start justify-between gap-3 rounded-md border px-3 py-2 text-sm", notice.tone === "error" ? "border-red-300 bg-red-50 text-red-900" : notice.tone === "warning" ? "border-amber-300 bg-amber-50 text-amber-950" : "border-slate-200 bg-white text-slate-800")}>
            <p data-notice-tone={notice.tone}>{notice.message}</p>
            <Button size="sm" variant="ghost" onClick={dismissNotice} aria-label="Dismiss notice">
              Dismiss
            </Button>
          </div>
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
