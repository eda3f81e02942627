// The Converse body as @aws-sdk/client-bedrock-runtime takes it: the same object, with `modelId` beside it and
// every `bytes` source as a Uint8Array (the JSON form carries base64; the SDK encodes it back on the wire).
// Types only from the SDK: nothing here runs SDK code.
import type { ConverseCommandInput } from "@aws-sdk/client-bedrock-runtime";
import type { ConverseBody } from "./bedrock-converse-types";

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
}

function withBytes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withBytes);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = key === "bytes" && typeof inner === "string" ? fromBase64(inner) : key === "json" || key === "input" ? inner : withBytes(inner);
  }
  return out;
}

export function converseCommandInput(modelId: string, body: ConverseBody): ConverseCommandInput {
  return { modelId, ...(withBytes(body) as Omit<ConverseCommandInput, "modelId">) };
}
