// What a first visit (and the server render) shows: the long-document example under a stable id,
// so the server HTML and the first client render agree before the saved library is read.
import { EXAMPLES } from "@/lib/cache/examples";
import { parseExperiment, type Experiment } from "@/lib/cache/experiment-schema";
import { blankExperiment } from "@/lib/editor/blank";
import type { PersistedLibrary } from "./persistence";

/** A built-in example as a full experiment (defaults filled in), or undefined if it does not validate. */
export function exampleExperiment(id: string): Experiment | undefined {
  const example = EXAMPLES.find((e) => e.id === id);
  if (!example) return undefined;
  const parsed = parseExperiment(example.experiment);
  return parsed.ok ? { ...parsed.value, name: parsed.value.name ?? example.title } : undefined;
}

export function defaultLibrary(): PersistedLibrary {
  const first = EXAMPLES[0] ? exampleExperiment(EXAMPLES[0].id) : undefined;
  const id = first ? `example-${EXAMPLES[0]!.id}` : "blank";
  return {
    experiments: { [id]: { id, experiment: first ?? blankExperiment(), createdAt: 0, updatedAt: 0 } },
    order: [id],
    activeId: id,
  };
}
