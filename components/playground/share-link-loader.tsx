"use client";
import { useEffect } from "react";
import { readShareFragment } from "@/lib/export/share-link";
import { useExperimentActions } from "@/lib/store";

/**
 * Opening a share link imports its experiment as a new one, then clears the fragment. A damaged link
 * is refused (its checksum, lib/export/share-link.ts); one made before checksums opens with a warning
 * that stays until dismissed. A link pasted into a tab where CacheLab is already open changes only the
 * fragment (no reload), so the fragment is read again on every hashchange (issue 11 item 9).
 */
export function ShareLinkLoader() {
  const { createExperiment, notify } = useExperimentActions();
  useEffect(() => {
    const open = () => {
      const result = readShareFragment(window.location.hash);
      if (!result) return;
      window.history.replaceState(null, "", window.location.pathname + window.location.search);
      if (!result.ok) return notify(`The share link could not be opened: ${result.error.message}`, "error");
      const { experiment, verified } = result.value;
      const name = experiment.name ?? "Shared experiment";
      createExperiment({ ...experiment, name });
      if (verified) notify(`Opened the shared experiment “${name}” as a new experiment.`);
      else notify(`Opened the shared experiment “${name}” as a new experiment. This link was made by an older CacheLab and carries no checksum, so a damaged link cannot be detected: check the experiment before you rely on it.`, "warning");
    };
    open();
    window.addEventListener("hashchange", open);
    return () => window.removeEventListener("hashchange", open);
  }, [createExperiment, notify]);
  return null;
}
