// What counts as content that changes between requests (and so breaks a cached prefix).
import { describe, expect, it } from "vitest";
import { findDynamicContent } from "./dynamic-content";

describe("findDynamicContent", () => {
  it.each([
    ["Generated at 2026-11-25T10:04:05Z for you", "a timestamp", "2026-11-25T10:04:05Z"],
    ["Session 3f2b8c1e-1c2d-4e5f-8a9b-0c1d2e3f4a5b started", "a UUID", "3f2b8c1e-1c2d-4e5f-8a9b-0c1d2e3f4a5b"],
    ["commit a3f9b2c4d5e6f7a8b9c0d1e2f3a4b5c6 merged", "a long random hex string", "a3f9b2c4d5e6f7a8b9c0d1e2f3a4b5c6"],
    ["Report for 2026-11-25.", "a date", "2026-11-25"],
    ["Last sync 10:22:33 local", "a time of day", "10:22:33"],
    ["epoch 1764064800 seconds", "a Unix timestamp", "1764064800"],
    ["Remember: today is Tuesday.", "a reference to the current date or time", "today is"],
  ])("finds %j", (text, kind, match) => {
    expect(findDynamicContent(text)).toEqual({ kind, text: match });
  });

  it.each([
    "The ingestion service retries five times.",
    "deadbeefdeadbeefdeadbeefdeadbeef has no digit",
    "xa3f9b2c4d5e6f7a8b9c0d1e2f3a4b5c6 is inside a word",
    "Version 1.2.3 of section 12",
  ])("leaves %j alone", (text) => {
    expect(findDynamicContent(text)).toBeNull();
  });
});
