// Which surface and operation a request names. One emulator serves every wire format by path
// (docs/reference/anthropic-caching.md §6, §7.2): the SDKs rewrite `/v1/messages` by canonical-suffix
// replacement, so a base URL with any path prefix still ends in one of these shapes.
//
// Foundry and Claude in Amazon Bedrock ("Mantle", §6.2) both serve `/anthropic/v1/messages`. A request
// is Mantle's when its host is `bedrock-mantle.…` (AnthropicBedrockMantle's default base URL, in
// process), its path has the `/bedrock-mantle/anthropic/` prefix (the standalone server's Mantle base
// URL), or it is SigV4-signed for the `bedrock-mantle` service; otherwise it is Foundry's.
import type { Surface } from "../engine/types";

export interface ProviderRoute {
  surface: Surface;
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

/** `GET …/v1/models[/{id}]` (docs/reference/anthropic-caching.md §5.1): the Claude API's; Foundry and Mantle have none (§6.2, §6.4). */
export interface ModelsRoute {
  surface: Surface;
  kind: "models";
  /** The model asked for, when one is. */
  modelId?: string;
}

export type Route = ProviderRoute | ModelsRoute;

const decode = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

const VERTEX = /\/projects\/([^/]+)\/locations\/([^/]+)\/publishers\/anthropic\/models\/([^/]+?)(?::|%3A)(rawPredict|streamRawPredict)$/i;
const BEDROCK = /\/model\/([^/]+)\/(invoke|invoke-with-response-stream)$/;
/** Bedrock's CountTokens (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_CountTokens.html). */
const BEDROCK_COUNT = /\/model\/([^/]+)\/count-tokens$/;
const FIRST_PARTY = /\/v1\/(messages|messages\/count_tokens|models|models\/([^/]+))$/;
const MANTLE_SIGV4 = /Credential=[^/,\s]+\/[^/]+\/[^/]+\/bedrock-mantle\//;

function anthropicPathSurface(url: URL, headers: Headers): Surface {
  const mantle =
    url.hostname.startsWith("bedrock-mantle.") || url.pathname.includes("/bedrock-mantle/anthropic/") || MANTLE_SIGV4.test(headers.get("authorization") ?? "");
  return mantle ? "bedrock-mantle" : "foundry";
}

export function matchRoute(url: URL, headers: Headers): Route | null {
  const { pathname } = url;
  const vertex = VERTEX.exec(pathname);
  if (vertex) {
    const model = decode(vertex[3]!);
    const where = { project: decode(vertex[1]!), location: decode(vertex[2]!) };
    if (model === "count-tokens") return { surface: "vertex", kind: "count_tokens", ...where };
    return { surface: "vertex", kind: "messages", model, stream: vertex[4] === "streamRawPredict", ...where };
  }
  const bedrock = BEDROCK.exec(pathname);
  if (bedrock) return { surface: "bedrock", kind: "messages", model: decode(bedrock[1]!), stream: bedrock[2] === "invoke-with-response-stream" };
  const bedrockCount = BEDROCK_COUNT.exec(pathname);
  if (bedrockCount) return { surface: "bedrock", kind: "count_tokens", model: decode(bedrockCount[1]!) };
  const firstParty = FIRST_PARTY.exec(pathname);
  if (!firstParty) return null;
  const surface: Surface = /\/anthropic\/v1\/[^/]+/.test(pathname) ? anthropicPathSurface(url, headers) : "anthropic";
  const [, operation, modelId] = firstParty;
  if (operation === "messages") return { surface, kind: "messages" };
  if (operation === "messages/count_tokens") return { surface, kind: "count_tokens" };
  return modelId === undefined ? { surface, kind: "models" } : { surface, kind: "models", modelId: decode(modelId) };
}
