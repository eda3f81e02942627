// Test helper: a hostile "provider" on loopback that speaks just enough of the four wire formats for
// the official SDKs, and quotes back every credential it receives in seven forms (whole, masked
// first 16 + last 6, the last 20 characters, base64, URL-encoded, padded with spaces, inside JSON),
// as a proxy or a careless provider might. It can also answer 200 with a body that is not JSON or not
// a valid stream. It serves a Google token endpoint too, so Vertex's auth library works offline.
import { type IncomingMessage, type Server, createServer } from "node:http";
import { generateKeyPairSync, randomBytes } from "node:crypto";

export type EchoMode = "echo" | "invalid_json" | "invalid_stream";

export interface EchoProvider {
  url: string;
  mode: EchoMode;
  /** Every credential header value received, as sent. */
  received: Set<string>;
  /** How many answers quoted credentials back (so a test can tell the provider did its job). */
  echoes: number;
  close: () => Promise<void>;
}

const CREDENTIAL_HEADERS = ["x-api-key", "authorization", "api-key", "x-amz-security-token"];

export function sevenForms(value: string): string[] {
  return [
    value,
    `${value.slice(0, 16)}…${value.slice(-6)}`,
    value.slice(-20),
    Buffer.from(value, "utf8").toString("base64"),
    encodeURIComponent(value),
    `   ${value}   `,
    JSON.stringify({ credential: value }),
  ];
}

function wire(req: IncomingMessage): "anthropic" | "bedrock" | "vertex" | "foundry" {
  const path = req.url ?? "";
  if (path.startsWith("/model/")) return "bedrock";
  if (path.includes(":streamRawPredict") || path.includes(":rawPredict")) return "vertex";
  if (path.startsWith("/anthropic/")) return "foundry";
  return "anthropic";
}

export async function startEchoProvider(): Promise<EchoProvider> {
  const state: EchoProvider = { url: "", mode: "echo", received: new Set(), echoes: 0, close: async () => {} };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.url?.startsWith("/token")) {
        // Google's OAuth token endpoint, for a service account's JWT grant.
        const token = `ya29.${randomBytes(24).toString("base64url")}`;
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ access_token: token, expires_in: 3600, token_type: "Bearer" }));
        return;
      }
      const values = CREDENTIAL_HEADERS.map((h) => req.headers[h]).filter((v): v is string => typeof v === "string" && v !== "");
      for (const v of values) state.received.add(v);
      const kind = wire(req);
      if (state.mode === "invalid_json") {
        res.writeHead(200, { "content-type": kind === "bedrock" ? "application/vnd.amazon.eventstream" : "application/json" });
        res.end('{"type": "message", "content": [ not json');
        return;
      }
      if (state.mode === "invalid_stream") {
        if (kind === "bedrock") {
          res.writeHead(200, { "content-type": "application/vnd.amazon.eventstream" });
          res.end(randomBytes(64));
        } else {
          // The SDK logs a chunk it cannot parse, so this one quotes the credentials too.
          res.writeHead(200, { "content-type": "text/event-stream" });
          res.end(`event: message_start\ndata: {not json at all ${values.flatMap(sevenForms).join(" | ")}\n\n`);
        }
        return;
      }
      state.echoes++;
      const quoted = values.flatMap(sevenForms).join(" | ");
      const message = `invalid credential: ${quoted}`;
      if (kind === "bedrock") {
        res.writeHead(400, { "content-type": "application/json", "x-amzn-errortype": "ValidationException" });
        res.end(JSON.stringify({ message }));
      } else {
        res.writeHead(400, { "content-type": "application/json", "request-id": "req_echo" });
        res.end(JSON.stringify({ type: "error", error: { type: "invalid_request_error", message } }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  state.url = `http://127.0.0.1:${port}`;
  state.close = () => new Promise((resolve) => server.close(() => resolve()));
  return state;
}

/**
 * A Google service-account key file (a key made here, now). Its universe is not googleapis.com, so the
 * auth library signs its own JWT as the bearer token instead of asking Google's token endpoint: the
 * run stays offline, and the JWT (which names the account and key) is one more credential to hide.
 */
export function serviceAccountJson(tokenUrl: string): string {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return JSON.stringify({
    type: "service_account",
    project_id: "cachelab-canary",
    private_key_id: randomBytes(20).toString("hex"),
    private_key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    client_email: "canary@cachelab-canary.iam.gserviceaccount.com",
    client_id: "1234567890",
    token_uri: tokenUrl,
    universe_domain: "cachelab.invalid",
  });
}

/** Key-shaped canary values, assembled at run time so no committed line looks like a real key. */
export function canarySecrets() {
  const r = (n: number) => randomBytes(n).toString("base64url").slice(0, n);
  return {
    ANTHROPIC_API_KEY: `${"sk-ant-"}api03-${r(40)}`,
    AWS_ACCESS_KEY_ID: `${"AKIA"}${randomBytes(8).toString("hex").toUpperCase()}`,
    AWS_SECRET_ACCESS_KEY: `${r(20)}/${r(10)}+${r(8)}`,
    AWS_SESSION_TOKEN: `${r(30)}/${r(30)}+${r(30)}==`,
    AWS_BEARER_TOKEN_BEDROCK: `${"ABSK"}${r(60)}`,
    // Padded, as a careless .env.local line would be: the clients trim it, so must the redaction.
    ANTHROPIC_FOUNDRY_API_KEY: `${randomBytes(16).toString("hex")}${randomBytes(16).toString("hex")} `,
  };
}

/**
 * Every run of 8 characters of a secret's forms (as is, base64 at each alignment, URL-encoded) found
 * in `text`: the hits a leak would leave.
 */
export function canaryHits(text: string, secrets: Iterable<string>): string[] {
  const hits: string[] = [];
  for (const raw of secrets) {
    const secret = raw.trim();
    const forms = [secret, encodeURIComponent(secret)];
    for (let offset = 0; offset < 3; offset++) forms.push(Buffer.from(secret.slice(offset)).toString("base64").replace(/=+$/, ""));
    for (const form of forms) {
      for (let i = 0; i + 8 <= form.length; i++) {
        const needle = form.slice(i, i + 8);
        if (text.includes(needle)) hits.push(needle);
      }
    }
  }
  return hits;
}
