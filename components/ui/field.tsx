import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from "react";
import { cn } from "./cn";

/** Text inputs, selects and text areas share one look; line height leaves room for descenders and underscores. */
export const controlClass =
  "rounded-md border border-line-strong/70 bg-surface px-2 text-sm leading-normal text-fg shadow-xs placeholder:text-fg-subtle disabled:opacity-60 aria-invalid:border-danger-text";

export const labelClass = "text-xs font-medium text-fg-muted";

/**
 * A labelled native <select>: a combobox whose accessible name is exactly `label` (the hint is its
 * description, not part of its name).
 */
export function SelectField({ label, className, children, hint, ...props }: SelectHTMLAttributes<HTMLSelectElement> & { label: string; hint?: ReactNode }) {
  const id = useId();
  return (
    <div className={cn("flex min-w-0 flex-col gap-1", labelClass, className)}>
      <label htmlFor={id}>{label}</label>
      <select id={id} aria-describedby={hint ? `${id}-hint` : undefined} className={cn(controlClass, "h-8 min-w-0")} {...props}>
        {children}
      </select>
      {hint ? (
        <span id={`${id}-hint`} className="font-normal text-fg-subtle">
          {hint}
        </span>
      ) : null}
    </div>
  );
}

/**
 * A labelled <input>. `error` marks it invalid and is announced with it (aria-describedby); `hint`
 * is a quieter description, shown when there is no error.
 */
export function InputField({ label, className, error, hint, ...props }: InputHTMLAttributes<HTMLInputElement> & { label: string; error?: ReactNode; hint?: ReactNode }) {
  const id = useId();
  const described = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className={cn("flex min-w-0 flex-col gap-1", labelClass, className)}>
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={described} className={cn(controlClass, "h-8 min-w-0")} {...props} />
      {error ? (
        <span id={`${id}-error`} className="font-normal text-danger-text">
          {error}
        </span>
      ) : hint ? (
        <span id={`${id}-hint`} className="font-normal text-fg-subtle">
          {hint}
        </span>
      ) : null}
    </div>
  );
}
