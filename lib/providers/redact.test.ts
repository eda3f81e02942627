// Redaction by construction (docs/security.md §7): any run of 8+ characters of a configured secret, in
// the clear, base64 or URL-encoded, is cut out; short runs and ordinary text stay.
import { describe, expect, it } from "vitest";
import { credentialParts } from "./clients";
import { secretValues } from "./config";
import { createRedactor } from "./redact";

// Key-shaped test values are assembled at run time so no committed line looks like a real key.
const SECRET = `wJalrXUtnFEMI/K7MDENG+bPxRfiCY${"EXAMPLE"}KEY`;
const scrub = createRedactor([SECRET]);

describe("a configured secret", () => {
  it("goes whole, masked, halved, base64, URL-encoded, padded and inside JSON", () => {
    const forms = [
      SECRET,
      `${SECRET.slice(0, 16)}…${SECRET.slice(-6)}`,
      SECRET.slice(-20),
      Buffer.from(SECRET).toString("base64"),
      Buffer.from(SECRET.slice(5)).toString("base64"),
      encodeURIComponent(SECRET),
      encodeURIComponent(SECRET).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
      `   ${SECRET}   `,
      JSON.stringify({ key: SECRET }),
    ];
    for (const form of forms) {
      const out = scrub(`the provider said: ${form} (end)`);
      expect(out, form).toContain("[redacted]");
      for (let i = 0; i + 8 <= SECRET.length; i++) expect(out).not.toContain(SECRET.slice(i, i + 8));
    }
  });

  it("leaves the rest of the message, and runs shorter than 8 characters", () => {
    expect(scrub("model: claude-sonnet-4-6 is not available")).toBe("model: claude-sonnet-4-6 is not available");
    expect(scrub(`ends in ${SECRET.slice(-6)}`)).toBe(`ends in ${SECRET.slice(-6)}`);
  });

  it("is trimmed as the clients trim it", () => {
    expect(secretValues({ ANTHROPIC_FOUNDRY_API_KEY: ` ${SECRET} ` })).toEqual([SECRET]);
  });
});

describe("what a client sent", () => {
  it("keeps the secret parts of credential headers: a bearer token, a SigV4 key id and signature", () => {
    expect(credentialParts("authorization", "Bearer abc.def.ghi")).toEqual(["abc.def.ghi"]);
    const sigv4 = `AWS4-HMAC-SHA256 Credential=${"AKIA"}IOSFODNN7EXAMPLE/20261130/us-east-1/bedrock/aws4_request, SignedHeaders=host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7`;
    expect(credentialParts("authorization", sigv4)).toEqual([`${"AKIA"}IOSFODNN7EXAMPLE`, "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"]);
    expect(credentialParts("x-api-key", " key ")).toEqual(["key"]);
  });

  it("shapes no one configured are still cut: a JWT, a Google token, a bearer header", () => {
    const jwt = `${"eyJ"}hbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.${"eyJ"}pc3MiOiJjYW5hcnkifQ.c2lnbmF0dXJlLWJ5dGVz`;
    const out = createRedactor([])(`echo ${jwt} and ${"ya29"}.a0AfH6SMB and Bearer abcdefghijkl`);
    expect(out).toBe("echo [redacted] and [redacted] and [redacted]");
  });
});
