// The experiment as an exported document (docs/design.md §3: `format` is always written on export) and as
// a share link: the document compressed with lz-string into the URL fragment, which never reaches
// a server.
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from "lz-string";
import { EXPERIMENT_FORMAT, parseExperimentJson, type Experiment } from "@/lib/cache/experiment-schema";
import { err, type Result } from "@/lib/cache/result";

export const SHARE_PREFIX = "#experiment=";

export function experimentDocument(experiment: Experiment): string {
  const { format: _format, ...rest } = experiment;
  return JSON.stringify({ format: EXPERIMENT_FORMAT, ...rest }, null, 2);
}

export function fileNameFor(experiment: Experiment): string {
  const base = (experiment.name ?? "experiment").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  return `${base || "experiment"}.cachelab.json`;
}

export function shareFragment(experiment: Experiment): string {
  return SHARE_PREFIX + compressToEncodedURIComponent(JSON.stringify({ ...experiment, format: EXPERIMENT_FORMAT }));
}

/** Reads a share fragment back; a damaged or foreign fragment is an error, never a throw. */
export function readShareFragment(hash: string): Result<Experiment> | null {
  if (!hash.startsWith(SHARE_PREFIX)) return null;
  const text = decompressFromEncodedURIComponent(hash.slice(SHARE_PREFIX.length));
  if (!text) return err({ code: "invalid_share_link", message: "This share link is damaged: its experiment could not be decompressed." });
  return parseExperimentJson(text);
}
