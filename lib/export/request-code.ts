// Export of the exact request as curl, TypeScript and Python SDK code (docs/design.md §8). Pure: the body is
// what buildRequest returned, so what a user copies is what the preview showed. Credentials are
// always environment variables, never values (docs/design.md §10).
import { API_VERSION_2026, type BedrockEndpoint } from "@/lib/cache/catalog";
import type { ProviderId, RequestBody } from "@/lib/cache/wire-types";

export interface RequestTarget {
  provider: ProviderId;
  /** The model id on that provider (Bedrock and Vertex take it in the URL, not the body). */
  modelId: string;
  /** Bedrock only: InvokeModel, or Claude in Amazon Bedrock ("Mantle", docs/reference/anthropic-caching.md §6.2). */
  bedrockEndpoint?: BedrockEndpoint;
}

const isMantle = (target: RequestTarget) => target.provider === "bedrock" && target.bedrockEndpoint === "mantle";

const json = (body: unknown) => JSON.stringify(body, null, 2);

/** A heredoc delimiter that cannot occur in the body. */
function heredocTag(text: string): string {
  let tag = "JSON";
  while (text.includes(tag)) tag += "_";
  return tag;
}

function bodyWithoutVersion(body: RequestBody): Record<string, unknown> {
  const { anthropic_version: _v, ...rest } = body as unknown as Record<string, unknown>;
  return rest;
}

/**
 * The Bedrock body's `anthropic_version` when the SDKs would not send it themselves: the 1.x SDKs
 * send 2026-10-21, which Bedrock refuses for models older than Claude 4.7 (docs/reference/anthropic-caching.md §5.3, §7.3).
 */
function pinnedBedrockVersion(body: RequestBody, target: RequestTarget): string | null {
  if (target.provider !== "bedrock") return null;
  const version = (body as { anthropic_version?: unknown }).anthropic_version;
  return typeof version === "string" && version !== API_VERSION_2026 ? version : null;
}

export function curlCommand(body: RequestBody, target: RequestTarget): string {
  const text = json(body);
  const tag = heredocTag(text);
  const data = `--data-binary @- <<'${tag}'\n${text}\n${tag}`;
  const model = encodeURIComponent(target.modelId).replace(/%3A/g, ":").replace(/%40/g, "@");
  if (isMantle(target)) {
    // The first-party Messages API on Bedrock, SigV4 for the bedrock-mantle service (docs/reference/anthropic-caching.md §6.2).
    return [
      'curl "https://bedrock-mantle.$AWS_REGION.api.aws/anthropic/v1/messages" \\',
      '  --aws-sigv4 "aws:amz:$AWS_REGION:bedrock-mantle" \\',
      '  --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" \\',
      '  -H "anthropic-version: 2023-06-01" \\',
      '  -H "content-type: application/json" \\',
      `  ${data}`,
    ].join("\n");
  }
  switch (target.provider) {
    case "anthropic":
      return [
        "curl https://api.anthropic.com/v1/messages \\",
        '  -H "x-api-key: $ANTHROPIC_API_KEY" \\',
        '  -H "anthropic-version: 2023-06-01" \\',
        '  -H "content-type: application/json" \\',
        `  ${data}`,
      ].join("\n");
    case "foundry":
      return [
        'curl "https://$ANTHROPIC_FOUNDRY_RESOURCE.services.ai.azure.com/anthropic/v1/messages" \\',
        '  -H "x-api-key: $ANTHROPIC_FOUNDRY_API_KEY" \\',
        '  -H "anthropic-version: 2023-06-01" \\',
        '  -H "content-type: application/json" \\',
        `  ${data}`,
      ].join("\n");
    case "bedrock":
      return [
        `curl "https://bedrock-runtime.$AWS_REGION.amazonaws.com/model/${model}/invoke" \\`,
        '  --aws-sigv4 "aws:amz:$AWS_REGION:bedrock" \\',
        '  --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" \\',
        '  -H "content-type: application/json" \\',
        `  ${data}`,
      ].join("\n");
    case "vertex":
      return [
        `curl "https://aiplatform.googleapis.com/v1/projects/$ANTHROPIC_VERTEX_PROJECT_ID/locations/global/publishers/anthropic/models/${model}:rawPredict" \\`,
        '  -H "Authorization: Bearer $(gcloud auth print-access-token)" \\',
        '  -H "content-type: application/json" \\',
        `  ${data}`,
      ].join("\n");
  }
}

/**
 * TypeScript with the official SDK for the provider. The SDKs add `anthropic_version` themselves,
 * except where Bedrock needs an older one than the SDK's: the Bedrock client moves its
 * `anthropic-version` header into the body, so the export sets that header.
 */
export function typescriptSdkCode(body: RequestBody, target: RequestTarget): string {
  const params = json({ model: target.modelId, ...bodyWithoutVersion(body) });
  const bedrockVersion = pinnedBedrockVersion(body, target);
  const client: Record<ProviderId, string[]> = {
    anthropic: ['import Anthropic from "@anthropic-ai/sdk";', "", "const client = new Anthropic(); // reads ANTHROPIC_API_KEY"],
    bedrock: isMantle(target)
      ? ['import { AnthropicBedrockMantle } from "@anthropic-ai/bedrock-sdk";', "", "const client = new AnthropicBedrockMantle(); // AWS credentials and AWS_REGION from the environment"]
      : [
          'import { AnthropicBedrock } from "@anthropic-ai/bedrock-sdk";',
          "",
          ...(bedrockVersion
            ? [
                `// On Bedrock this model takes API version "${bedrockVersion}", not the SDK's default "${API_VERSION_2026}";`,
                "// the client moves this header into the body. AWS credentials and AWS_REGION from the environment.",
                `const client = new AnthropicBedrock({ defaultHeaders: { "anthropic-version": "${bedrockVersion}" } });`,
              ]
            : ["const client = new AnthropicBedrock(); // AWS credentials and AWS_REGION from the environment"]),
        ],
    vertex: [
      'import { AnthropicVertex } from "@anthropic-ai/vertex-sdk";',
      "",
      "const client = new AnthropicVertex({ region: \"global\" }); // ANTHROPIC_VERTEX_PROJECT_ID + application-default credentials",
    ],
    foundry: [
      'import AnthropicFoundry from "@anthropic-ai/foundry-sdk";',
      "",
      "const client = new AnthropicFoundry(); // ANTHROPIC_FOUNDRY_RESOURCE + ANTHROPIC_FOUNDRY_API_KEY",
    ],
  };
  return [
    ...client[target.provider],
    "",
    `const message = await client.messages.create(${params});`,
    "",
    "console.log(message.usage); // cache_creation_input_tokens, cache_read_input_tokens, input_tokens",
  ].join("\n");
}

/** Python literal for a JSON value (True/False/None instead of true/false/null). */
export function toPython(value: unknown, indent = 0): string {
  const pad = "    ".repeat(indent + 1);
  const end = "    ".repeat(indent);
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "None";
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((v) => pad + toPython(v, indent + 1)).join(",\n")},\n${end}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return "{}";
  return `{\n${entries.map(([k, v]) => `${pad}${JSON.stringify(k)}: ${toPython(v, indent + 1)}`).join(",\n")},\n${end}}`;
}

export function pythonSdkCode(body: RequestBody, target: RequestTarget): string {
  const client: Record<ProviderId, string[]> = {
    anthropic: ["from anthropic import Anthropic", "", "client = Anthropic()  # reads ANTHROPIC_API_KEY"],
    bedrock: isMantle(target)
      ? ["from anthropic import AnthropicBedrockMantle", "", "client = AnthropicBedrockMantle()  # AWS credentials and AWS_REGION"]
      : ["from anthropic import AnthropicBedrock", "", "client = AnthropicBedrock()  # AWS credentials and AWS_REGION"],
    vertex: ["from anthropic import AnthropicVertex", "", 'client = AnthropicVertex(region="global")  # ANTHROPIC_VERTEX_PROJECT_ID'],
    foundry: ["from anthropic import AnthropicFoundry", "", "client = AnthropicFoundry()  # ANTHROPIC_FOUNDRY_RESOURCE + ANTHROPIC_FOUNDRY_API_KEY"],
  };
  const bedrockVersion = pinnedBedrockVersion(body, target);
  // `extra_body` is the SDK's way to send a field its types do not list: Bedrock's body version.
  const params = { model: target.modelId, ...bodyWithoutVersion(body), ...(bedrockVersion ? { extra_body: { anthropic_version: bedrockVersion } } : {}) };
  const args = Object.entries(params)
    .map(([k, v]) => `    ${k}=${toPython(v, 1)},`)
    .join("\n");
  return [...client[target.provider], "", `message = client.messages.create(\n${args}\n)`, "print(message.usage)"].join("\n");
}
