import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";
import { cn } from "./cn";

export const controlClass =
  "rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 shadow-xs focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600 aria-invalid:border-red-500";

/** A labelled native <select>: a combobox with a reliable accessible name. */
export function SelectField({ label, className, children, hint, ...props }: SelectHTMLAttributes<HTMLSelectElement> & { label: string; hint?: ReactNode }) {
  return (
    <label className={cn("flex flex-col gap-1 text-xs font-medium text-slate-600", className)}>
      {label}
      <select className={cn(controlClass, "h-8")} {...props}>
        {children}
      </select>
      {hint ? <span className="font-normal text-slate-500">{hint}</span> : null}
    </label>
  );
}

export function InputField({ label, className, ...props }: InputHTMLAttributes<HTMLInputElement> & { label: string }) {
  return (
    <label className={cn("flex flex-col gap-1 text-xs font-medium text-slate-600", className)}>
      {label}
      <input className={cn(controlClass, "h-8")} {...props} />
    </label>
  );
}
