"use client";
// A textarea that stays fast with 100k-token pastes: it is uncontrolled (React never re-renders it
// per keystroke), commits to the store after a pause or on blur, and picks up outside changes
// (undo, import) by writing the DOM value directly.
//
// Ctrl+Z inside it must undo as a plain textarea does: the whole run of typing (issue 11 item 7).
// React writes `defaultValue` into a textarea after every input event (its controlled-state restore)
// and on every update; each write replaces the element's text node, and Chromium then starts a new
// undo group, so Ctrl+Z undid one character at a time. The element is therefore rendered once
// (memoised) and, once mounted, ignores React's writes to its defaultValue; this component writes it
// itself when the typing is over (on blur) or the text changed from outside (undo, import), so the
// element's text content still follows what it shows.
import { memo, useCallback, useEffect, useRef, useState, type FocusEvent, type FormEvent, type RefObject, type TextareaHTMLAttributes } from "react";
import { cn } from "./cn";
import { controlClass } from "./field";

export const COMMIT_DELAY_MS = 250;

type Props = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "value" | "defaultValue" | "onChange"> & {
  value: string;
  onCommit: (value: string) => void;
  /** Called on every input with the uncommitted text (e.g. to validate a schema as it is typed). */
  onDraft?: (value: string) => void;
};

/** The element, re-rendered only when one of its own (primitive or stable) props changes. */
const NATIVE_DEFAULT_VALUE = typeof HTMLTextAreaElement === "undefined" ? undefined : Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "defaultValue");

/** Sets the element's default value (its text content) past the guard below. */
function writeDefault(el: HTMLTextAreaElement, value: string) {
  if (NATIVE_DEFAULT_VALUE?.get!.call(el) !== value) NATIVE_DEFAULT_VALUE?.set!.call(el, value);
}

const TextareaElement = memo(function TextareaElement({ elementRef, ...props }: TextareaHTMLAttributes<HTMLTextAreaElement> & { elementRef: RefObject<HTMLTextAreaElement | null> }) {
  const attach = useCallback(
    (el: HTMLTextAreaElement | null) => {
      elementRef.current = el;
      if (el && NATIVE_DEFAULT_VALUE && !Object.prototype.hasOwnProperty.call(el, "defaultValue")) {
        Object.defineProperty(el, "defaultValue", { configurable: true, get: () => NATIVE_DEFAULT_VALUE.get!.call(el), set: () => {} });
      }
    },
    [elementRef],
  );
  return <textarea ref={attach} {...props} />;
});

export function DeferredTextarea({ value, onCommit, onDraft, className, onBlur, ...props }: Props) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const committed = useRef(value);
  const [initial] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef({ onCommit, onDraft, onBlur });
  useEffect(() => {
    latest.current = { onCommit, onDraft, onBlur };
  });

  useEffect(() => {
    const el = ref.current;
    if (el && value !== committed.current) {
      committed.current = value;
      if (el.value !== value) el.value = value;
      writeDefault(el, value);
    }
  }, [value]);

  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const el = ref.current;
    if (!el || el.value === committed.current) return;
    committed.current = el.value;
    latest.current.onCommit(el.value);
  }, []);

  useEffect(() => () => flush(), [flush]);

  const handleInput = useCallback(
    (e: FormEvent<HTMLTextAreaElement>) => {
      latest.current.onDraft?.(e.currentTarget.value);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(flush, COMMIT_DELAY_MS);
    },
    [flush],
  );
  const handleBlur = useCallback(
    (e: FocusEvent<HTMLTextAreaElement>) => {
      flush();
      writeDefault(e.currentTarget, e.currentTarget.value);
      latest.current.onBlur?.(e);
    },
    [flush],
  );

  return (
    <TextareaElement
      elementRef={ref}
      defaultValue={initial}
      spellCheck={false}
      className={cn(controlClass, "block w-full resize-y px-2.5 py-1.5 font-mono text-[13px] leading-5", className)}
      onInput={handleInput}
      onBlur={handleBlur}
      {...props}
    />
  );
}
