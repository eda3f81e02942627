"use client";
import { useEffect } from "react";
import { documentPath } from "@/lib/cache/paths";
import { anchorIdFor, formatEditorPath, parseEditorPath } from "@/lib/editor/paths";
import { useExperimentStore } from "@/lib/store";

const HIGHLIGHT_MS = 2_000;

/**
 * Answers focusBlock(path): scrolls the block into view, focuses it and highlights it while it keeps
 * the focus, and at least briefly, so a person who looks away (or a slow screen) still finds it.
 */
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
    let shownLongEnough = false;
    const clear = () => delete el.dataset.highlighted;
    // Focus moving within the block (into its text field) keeps the highlight; leaving it ends it.
    const onFocusOut = (e: FocusEvent) => {
      if (shownLongEnough && !el.contains(e.relatedTarget as Node | null)) clear();
    };
    el.addEventListener("focusout", onFocusOut);
    const timer = setTimeout(() => {
      shownLongEnough = true;
      if (!el.contains(document.activeElement)) clear();
    }, HIGHLIGHT_MS);
    return () => {
      clearTimeout(timer);
      el.removeEventListener("focusout", onFocusOut);
      clear();
    };
  }, [focus]);
  return null;
}
