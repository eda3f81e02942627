import { cva, type VariantProps } from "class-variance-authority";
import type { InputHTMLAttributes } from "react";
import { cn } from "./cn";

/*
 * Checkboxes and radio buttons are the browser's own inputs with their drawing replaced
 * (appearance: none): the role, the checked state, the label a wrapping <label> or htmlFor gives,
 * Space to toggle and arrow keys within a radio group all stay native. The border keeps 3:1
 * against the surface and the checked fill is the `control` colour, 3:1 in both themes (WCAG 1.4.11,
 * https://www.w3.org/TR/WCAG22/#non-text-contrast; components/ui/theme.test.ts checks the pairs).
 */
const choiceBase =
  "peer col-start-1 row-start-1 m-0 shrink-0 cursor-pointer appearance-none border border-line-strong bg-surface transition-colors " +
  "hover:border-control checked:border-control focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus " +
  "disabled:cursor-not-allowed disabled:opacity-50 aria-invalid:border-danger-text";

export const checkboxVariants = cva(cn(choiceBase, "rounded-[4px] checked:bg-control"), {
  variants: {
    size: { sm: "size-3.5", md: "size-4" },
  },
  defaultVariants: { size: "md" },
});

// The dot is the surface colour showing through an inset ring over the control colour.
export const radioVariants = cva(cn(choiceBase, "rounded-full checked:bg-control"), {
  variants: {
    size: { sm: "size-3.5 checked:shadow-[inset_0_0_0_3px_var(--surface)]", md: "size-4 checked:shadow-[inset_0_0_0_3.5px_var(--surface)]" },
  },
  defaultVariants: { size: "md" },
});

type ChoiceProps = Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "size">;

/** A checkbox from the kit. Label it as a native one: wrap it in a <label>, or give it an id and a <label htmlFor>, or aria-label. */
export function Checkbox({ className, size, ...props }: ChoiceProps & VariantProps<typeof checkboxVariants>) {
  return (
    <span className={cn("inline-grid shrink-0 place-items-center", className)}>
      <input type="checkbox" className={checkboxVariants({ size })} {...props} />
      <svg
        aria-hidden="true"
        viewBox="0 0 16 16"
        fill="none"
        stroke="currentColor"
        strokeWidth={2.25}
        strokeLinecap="round"
        strokeLinejoin="round"
        className={cn("pointer-events-none col-start-1 row-start-1 hidden text-control-fg peer-checked:block", size === "sm" ? "size-3.5" : "size-4")}
      >
        <path d="M4 8.5l2.5 2.5L12 5.5" />
      </svg>
    </span>
  );
}

/** A radio button from the kit; group it as a native one (same `name`, inside a role="radiogroup" or <fieldset>). */
export function Radio({ className, size, ...props }: ChoiceProps & VariantProps<typeof radioVariants>) {
  return (
    <span className={cn("inline-grid shrink-0 place-items-center", className)}>
      <input type="radio" className={radioVariants({ size })} {...props} />
    </span>
  );
}
