import { cva, type VariantProps } from "class-variance-authority";
import type { ButtonHTMLAttributes } from "react";
import { cn } from "./cn";

export const buttonVariants = cva(
  "inline-flex items-center justify-center gap-1.5 rounded-md font-medium whitespace-nowrap transition-colors disabled:cursor-not-allowed disabled:opacity-50",
  {
    variants: {
      variant: {
        primary: "bg-accent text-accent-fg shadow-xs hover:bg-accent-hover",
        secondary: "border border-line-strong/60 bg-surface text-fg shadow-xs hover:bg-surface-muted",
        ghost: "text-fg-muted hover:bg-surface-muted hover:text-fg",
        danger: "text-danger-text hover:bg-danger-bg",
        "danger-solid": "bg-danger-solid text-accent-fg hover:opacity-90",
        link: "h-auto px-0 text-accent-text underline-offset-2 hover:underline",
      },
      size: { sm: "h-7 px-2 text-xs", md: "h-8 px-3 text-sm", lg: "h-9 px-4 text-sm", icon: "h-7 w-7 text-sm" },
    },
    compoundVariants: [{ variant: "link", className: "h-auto px-0" }],
    defaultVariants: { variant: "secondary", size: "md" },
  },
);

export type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & VariantProps<typeof buttonVariants>;

export function Button({ className, variant, size, type = "button", ...props }: ButtonProps) {
  return <button type={type} className={cn(buttonVariants({ variant, size }), className)} {...props} />;
}
