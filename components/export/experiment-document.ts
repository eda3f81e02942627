// The experiment as an exported document (docs/design.md §3: `format` is always written on export).
// The share link is lib/export/share-link.ts.
import { EXPERIMENT_FORMAT, type Experiment } from "@/lib/cache/experiment-schema";

export function experimentDocument(experiment: Experiment): string {
  const { format: _format, ...rest } = experiment;
  return JSON.stringify({ format: EXPERIMENT_FORMAT, ...rest }, null, 2);
}

export function fileNameFor(experiment: Experiment): string {
  const base = (experiment.name ?? "experiment").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  return `${base || "experiment"}.cachelab.json`;
}
