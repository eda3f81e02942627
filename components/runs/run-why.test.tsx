// A run's details are drawn when opened (issue 12 item 3): a closed row of the history carries only
// the summary, so a long history mounts fewer elements per row while it scrolls. Opening them is a
// browser test (e2e/workbench.spec.ts, "read the explanation").
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { run } from "@/lib/runs/testing/factories";
import { RunDetails } from "./run-why";

describe("RunDetails", () => {
  it("closed, is its summary only", () => {
    const html = renderToStaticMarkup(<RunDetails run={run({ requestId: "req_42" })} />);
    expect(html).toMatch(/^<details[^>]*><summary[^>]*>Details<\/summary><\/details>$/);
    expect(html).not.toContain("req_42");
  });
});
