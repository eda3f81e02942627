// Expected failures are values (docs/design.md §2): each carries a code and a sentence a user can act on.
import type { ErrorCode } from "./error-codes";

export type Ok<T> = { ok: true; value: T };
export type Err<E = AppError> = { ok: false; error: E };
export type Result<T, E = AppError> = Ok<T> | Err<E>;

export interface AppError {
  /** A stable, namespaced code such as "invalid_experiment", "provider:rate_limited". */
  code: string;
  /** One sentence a person can act on. Never contains a secret. */
  message: string;
  /** Optional details: JSON paths of validation issues, a retry time, the provider's own message. */
  issues?: { path: string; message: string }[];
  retryAfterSeconds?: number;
  status?: number;
}

/** An error whose code is one of ERROR_SENTENCES' (lib/cache/error-codes.ts): what the providers and runs produce. */
export interface CodedError extends AppError {
  code: ErrorCode;
}

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = <E = AppError>(error: E): Err<E> => ({ ok: false, error });
