"use client";
import { useEffect } from "react";
import { readShareFragment } from "@/components/export/experiment-document";
import { useExperimentActions } from "@/lib/store";

/** Opening a share link imports its experiment as a new one, then clears the fragment. */
export function ShareLinkLoader() {
  const { createExperiment, notify } = useExperimentActions();
  useEffect(() => {
    const result = readShareFragment(window.location.hash);
    if (!result) return;
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
    if (!result.ok) return notify(`The share link could not be opened: ${result.error.message}`, "error");
    createExperiment({ ...result.value, name: result.value.name ?? "Shared experiment" });
    notify(`Opened the shared experiment “${result.value.name ?? "Shared experiment"}” as a new experiment.`);
  }, [createExperiment, notify]);
  return null;
}
