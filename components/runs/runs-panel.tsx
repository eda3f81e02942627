"use client";

/** Placeholder until the runs issue lands: the playground page renders this slot. */
export function RunsPanel() {
  return null;
}
