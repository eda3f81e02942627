// What the server entry refuses before Next.js reads an action's body (docs/security.md §4): each
// refusal is a 4xx with a sentence.
import { describe, expect, it } from "vitest";
import { MAX_ACTION_BODY_BYTES, checkDeclaredLength, isActionContentType } from "./action-body";

describe("declared length and type", () => {
  it("takes the page's text/plain JSON only", () => {
    expect(isActionContentType("text/plain;charset=UTF-8")).toBe(true);
    expect(isActionContentType("text/plain")).toBe(true);
    expect(isActionContentType("multipart/form-data; boundary=x")).toBe(false);
    expect(isActionContentType("application/x-www-form-urlencoded")).toBe(false);
    expect(isActionContentType(undefined)).toBe(false);
  });

  it("needs a Content-Length, and refuses more than the cap before reading", () => {
    expect(checkDeclaredLength(undefined, "chunked")).toMatchObject({ status: 411 });
    expect(checkDeclaredLength("12", "chunked")).toMatchObject({ status: 411 });
    expect(checkDeclaredLength(String(MAX_ACTION_BODY_BYTES), undefined)).toBeNull();
    expect(checkDeclaredLength(String(10 * 1024 * 1024), undefined)).toEqual({ status: 413, message: "The request is 10.0 MB; CacheLab's server actions accept at most 4.0 MB." });
  });
});
