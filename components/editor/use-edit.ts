"use client";
import { useCallback } from "react";
import type { Experiment } from "@/lib/cache/experiment-schema";
import { useExperimentActions } from "@/lib/store";

/** Applies a pure transition to the active experiment; `key` merges quick edits of one field into one undo step. */
export function useEdit() {
  const { updateActiveExperiment } = useExperimentActions();
  return useCallback(
    (fn: (e: Experiment) => Experiment, key?: string) => updateActiveExperiment(fn, key ? { coalesceKey: key } : undefined),
    [updateActiveExperiment],
  );
}
