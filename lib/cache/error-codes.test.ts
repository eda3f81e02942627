// One list of error codes, each with the one sentence a person reads for it (docs/style.md habit 6:
// "Errors have codes, and each code has a sentence"). AppError.code is that list's union, so a misspelt
// code is a compile error: the @ts-expect-error lines below fail `tsc --noEmit` if the code type widens.
import { describe, expect, it } from "vitest";
import { ERROR_CODES, ERROR_SENTENCES, errorSentence, isErrorCode, knownCode } from "./error-codes";
import { type AppError, err } from "./result";

describe("error codes", () => {
  it("give every code one sentence a person can read", () => {
    for (const code of ERROR_CODES) expect(ERROR_SENTENCES[code], code).toMatch(/^[A-Z][^.]*[.]$/);
  });

  it("read a code this version does not know as an unexpected failure", () => {
    expect(isErrorCode("invalid_share_link")).toBe(true);
    expect(knownCode("provider:retired_code")).toBe("provider:unexpected");
    expect(errorSentence("provider:retired_code")).toBe(ERROR_SENTENCES["provider:unexpected"]);
    expect(errorSentence("marker_refused:first")).toBe("Pydantic AI refuses a CachePoint with nothing before it to attach to.");
  });

  it("do not let a misspelt code compile", () => {
    // @ts-expect-error "invalid_inptu" is not a code
    const typo: AppError = { code: "invalid_inptu", message: "x" };
    // @ts-expect-error err() checks an AppError literal's code too
    const failed: ReturnType<typeof err<AppError>> = err({ code: "provider:rate_limit", message: "x" });
    expect([typo.code, failed.error.code]).toEqual(["invalid_inptu", "provider:rate_limit"]);
  });
});
