// Which provider and operation a URL names. One emulator serves all four wire formats by path
// (docs/reference/anthropic-caching.md §6, §7.2): the SDKs rewrite `/v1/messages` by canonical-suffix
// replacement, so a base URL with any path prefix still ends in one of these shapes.
import type { ProviderId } from "@/lib/cache/wire-types";

export interface ProviderRoute {
  provider: ProviderId;
  kind: "messages" | "count_tokens";
  /** Model id from the path (Bedrock, Vertex messages). */
  model?: string;
  /** Whether the path asks for a stream (Bedrock, Vertex); undefined means "read the body". */
  stream?: boolean;
  /** Vertex project (the organization-level cache scope there). */
  project?: string;
  /** Vertex location (region), named in its "model not found" answer. */
  location?: string;
}

const decode = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

const VERTEX = /\/projects\/([^/]+)\/locations\/([^/]+)\/publishers\/anthropic\/models\/([^/]+?)(?::|%3A)(rawPredict|streamRawPredict)$/i;
const BEDROCK = /\/model\/([^/]+)\/(invoke|invoke-with-response-stream)$/;

export function matchProviderRoute(pathname: string): ProviderRoute | null {
  const vertex = VERTEX.exec(pathname);
  if (vertex) {
    const model = decode(vertex[3]!);
    const where = { project: decode(vertex[1]!), location: decode(vertex[2]!) };
    if (model === "count-tokens") return { provider: "vertex", kind: "count_tokens", ...where };
    return { provider: "vertex", kind: "messages", model, stream: vertex[4] === "streamRawPredict", ...where };
  }
  const bedrock = BEDROCK.exec(pathname);
  if (bedrock) return { provider: "bedrock", kind: "messages", model: decode(bedrock[1]!), stream: bedrock[2] === "invoke-with-response-stream" };
  if (/\/anthropic\/v1\/messages$/.test(pathname)) return { provider: "foundry", kind: "messages" };
  if (/\/anthropic\/v1\/messages\/count_tokens$/.test(pathname)) return { provider: "foundry", kind: "count_tokens" };
  if (/\/v1\/messages$/.test(pathname)) return { provider: "anthropic", kind: "messages" };
  if (/\/v1\/messages\/count_tokens$/.test(pathname)) return { provider: "anthropic", kind: "count_tokens" };
  return null;
}
