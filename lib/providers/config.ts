import "server-only";
// Which providers can run live, from the server's environment only (docs/design.md §10). The page learns a
// boolean and a sentence per provider — never a key, a region or a project.
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { PROVIDERS, type ProviderId } from "@/lib/cache/wire-types";

export type Env = Record<string, string | undefined>;

export interface LiveAvailability {
  configured: boolean;
  /** Why live is unavailable (names the variables to set), or null when configured. */
  reason: string | null;
}

const set = (env: Env, name: string) => typeof env[name] === "string" && env[name]!.trim() !== "";

/** Application-default credentials: GOOGLE_APPLICATION_CREDENTIALS or gcloud's ADC file. */
function hasGoogleAdc(env: Env): boolean {
  if (set(env, "GOOGLE_APPLICATION_CREDENTIALS")) return true;
  const configDir = env.CLOUDSDK_CONFIG ?? join(env.HOME ?? homedir(), ".config", "gcloud");
  return existsSync(join(configDir, "application_default_credentials.json"));
}

export function liveAvailability(provider: ProviderId, env: Env = process.env): LiveAvailability {
  switch (provider) {
    case "anthropic":
      return set(env, "ANTHROPIC_API_KEY")
        ? { configured: true, reason: null }
        : { configured: false, reason: "Set ANTHROPIC_API_KEY in .env.local on the server to run on the Anthropic API." };
    case "bedrock": {
      const credentials =
        set(env, "AWS_BEARER_TOKEN_BEDROCK") || (set(env, "AWS_ACCESS_KEY_ID") && set(env, "AWS_SECRET_ACCESS_KEY")) || set(env, "AWS_PROFILE");
      return set(env, "AWS_REGION") && credentials
        ? { configured: true, reason: null }
        : { configured: false, reason: "Set AWS_REGION and AWS credentials (access key and secret, a profile, or a Bedrock API key) on the server to run on Bedrock." };
    }
    case "vertex":
      return set(env, "ANTHROPIC_VERTEX_PROJECT_ID") && set(env, "CLOUD_ML_REGION") && hasGoogleAdc(env)
        ? { configured: true, reason: null }
        : { configured: false, reason: "Set ANTHROPIC_VERTEX_PROJECT_ID, CLOUD_ML_REGION and Google application-default credentials on the server to run on Vertex AI." };
    case "foundry":
      return (set(env, "ANTHROPIC_FOUNDRY_RESOURCE") || set(env, "ANTHROPIC_FOUNDRY_BASE_URL")) && set(env, "ANTHROPIC_FOUNDRY_API_KEY")
        ? { configured: true, reason: null }
        : { configured: false, reason: "Set ANTHROPIC_FOUNDRY_RESOURCE (or ANTHROPIC_FOUNDRY_BASE_URL) and ANTHROPIC_FOUNDRY_API_KEY on the server to run on Foundry." };
  }
}

export function allLiveAvailability(env: Env = process.env): Record<ProviderId, LiveAvailability> {
  return Object.fromEntries(PROVIDERS.map((p) => [p, liveAvailability(p, env)])) as Record<ProviderId, LiveAvailability>;
}

/**
 * Every credential value in the environment, trimmed as the clients trim them (clients.ts `opt`), so
 * error text can be scrubbed of them (redact.ts).
 */
export function secretValues(env: Env = process.env): string[] {
  const names = [
    "ANTHROPIC_API_KEY",
    "ANTHROPIC_AUTH_TOKEN",
    "ANTHROPIC_FOUNDRY_API_KEY",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_BEARER_TOKEN_BEDROCK",
    "CACHELAB_ACCESS_TOKEN",
    "OPENAI_API_KEY",
  ];
  return names.map((n) => env[n]?.trim()).filter((v): v is string => typeof v === "string" && v.length >= 4);
}
