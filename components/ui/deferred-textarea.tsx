"use client";
// A textarea that stays fast with 100k-token pastes: it is uncontrolled (React never re-renders it
// per keystroke), commits to the store after a pause or on blur, and picks up outside changes
// (undo, import) by writing the DOM value directly.
import { useEffect, useRef, type TextareaHTMLAttributes } from "react";
import { cn } from "./cn";
import { controlClass } from "./field";

export const COMMIT_DELAY_MS = 250;

type Props = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "value" | "defaultValue" | "onChange"> & {
  value: string;
  onCommit: (value: string) => void;
  /** Called on every input with the uncommitted text (e.g. to validate a schema as it is typed). */
  onDraft?: (value: string) => void;
};

export function DeferredTextarea({ value, onCommit, onDraft, className, onBlur, ...props }: Props) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const committed = useRef(value);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onCommitRef = useRef(onCommit);
  useEffect(() => {
    onCommitRef.current = onCommit;
  });

  useEffect(() => {
    const el = ref.current;
    if (el && value !== committed.current) {
      committed.current = value;
      if (el.value !== value) el.value = value;
    }
  }, [value]);

  const flush = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const el = ref.current;
    if (!el || el.value === committed.current) return;
    committed.current = el.value;
    onCommitRef.current(el.value);
  };

  useEffect(() => () => flush(), []);

  return (
    <textarea
      ref={ref}
      defaultValue={value}
      spellCheck={false}
      className={cn(controlClass, "block w-full resize-y px-2.5 py-1.5 font-mono text-[13px] leading-5", className)}
      onInput={(e) => {
        onDraft?.(e.currentTarget.value);
        if (timer.current) clearTimeout(timer.current);
        timer.current = setTimeout(flush, COMMIT_DELAY_MS);
      }}
      onBlur={(e) => {
        flush();
        onBlur?.(e);
      }}
      {...props}
    />
  );
}
