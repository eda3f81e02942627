import type { ReactNode } from "react";
import { cn } from "./cn";

/** A titled panel of the playground; `aria-labelledby` makes it a named region. */
export function Panel({ id, title, actions, children, className, bodyClassName }: { id: string; title: ReactNode; actions?: ReactNode; children: ReactNode; className?: string; bodyClassName?: string }) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className={cn("scroll-mt-4 rounded-lg border border-line bg-surface shadow-xs", className)}>
      <header className="flex min-h-10 flex-wrap items-center justify-between gap-2 border-b border-line px-3 py-1.5">
        <h2 id={`${id}-title`} className="text-sm font-semibold text-fg">
          {title}
        </h2>
        {actions ? <div className="flex flex-wrap items-center gap-1">{actions}</div> : null}
      </header>
      <div className={cn("p-3", bodyClassName)}>{children}</div>
    </section>
  );
}

/** The small uppercase heading of a part inside a panel. */
export function SubHeading({ id, children, className }: { id?: string; children: ReactNode; className?: string }) {
  return (
    <h3 id={id} className={cn("text-xs font-semibold tracking-wide text-fg-subtle uppercase", className)}>
      {children}
    </h3>
  );
}
