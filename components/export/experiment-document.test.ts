import { describe, expect, it } from "vitest";
import { blankExperiment } from "@/lib/editor/blank";
import { experimentDocument, fileNameFor, readShareFragment, shareFragment } from "./experiment-document";

describe("experiment export", () => {
  const experiment = { ...blankExperiment("Docs Q&A"), system: ["Be precise."] };
  it("writes the format field and a file name", () => {
    expect(JSON.parse(experimentDocument(experiment)).format).toBe("cachelab.experiment.v1");
    expect(fileNameFor(experiment)).toBe("docs-q-a.cachelab.json");
  });
  it("round-trips through a share link", () => {
    const result = readShareFragment(shareFragment(experiment));
    expect(result).toEqual({ ok: true, value: experiment });
  });
  it("reports a damaged share link and ignores other fragments", () => {
    expect(readShareFragment("#experiment=%%%")?.ok).toBe(false);
    expect(readShareFragment("#top")).toBeNull();
  });
});
