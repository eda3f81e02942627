import { cva, type VariantProps } from "class-variance-authority";
import type { HTMLAttributes } from "react";
import { cn } from "./cn";

/** A boxed message: a finding, a banner, an error with its details. */
export const calloutVariants = cva("rounded-md border text-sm", {
  variants: {
    tone: {
      neutral: "border-line bg-surface-muted text-fg",
      info: "border-accent-line bg-accent-subtle text-fg",
      ok: "border-ok-line bg-ok-bg text-fg",
      warn: "border-warn-line bg-warn-bg text-fg",
      danger: "border-danger-line bg-danger-bg text-fg",
    },
    size: { sm: "px-2.5 py-1.5 text-xs", md: "px-3 py-2" },
  },
  defaultVariants: { tone: "neutral", size: "md" },
});

/** The colour of a callout's leading word ("ERROR", "Not imported:"), readable on its background. */
export const calloutTitleTone = {
  neutral: "text-fg",
  info: "text-accent-text",
  ok: "text-ok-text",
  warn: "text-warn-text",
  danger: "text-danger-text",
} as const;

export type CalloutProps = HTMLAttributes<HTMLDivElement> & VariantProps<typeof calloutVariants>;

export function Callout({ className, tone, size, ...props }: CalloutProps) {
  return <div className={cn(calloutVariants({ tone, size }), className)} {...props} />;
}
