// Wire formats beyond the Anthropic Messages shapes (issue 13: Bedrock Converse, OpenAI Responses), served by
// the same emulator: each is a surface with its own routes and rendering over the one runtime (clock, store,
// faults, traces, ids: runtime.ts) and engine, reusing the call steps of api.ts.
import type { Runtime } from "../runtime";

export interface VendorSurface {
  /** Whether this surface serves the URL. */
  matches: (url: URL) => boolean;
  /** Answers one request; `receivedAt` (virtual ms) is when it arrived, its start for the cache rules. */
  handle: (rt: Runtime, request: Request, url: URL, receivedAt: number) => Promise<Response>;
}
