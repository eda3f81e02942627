import { describe, expect, it } from "vitest";
import { blankExperiment } from "@/lib/editor/blank";
import { experimentDocument, fileNameFor } from "./experiment-document";

describe("experiment export", () => {
  const experiment = { ...blankExperiment("Docs Q&A"), system: ["Be precise."] };
  it("writes the format field and a file name", () => {
    expect(JSON.parse(experimentDocument(experiment)).format).toBe("cachelab.experiment.v1");
    expect(fileNameFor(experiment)).toBe("docs-q-a.cachelab.json");
  });
});
