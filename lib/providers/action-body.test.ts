// What the server entry refuses before Next.js decodes an action (docs/security.md §4): the checks
// run on raw bytes, in linear time, and each refusal is a 4xx with a sentence.
import { describe, expect, it } from "vitest";
import { BODY_MESSAGES, MAX_ACTION_BODY_BYTES, MAX_ACTION_JSON_DEPTH, MAX_ACTION_JSON_VALUES, checkActionBody, checkDeclaredLength, isActionContentType } from "./action-body";

const body = (text: string) => Buffer.from(text, "utf8");

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

describe("the body", () => {
  it("accepts what the page sends", () => {
    expect(checkActionBody(body('[{"experiment":{"system":["a [ { \\" ] ,"]},"transport":"emulated"}]'))).toBeNull();
    expect(checkActionBody(body("[]"))).toBeNull();
  });

  it("refuses what is not a JSON array of arguments", () => {
    expect(checkActionBody(body("nope"))).toEqual({ status: 400, message: BODY_MESSAGES.notJson });
    expect(checkActionBody(body(""))).toEqual({ status: 400, message: BODY_MESSAGES.notJson });
    expect(checkActionBody(body('{"a":1}'))).toEqual({ status: 400, message: BODY_MESSAGES.notArguments });
  });

  it("refuses deep nesting without recursing (500,000 levels)", () => {
    expect(checkActionBody(body("[".repeat(MAX_ACTION_JSON_DEPTH) + "]".repeat(MAX_ACTION_JSON_DEPTH)))).toBeNull();
    expect(checkActionBody(body("[".repeat(MAX_ACTION_JSON_DEPTH + 1) + "]".repeat(MAX_ACTION_JSON_DEPTH + 1)))).toEqual({ status: 400, message: BODY_MESSAGES.tooDeep });
    // A recursive reader would overflow the stack here long before it could answer.
    expect(checkActionBody(body("[".repeat(500_000)))?.status).toBe(400);
  });

  it("refuses too many values, and brackets or commas inside strings do not count", () => {
    expect(checkActionBody(body(`[${"0,".repeat(MAX_ACTION_JSON_VALUES - 1)}0]`))).toBeNull();
    expect(checkActionBody(body(`[${"0,".repeat(MAX_ACTION_JSON_VALUES)}0]`))).toEqual({ status: 400, message: BODY_MESSAGES.tooMany });
    expect(checkActionBody(body(`["${"[,".repeat(200_000)}"]`))).toBeNull();
  });
});
