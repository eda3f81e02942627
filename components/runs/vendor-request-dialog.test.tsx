// The request-body dialog of "Compare across vendors": each note says how serious it is, in words and looks,
// so a request the vendor refuses does not read like information.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { cachePoint, experiment, text, user } from "@/lib/cache/test-factories";
import { RequestBodyDialog } from "./vendor-request-dialog";

const DOC = "Every clause of the handbook below is needed to answer. ".repeat(200);

describe("RequestBodyDialog", () => {
  it("marks a note Bedrock refuses as refused, in the danger tone, apart from a plain note", () => {
    // Claude refuses a 1h cache entry after a 5m one (docs/reference/anthropic-caching.md §1.6): an "error" note.
    const e = experiment({ semantics: "pydantic-ai@2.33", system: [DOC], settings: { cache_instructions: "5m" }, messages: [user(text("Q"), cachePoint("1h"), text("R"))] });
    const html = renderToStaticMarkup(<RequestBodyDialog experiment={e} target={{ target: "bedrock-converse" }} label="Bedrock Converse" onClose={() => {}} />);
    const refused = /<li[^>]*data-severity="error"[^>]*>(.*?)<\/li>/.exec(html);
    expect(refused?.[1]).toMatch(/<span class="[^"]*bg-danger-bg[^"]*">Refused<\/span> messages\[0\]\.content\[1\] asks for 1h after a 5m cachePoint; Claude refuses/);
    // Every other note carries its own word too, none of them "Refused".
    const others = [...html.matchAll(/<li[^>]*data-severity="(info|warning)"[^>]*>(.*?)<\/li>/g)];
    for (const [, severity, body] of others) expect(body).toMatch(severity === "info" ? /^<span class="[^"]*bg-surface-muted[^"]*">Note<\/span>/ : /^<span class="[^"]*bg-warn-bg[^"]*">Warning<\/span>/);

  });
});
