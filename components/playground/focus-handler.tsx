"use client";
import { useEffect } from "react";
import { documentPath } from "@/lib/cache/paths";
import { anchorIdFor, formatEditorPath, parseEditorPath } from "@/lib/editor/paths";
import { useExperimentStore } from "@/lib/store";

const HIGHLIGHT_MS = 2_000;

/** Answers focusBlock(path): scrolls the block into view, focuses it and highlights it briefly. */
export function FocusHandler() {
  const focus = useExperimentStore((s) => s.focus);
  useEffect(() => {
    if (!focus) return;
    const parsed = parseEditorPath(focus.path);
    const candidates = parsed ? [formatEditorPath(parsed)] : [focus.path];
    // A block path falls back to its message when the block is gone (e.g. after an edit).
    if (parsed?.section === "messages" && parsed.blockIndex !== undefined) candidates.push(documentPath.message(parsed.messageIndex));
    const el = candidates.map((p) => document.getElementById(anchorIdFor(p))).find(Boolean);
    if (!el) return;
    el.scrollIntoView({ block: "center", behavior: "smooth" });
    el.focus({ preventScroll: true });
    el.dataset.highlighted = "true";
    const timer = setTimeout(() => delete el.dataset.highlighted, HIGHLIGHT_MS);
    return () => clearTimeout(timer);
  }, [focus]);
  return null;
}
