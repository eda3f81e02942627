import type { ReactNode } from "react";
import { cn } from "./cn";

/** A titled panel of the playground; `aria-labelledby` makes it a named region. */
export function Panel({ id, title, actions, children, className }: { id: string; title: string; actions?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section aria-labelledby={`${id}-title`} className={cn("rounded-lg border border-slate-200 bg-white shadow-xs", className)}>
      <header className="flex items-center justify-between gap-2 border-b border-slate-100 px-3 py-2">
        <h2 id={`${id}-title`} className="text-sm font-semibold text-slate-800">
          {title}
        </h2>
        {actions ? <div className="flex items-center gap-1">{actions}</div> : null}
      </header>
      <div className="p-3">{children}</div>
    </section>
  );
}
