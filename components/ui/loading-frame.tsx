import type { ReactNode } from "react";
import { cn } from "./cn";

/**
 * Stands in for a panel whose code loads when first needed (the charts: issue 12 item 4), at the height
 * the panel will take, so nothing below it jumps when it arrives. A status, so the wait is announced.
 */
export function LoadingFrame({ className, children }: { className?: string; children: ReactNode }) {
  return (
    <div role="status" className={cn("flex items-center justify-center rounded-lg border border-line bg-surface text-sm text-fg-muted", className)}>
      {children}
    </div>
  );
}
