"use client";
import { useEffect } from "react";
import { useExperimentActions, useExperimentStore } from "@/lib/store";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

/** Corrupt saved data that was set aside, and the latest notice (a refused marker, a failed save). */
export function StatusBanners() {
  const recovery = useExperimentStore((s) => s.recovery);
  const notice = useExperimentStore((s) => s.notice);
  const { dismissRecovery, dismissNotice } = useExperimentActions();
  useEffect(() => {
    if (!notice || notice.tone === "error") return;
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
            <p className="mt-1 text-xs">The original data is kept in this browser under the key “{recovery.setAsideKey}”.</p>
          </div>
          <Button size="sm" variant="ghost" onClick={dismissRecovery}>
            Dismiss
          </Button>
        </div>
      ) : null}
      <div role="status" aria-live="polite" className="contents">
        {notice ? (
          <div className={cn("flex items-start justify-between gap-3 rounded-md border px-3 py-2 text-sm", notice.tone === "error" ? "border-red-300 bg-red-50 text-red-900" : "border-slate-200 bg-white text-slate-800")}>
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
