#!/usr/bin/env node
// Secrets stay on the server (docs/design.md §10): after a production build, the browser bundle must hold no
// provider SDK, no credential value or code reading one, and no server-only module. Exits 1 and names the file.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const dist = process.env.NEXT_DIST_DIR || ".next";
const root = join(dist, "static");
// Variable *names* may appear (the export panel writes "$ANTHROPIC_API_KEY" into curl commands); what
// may not is a secret's value, code that reads one, or a server-only SDK.
const forbidden = [
  /process\.env\.(?:ANTHROPIC_API_KEY|ANTHROPIC_FOUNDRY_API_KEY|AWS_SECRET_ACCESS_KEY|AWS_BEARER_TOKEN_BEDROCK|CACHELAB_ACCESS_TOKEN|OPENAI_API_KEY)/,
  /sk-ant-[A-Za-z0-9_-]{10,}/,
  /AKIA[0-9A-Z]{16}/,
  /Anthropic\/JS /, // the SDK's user agent: the SDK itself was bundled
  /x-stainless-/, // headers only the provider SDKs send (the openai SDK's too)
  /google-auth-library/,
  /AWS4-HMAC-SHA256/, // SigV4 signing code
];
// The values of any credentials present while building must not have been inlined either.
for (const name of ["ANTHROPIC_API_KEY", "ANTHROPIC_FOUNDRY_API_KEY", "AWS_SECRET_ACCESS_KEY", "AWS_BEARER_TOKEN_BEDROCK", "CACHELAB_ACCESS_TOKEN", "OPENAI_API_KEY"]) {
  const value = process.env[name];
  if (value && value.length >= 8) forbidden.push(new RegExp(value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
}

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.(js|css|html|json)$/.test(name)) yield path;
  }
}

let problems = 0;
let scanned = 0;
try {
  for (const file of files(root)) {
    scanned++;
    const text = readFileSync(file, "utf8");
    for (const pattern of forbidden) {
      if (pattern.test(text)) {
        console.error(`client bundle leak: ${file} matches ${pattern}`);
        problems++;
      }
    }
  }
} catch (error) {
  console.error(`cannot scan ${root}: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
if (scanned === 0) {
  console.error(`no client files under ${root}: build first`);
  process.exit(1);
}
console.log(`client bundle: ${scanned} files scanned, ${problems} problems`);
process.exit(problems ? 1 : 0);
