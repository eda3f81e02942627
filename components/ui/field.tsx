import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from "react";
import { cn } from "./cn";

export const controlClass =
  "rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 shadow-xs focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600 aria-invalid:border-red-500";

/**
 * A labelled native <select>: a combobox whose accessible name is exactly `label` (the hint is its
 * description, not part of its name).
 */
export function SelectField({ label, className, children, hint, ...props }: SelectHTMLAttributes<HTMLSelectElement> & { label: string; hint?: ReactNode }) {
  const id = useId();
  return (
    <div className={cn("flex flex-col gap-1 text-xs font-medium text-slate-600", className)}>
      <label htmlFor={id}>{label}</label>
      <select id={id} aria-describedby={hint ? `${id}-hint` : undefined} className={cn(controlClass, "h-8")} {...props}>
        {children}
      </select>
      {hint ? (
        <span id={`${id}-hint`} className="font-normal text-slate-500">
          {hint}
        </span>
      ) : null}
    </div>
  );
}

export function InputField({ label, className, ...props }: InputHTMLAttributes<HTMLInputElement> & { label: string }) {
  const id = useId();
  return (
    <div className={cn("flex flex-col gap-1 text-xs font-medium text-slate-600", className)}>
      <label htmlFor={id}>{label}</label>
      <input id={id} className={cn(controlClass, "h-8")} {...props} />
    </div>
  );
}
