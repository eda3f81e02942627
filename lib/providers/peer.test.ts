// Who is asking comes from the socket (docs/security.md): headers can take loopback status away but
// never give it; X-Forwarded-For names the client only when a listed proxy sent it (MDN,
// https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/X-Forwarded-For: "only trust
// the rightmost entries added by proxies you control").
import { describe, expect, it } from "vitest";
import { isLoopbackAddress, isLoopbackHost, resolvePeer, trustedProxies } from "./peer";

const none = trustedProxies({});
const facts = (remoteAddress: string | undefined, headers: Record<string, string> = {}, encrypted = false) => ({ remoteAddress, encrypted, headers: { host: "127.0.0.1:3000", ...headers } });

describe("the client is the socket's peer", () => {
  it("is loopback for 127.0.0.0/8, ::1 and IPv4-mapped loopback, and nothing else", () => {
    for (const a of ["127.0.0.1", "127.9.9.9", "::1", "::ffff:127.0.0.1"]) expect(isLoopbackAddress(a)).toBe(true);
    for (const a of ["10.231.0.2", "192.168.1.23", "::ffff:10.0.0.1", "0.0.0.0", "localhost", "", undefined]) expect(isLoopbackAddress(a)).toBe(false);
    expect(resolvePeer(facts("127.0.0.1"), none)).toEqual({ client: "127.0.0.1", loopback: true, secure: false });
  });

  it("ignores a loopback Host header from another machine (the C1 attack)", () => {
    for (const host of ["127.0.0.1", "localhost", "[::1]", "127.9.9.9"]) {
      expect(resolvePeer(facts("10.231.0.2", { host }), none)).toEqual({ client: "10.231.0.2", loopback: false, secure: false });
    }
  });

  it("ignores X-Forwarded-For from a peer that is not a listed proxy: 80 forged addresses are one client", () => {
    const clients = new Set(Array.from({ length: 80 }, (_, i) => resolvePeer(facts("10.231.0.2", { "x-forwarded-for": `10.9.${i}.1` }), none).client));
    expect([...clients]).toEqual(["10.231.0.2"]);
  });

  it("does not take a loopback socket that carries proxy headers, or names a foreign host, for the owner's browser", () => {
    expect(resolvePeer(facts("127.0.0.1", { "x-forwarded-for": "203.0.113.5" }), none).loopback).toBe(false);
    expect(resolvePeer(facts("127.0.0.1", { forwarded: "for=203.0.113.5" }), none).loopback).toBe(false);
    // DNS rebinding: evil.example re-pointed at 127.0.0.1 reaches the socket from the owner's browser.
    expect(resolvePeer(facts("127.0.0.1", { host: "evil.example:3000" }), none).loopback).toBe(false);
    expect(resolvePeer(facts("127.0.0.1", { host: "127.0.0.1.nip.io" }), none).loopback).toBe(false);
    expect(resolvePeer(facts("::1", { host: "[::1]:3000" }), none).loopback).toBe(true);
    expect(resolvePeer(facts("127.0.0.1", { host: "localhost:3000" }), none).loopback).toBe(true);
  });

  it("says secure only for TLS, or https from a listed proxy", () => {
    expect(resolvePeer(facts("10.231.0.2", { "x-forwarded-proto": "https" }), none).secure).toBe(false);
    expect(resolvePeer(facts("10.231.0.2", {}, true), none).secure).toBe(true);
    expect(resolvePeer(facts("10.0.0.2", { "x-forwarded-proto": "https", "x-forwarded-for": "198.51.100.4" }), trustedProxies({ CACHELAB_TRUSTED_PROXIES: "10.0.0.2" })).secure).toBe(true);
  });
});

describe("a listed proxy (CACHELAB_TRUSTED_PROXIES)", () => {
  const trusted = trustedProxies({ CACHELAB_TRUSTED_PROXIES: "10.0.0.2, 10.1.0.0/16" });

  it("names the client: the rightmost address that is not a listed proxy", () => {
    expect(resolvePeer(facts("10.0.0.2", { "x-forwarded-for": "1.2.3.4, 198.51.100.4" }), trusted)).toEqual({ client: "198.51.100.4", loopback: false, secure: false });
    expect(resolvePeer(facts("10.0.0.2", { "x-forwarded-for": "198.51.100.4, 10.1.7.7" }), trusted).client).toBe("198.51.100.4");
    expect(resolvePeer(facts("10.0.0.2"), trusted).client).toBe("10.0.0.2");
  });

  it("never makes a proxied visitor loopback, even one it calls 127.0.0.1", () => {
    expect(resolvePeer(facts("10.0.0.2", { "x-forwarded-for": "127.0.0.1" }), trusted).loopback).toBe(false);
  });

  it("reports entries that are not addresses or ranges", () => {
    expect(trustedProxies({ CACHELAB_TRUSTED_PROXIES: "10.0.0.2, proxy.local, 10.0.0.0/33" }).invalid).toEqual(["proxy.local", "10.0.0.0/33"]);
  });
});

describe("binding", () => {
  it("calls only loopback names and addresses loopback", () => {
    for (const h of ["127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"]) expect(isLoopbackHost(h)).toBe(true);
    for (const h of ["0.0.0.0", "::", "10.231.0.1", "example.com"]) expect(isLoopbackHost(h)).toBe(false);
  });
});
