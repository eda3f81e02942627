"use client";
import { useEffect, useId, useRef, type ReactNode } from "react";
import { cn } from "./cn";

/** A modal native <dialog>: focus is trapped and Escape closes it, with no extra library. */
export function Dialog({ open, onClose, title, children, className }: { open: boolean; onClose: () => void; title: string; children: ReactNode; className?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={onClose}
      className={cn("m-auto max-h-[92dvh] w-[min(44rem,94vw)] rounded-lg border border-line bg-surface-raised p-0 text-fg shadow-xl backdrop:bg-(--backdrop)", className)}
    >
      {open ? (
        <div className="flex flex-col gap-3 p-5">
          <h2 id={titleId} className="text-base font-semibold">
            {title}
          </h2>
          {children}
        </div>
      ) : null}
    </dialog>
  );
}
