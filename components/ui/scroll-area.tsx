import type { HTMLAttributes } from "react";
import { cn } from "./cn";

/**
 * A region that scrolls on its own. It takes keyboard focus (tabIndex 0) and has a name, so a person
 * without a mouse can reach it and scroll it with the arrow keys (axe: scrollable-region-focusable).
 */
export function ScrollArea({ label, className, ...props }: HTMLAttributes<HTMLDivElement> & { label: string }) {
  return <div role="region" aria-label={label} tabIndex={0} className={cn("min-h-0 overflow-auto overscroll-contain", className)} {...props} />;
}
