"use client";
import type { DetailsHTMLAttributes, ReactNode } from "react";
import { cn } from "./cn";

/**
 * Something a person opens on request (a run's details, a transcript, a chart's data table): a native
 * <details>, so it opens with Enter or Space and says "expanded" / "collapsed" without any script. The
 * summary is the one look for every such toggle; its focus ring is the page's (app/globals.css).
 */
export function Disclosure({ summary, className, summaryClassName, children, ...props }: DetailsHTMLAttributes<HTMLDetailsElement> & { summary: ReactNode; summaryClassName?: string }) {
  return (
    <details className={cn("text-xs", className)} {...props}>
      <summary className={cn("w-fit cursor-pointer rounded-sm text-fg-muted hover:text-fg", summaryClassName)}>{summary}</summary>
      {children}
    </details>
  );
}
