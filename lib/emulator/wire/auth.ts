// Credentials → cache scope (docs/reference/anthropic-caching.md §1.8): per workspace on the Claude API and
// Foundry, per organization on Bedrock and Vertex. Any non-empty credential is accepted. Scopes carry a hash
// of the credential, never the credential itself, since the cache is shown in the UI and over HTTP.
import { hashString } from "@/lib/cache/prefix";
import type { Surface } from "../engine/types";

export type AuthResult = { ok: true; scope: string } | { ok: false; status: number; message: string };

const bearer = (headers: Headers): string | null => {
  const auth = headers.get("authorization");
  if (!auth) return null;
  const m = /^Bearer\s+(.*)$/i.exec(auth);
  return m ? m[1]!.trim() : null;
};

const scopeId = (secret: string) => hashString(`cachelab-scope|${secret}`).slice(0, 12);

export function authenticate(provider: Surface, headers: Headers, project?: string): AuthResult {
  switch (provider) {
    case "anthropic":
    case "foundry": {
      // When both are sent the API uses x-api-key (docs/reference/anthropic-caching.md §5.2); Foundry also
      // takes api-key.
      const key = headers.get("x-api-key") ?? (provider === "foundry" ? headers.get("api-key") : null) ?? bearer(headers);
      if (!key) return { ok: false, status: 401, message: "invalid x-api-key" };
      const workspace = headers.get("anthropic-workspace-id");
      return { ok: true, scope: workspace ? `${provider}:workspace:${workspace}` : `${provider}:key:${scopeId(key)}` };
    }
    case "bedrock":
    case "bedrock-mantle": {
      // Organization-level isolation on Bedrock (docs/reference/anthropic-caching.md §1.8). Mantle takes a
      // Bedrock API key as Bearer (AnthropicBedrockMantle) or x-api-key (its docs), or SigV4 (§6.2).
      const auth = headers.get("authorization") ?? "";
      const sigv4 = /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\//.exec(auth);
      if (sigv4) return { ok: true, scope: `${provider}:account:${scopeId(sigv4[1]!)}` };
      const token = bearer(headers) ?? (provider === "bedrock-mantle" ? headers.get("x-api-key") : null);
      if (token) return { ok: true, scope: `${provider}:account:${scopeId(token)}` };
      // No credentials: the SDK's `skipAuth`, meant for a signing proxy in front of Bedrock
      // (docs/reference/anthropic-caching.md §7.2 lists it for local fakes). Served in one anonymous
      // organization.
      return { ok: true, scope: `${provider}:account:anonymous` };
    }
    case "vertex": {
      const token = bearer(headers);
      if (!token) {
        return {
          ok: false,
          status: 401,
          message: "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.",
        };
      }
      return { ok: true, scope: `vertex:project:${project ?? scopeId(token)}` };
    }
  }
}
