// What a first visit (and the server render) shows: a blank experiment with a stable id, so the
// server HTML and the first client render agree before the saved library is read.
import { blankExperiment } from "@/lib/editor/blank";
import type { PersistedLibrary } from "./persistence";

export function defaultLibrary(): PersistedLibrary {
  return {
    experiments: { blank: { id: "blank", experiment: blankExperiment(), createdAt: 0, updatedAt: 0 } },
    order: ["blank"],
    activeId: "blank",
  };
}
