import { cva, type VariantProps } from "class-variance-authority";
import type { HTMLAttributes } from "react";
import { cn } from "./cn";

/** A short status word or tag: "kept", "TTL 5m", "cache_control 1h · kept". */
export const badgeVariants = cva("inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium", {
  variants: {
    tone: {
      neutral: "bg-surface-muted text-fg-muted",
      ok: "bg-ok-bg text-ok-text",
      warn: "bg-warn-bg text-warn-text",
      danger: "bg-danger-bg text-danger-text",
      accent: "bg-accent-subtle text-accent-text",
    },
    mono: { true: "font-mono text-[11px]", false: "" },
    caps: { true: "font-semibold tracking-wide uppercase", false: "" },
  },
  defaultVariants: { tone: "neutral", mono: false, caps: false },
});

export type BadgeProps = HTMLAttributes<HTMLSpanElement> & VariantProps<typeof badgeVariants>;

export function Badge({ className, tone, mono, caps, ...props }: BadgeProps) {
  return <span className={cn(badgeVariants({ tone, mono, caps }), className)} {...props} />;
}
