import "server-only";
// One SDK client per provider and transport (docs/design.md §2). Emulated and live share everything above
// the transport: the emulated client is the same official SDK class with its `fetch` pointed at the
// in-process emulator. Retries are off: a run reports what happened on the first attempt.
import Anthropic from "@anthropic-ai/sdk";
import { AnthropicBedrock, AnthropicBedrockMantle } from "@anthropic-ai/bedrock-sdk";
import { AnthropicFoundry } from "@anthropic-ai/foundry-sdk";
import { AnthropicVertex } from "@anthropic-ai/vertex-sdk";
import type { BedrockEndpoint } from "@/lib/cache/catalog";
import type { ProviderId } from "@/lib/cache/wire-types";
import type { Transport } from "@/lib/runs/types";
import { formatWithOptions } from "node:util";
import type { Env } from "./config";
import { redact } from "./redact";

/** The part of every SDK client a run uses. */
export type ProviderClient = Anthropic | AnthropicBedrock | AnthropicBedrockMantle | AnthropicVertex | AnthropicFoundry;

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** The emulator answers any host: it routes by path. This one never resolves, so nothing leaves the process. */
export const EMULATOR_ORIGIN = "http://emulator.cachelab.invalid";
/** The emulator's cache scope for emulated runs: any non-empty key is accepted (docs/design.md §5). */
export const EMULATED_KEY = "cachelab-emulated";

/** Vertex's SDK wants a Google auth client; against the emulator a fixed bearer header will do. */
export interface VertexAuthClient {
  getRequestHeaders: () => Promise<Headers>;
  projectId?: string;
}

const emulatorAuth = (key: string): VertexAuthClient => ({
  getRequestHeaders: async () => new Headers({ authorization: `Bearer ${key}` }),
});

export interface ClientOptions {
  timeoutMs: number;
  /** The emulator's fetch, for the emulated transport (live clients use the platform's fetch). */
  emulatorFetch?: FetchLike;
  env?: Env;
  /** Tests only: a Vertex auth client instead of application-default credentials. */
  vertexAuthClient?: VertexAuthClient;
  /** The emulated cache scope (see createEmulatedClient). */
  scope?: string;
  /** Told every credential a live client puts on the wire, so error text can be scrubbed of it (redact.ts). */
  onCredential?: (value: string) => void;
  /** Bedrock only: InvokeModel (AnthropicBedrock) or Claude in Amazon Bedrock (AnthropicBedrockMantle). */
  bedrockEndpoint?: BedrockEndpoint;
}

/** The SDKs log through this (e.g. a stream chunk they cannot parse, which a provider may fill with echoed keys). */
export function scrubbingLogger(extra: () => Iterable<string> = () => []) {
  const write = (level: "error" | "warn" | "info" | "debug") => (message: string, ...rest: unknown[]) =>
    console[level](redact(formatWithOptions({ colors: false }, message, ...rest), undefined, extra()));
  return { error: write("error"), warn: write("warn"), info: write("info"), debug: write("debug") };
}

const CREDENTIAL_HEADERS = ["authorization", "x-api-key", "api-key", "x-amz-security-token", "x-goog-api-key"];

/** The secret parts of a credential header: a bearer token, a SigV4 key id and signature, or the whole value. */
export function credentialParts(name: string, value: string): string[] {
  const v = value.trim();
  if (name !== "authorization") return [v];
  const bearer = /^Bearer\s+(\S+)/i.exec(v);
  if (bearer) return [bearer[1]!];
  if (v.startsWith("AWS4-HMAC-SHA256")) {
    return [/Credential=([^/,\s]+)/.exec(v)?.[1], /Signature=([0-9a-f]+)/i.exec(v)?.[1]].filter((p): p is string => !!p);
  }
  return [v];
}

/** The platform's fetch, telling `onCredential` what each request carries in its credential headers. */
function capturingFetch(onCredential: (value: string) => void): FetchLike {
  return (input, init) => {
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    for (const name of CREDENTIAL_HEADERS) {
      const value = headers.get(name);
      if (value) for (const part of credentialParts(name, value)) onCredential(part);
    }
    return fetch(input, init);
  };
}

const opt = (env: Env, name: string) => {
  const v = env[name];
  return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
};

/**
 * An SDK client whose fetch is the emulator's. `scope` names whose cache it is (one per browser, so
 * people and test sessions sharing a server do not read each other's entries): it becomes the key
 * on Anthropic, Foundry and Bedrock, and the project on Vertex, as each provider scopes its cache.
 */
export function createEmulatedClient(provider: ProviderId, fetch: FetchLike, timeoutMs: number, scope = "", bedrockEndpoint: BedrockEndpoint = "invoke"): ProviderClient {
  const common = { fetch, maxRetries: 0, timeout: timeoutMs, logger: scrubbingLogger() };
  const key = scope ? `${EMULATED_KEY}-${scope}` : EMULATED_KEY;
  switch (provider) {
    case "anthropic":
      // authToken: null, or the SDK would add ANTHROPIC_AUTH_TOKEN from process.env by itself.
      return new Anthropic({ ...common, apiKey: key, authToken: null, baseURL: EMULATOR_ORIGIN });
    case "bedrock":
      // Claude in Amazon Bedrock at its default base URL (bedrock-mantle.<region>.api.aws/anthropic): the
      // emulator tells it from Foundry by that host (lib/emulator/wire/routes.ts).
      if (bedrockEndpoint === "mantle") return new AnthropicBedrockMantle({ ...common, apiKey: key, awsRegion: "us-east-1" });
      // A Bedrock API key (Bearer) skips SigV4 and the AWS credential chain.
      return new AnthropicBedrock({ ...common, apiKey: key, awsRegion: "us-east-1", baseURL: EMULATOR_ORIGIN });
    case "vertex":
      return new AnthropicVertex({
        ...common,
        region: "global",
        projectId: key,
        baseURL: `${EMULATOR_ORIGIN}/v1`,
        authClient: emulatorAuth(key) as never,
      });
    case "foundry":
      // resource: null, or the SDK reads ANTHROPIC_FOUNDRY_RESOURCE from process.env by itself and
      // refuses a baseURL beside it ("baseURL and resource are mutually exclusive").
      return new AnthropicFoundry({ ...common, apiKey: key, resource: null, baseURL: `${EMULATOR_ORIGIN}/anthropic/` });
  }
}

/**
 * Claude in Amazon Bedrock (docs/reference/anthropic-caching.md §6.2, §7.3): the same credentials as
 * InvokeModel (a Bedrock API key, else static keys signed for the `bedrock-mantle` service, else the
 * AWS chain), its own base URL variable, ANTHROPIC_BEDROCK_MANTLE_BASE_URL.
 */
function liveMantleClient(env: Env, common: { maxRetries: number; timeout: number; fetch: FetchLike; logger: ReturnType<typeof scrubbingLogger> }): AnthropicBedrockMantle {
  const base = {
    ...common,
    awsRegion: opt(env, "AWS_REGION") ?? "us-east-1",
    ...(opt(env, "ANTHROPIC_BEDROCK_MANTLE_BASE_URL") ? { baseURL: opt(env, "ANTHROPIC_BEDROCK_MANTLE_BASE_URL") } : {}),
  };
  const bearer = opt(env, "AWS_BEARER_TOKEN_BEDROCK");
  const accessKey = opt(env, "AWS_ACCESS_KEY_ID");
  const secretKey = opt(env, "AWS_SECRET_ACCESS_KEY");
  if (bearer) return new AnthropicBedrockMantle({ ...base, apiKey: bearer });
  if (accessKey && secretKey) {
    return new AnthropicBedrockMantle({ ...base, apiKey: null, awsAccessKey: accessKey, awsSecretAccessKey: secretKey, awsSessionToken: opt(env, "AWS_SESSION_TOKEN") ?? null });
  }
  return new AnthropicBedrockMantle({ ...base, apiKey: null, ...(opt(env, "AWS_PROFILE") ? { awsProfile: opt(env, "AWS_PROFILE") } : {}) });
}

/**
 * A live client from the server's environment. Each honours its base-URL variable, so a test can
 * point it at `cachelab emulate` on loopback.
 */
export function createLiveClient(provider: ProviderId, options: ClientOptions): ProviderClient {
  const env = options.env ?? process.env;
  const sent: string[] = [];
  const onCredential = (value: string) => {
    sent.push(value);
    options.onCredential?.(value);
  };
  const common = { maxRetries: 0, timeout: options.timeoutMs, fetch: capturingFetch(onCredential), logger: scrubbingLogger(() => sent) };
  switch (provider) {
    case "anthropic":
      return new Anthropic({ ...common, apiKey: opt(env, "ANTHROPIC_API_KEY") ?? null, authToken: null, baseURL: opt(env, "ANTHROPIC_BASE_URL") ?? null });
    case "bedrock": {
      const bearer = opt(env, "AWS_BEARER_TOKEN_BEDROCK");
      const accessKey = opt(env, "AWS_ACCESS_KEY_ID");
      const secretKey = opt(env, "AWS_SECRET_ACCESS_KEY");
      const base = {
        ...common,
        awsRegion: opt(env, "AWS_REGION") ?? "us-east-1",
        ...(opt(env, "ANTHROPIC_BEDROCK_BASE_URL") ? { baseURL: opt(env, "ANTHROPIC_BEDROCK_BASE_URL") } : {}),
      };
      if (options.bedrockEndpoint === "mantle") return liveMantleClient(env, common);
      // A Bedrock API key wins; else static keys (SigV4 signed locally); else the AWS default chain (profiles, SSO, roles).
      if (bearer) return new AnthropicBedrock({ ...base, apiKey: bearer });
      if (accessKey && secretKey) {
        return new AnthropicBedrock({ ...base, apiKey: null, awsAccessKey: accessKey, awsSecretKey: secretKey, awsSessionToken: opt(env, "AWS_SESSION_TOKEN") ?? null });
      }
      return new AnthropicBedrock({ ...base, apiKey: null });
    }
    case "vertex":
      return new AnthropicVertex({
        ...common,
        region: opt(env, "CLOUD_ML_REGION") ?? "global",
        projectId: opt(env, "ANTHROPIC_VERTEX_PROJECT_ID") ?? null,
        ...(opt(env, "ANTHROPIC_VERTEX_BASE_URL") ? { baseURL: opt(env, "ANTHROPIC_VERTEX_BASE_URL") } : {}),
        ...(options.vertexAuthClient ? { authClient: options.vertexAuthClient as never } : {}),
      });
    case "foundry": {
      // The SDK takes a base URL or a resource, never both, and fills an absent one from
      // process.env itself; so both are always given, one of them null. A base URL wins (docs/providers.md).
      const baseURL = opt(env, "ANTHROPIC_FOUNDRY_BASE_URL");
      return new AnthropicFoundry({
        ...common,
        apiKey: opt(env, "ANTHROPIC_FOUNDRY_API_KEY"),
        ...(baseURL ? { baseURL, resource: null } : { baseURL: null, resource: opt(env, "ANTHROPIC_FOUNDRY_RESOURCE") ?? null }),
      });
    }
  }
}

export function createClient(provider: ProviderId, transport: Transport, options: ClientOptions): ProviderClient {
  if (transport === "emulated") {
    if (!options.emulatorFetch) throw new Error("The emulated transport needs the emulator's fetch.");
    return createEmulatedClient(provider, options.emulatorFetch, options.timeoutMs, options.scope, options.bedrockEndpoint);
  }
  return createLiveClient(provider, options);
}
