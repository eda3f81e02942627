"use client";
import { useState } from "react";
import { cn } from "@/components/ui/cn";
import { controlClass } from "@/components/ui/field";

/** A number input that lets a person clear it and type, and hands on only valid, clamped values. */
export function NumberField({ label, value, min, max, disabled, onChange, whole = true }: { label: string; value: number; min: number; max: number; disabled: boolean; onChange: (n: number) => void; whole?: boolean }) {
  const [text, setText] = useState(String(value));
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setText(String(value));
  }
  return (
    <label className="flex items-center justify-between gap-2 text-sm">
      <span>{label}</span>
      <input
        type="number"
        min={min}
        max={max}
        step={whole ? 1 : "any"}
        value={text}
        disabled={disabled}
        onChange={(e) => {
          setText(e.target.value);
          const n = Number(e.target.value);
          if (e.target.value.trim() === "" || !Number.isFinite(n)) return;
          const clamped = Math.max(min, Math.min(max, whole ? Math.floor(n) : n));
          setShown(clamped);
          onChange(clamped);
        }}
        onBlur={() => setText(String(value))}
        className={cn(controlClass, "h-8 w-24")}
      />
    </label>
  );
}
