// The exact-count action as a public endpoint (issue 10 item 14): malformed input is refused with a
// sentence, a provider without credentials says what to set, and a live provider (here `cachelab
// emulate`'s server, reached through ANTHROPIC_BASE_URL as docs/providers.md describes) answers counts.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type EmulatorServer, startEmulatorServer } from "@/lib/emulator/server";
import { resetGuardState } from "@/lib/providers/guard";
import { requestStorage } from "@/lib/providers/request-context";
import { LONG_TEXT } from "@/lib/runs/testing/factories";

vi.mock("next/headers", () => ({
  headers: async () => new Headers({ host: "127.0.0.1:3000" }),
  cookies: async () => ({ get: () => undefined, set: () => undefined }),
}));
const actions = await import("./count-tokens");
/** Each call runs inside the request record the server entry makes from the socket: loopback here. */
const countPrefixTokensAction = (raw: unknown) =>
  requestStorage().run({ client: "127.0.0.1", loopback: true, secure: false, accessCookie: null, viaEntry: true, memo: {} }, () => actions.countPrefixTokensAction(raw));

const experiment = {
  settings: { cache_instructions: true, cache_messages: true },
  system: [LONG_TEXT],
  messages: [{ role: "user", content: [{ type: "text", text: "Hi" }] }],
};

let server: EmulatorServer;
beforeAll(async () => {
  server = await startEmulatorServer({ port: 0, latencyScale: 0 });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  resetGuardState();
  delete process.env.ANTHROPIC_API_KEY;
  delete process.env.ANTHROPIC_BASE_URL;
});

describe("countPrefixTokensAction", () => {
  it("refuses malformed input with a sentence", async () => {
    const r = await countPrefixTokensAction({ experiment, extra: 1 });
    expect(r.ok ? null : r.error.code).toBe("invalid_input");
    const bad = await countPrefixTokensAction({ experiment: { messages: "nope" } });
    expect(bad.ok ? null : bad.error.message).toContain("messages");
  });

  it("says what to set when the provider is not configured live", async () => {
    const r = await countPrefixTokensAction({ experiment });
    expect(r.ok ? null : r.error).toMatchObject({ code: "provider:not_configured", message: expect.stringContaining("ANTHROPIC_API_KEY") });
  });

  it("answers each kept prefix's count from the live provider", async () => {
    process.env.ANTHROPIC_API_KEY = `${"sk-ant-"}test-action-0123456789`;
    process.env.ANTHROPIC_BASE_URL = server.url;
    const r = await countPrefixTokensAction({ experiment });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.map((c) => c.path)).toEqual(["system[0]", "messages[0].content[0]"]);
    expect(r.value[1]!.tokens).toBeGreaterThan(1024);
    expect(JSON.stringify(r)).not.toContain("sk-ant-");
  });
});
