"use client";
import { useState } from "react";
import { setMaxTokens } from "@/lib/editor/prompt";
import { readMaxTokens } from "@/lib/editor/max-tokens";
import { InputField } from "@/components/ui/field";
import { useEdit } from "./use-edit";

/**
 * max_tokens as typed: a valid value is applied at once (0 included, which pre-warms the cache); an
 * invalid one stays in the field with the reason beside it, and the experiment keeps its last valid
 * value, so nothing reverts behind the person's back. A value over the model's limit is flagged.
 */
export function MaxTokensField({ value, model }: { value: number; model: string }) {
  const edit = useEdit();
  const [text, setText] = useState(String(value));
  const [shown, setShown] = useState(value);
  // An outside change (undo, import, another experiment) replaces what is typed.
  if (value !== shown) {
    setShown(value);
    setText(String(value));
  }
  const reading = readMaxTokens(text, model);
  return (
    <InputField
      label="max_tokens"
      inputMode="numeric"
      value={text}
      error={reading.ok ? undefined : `${reading.error} The experiment keeps ${value.toLocaleString("en-US")}.`}
      hint={reading.ok && reading.warning ? <span className={reading.value === 0 ? undefined : "text-warn-text"}>{reading.warning}</span> : undefined}
      onChange={(e) => {
        const next = e.target.value;
        setText(next);
        const r = readMaxTokens(next, model);
        if (r.ok && r.value !== value) {
          setShown(r.value);
          edit((x) => setMaxTokens(x, r.value), "max_tokens");
        }
      }}
    />
  );
}
