// Expected failures are values (docs/design.md §2): each carries a code and a sentence a user can act on.
import type { ErrorCode } from "./error-codes";

export type Ok<T> = { ok: true; value: T };
export type Err<E = AppError> = { ok: false; error: E };
export type Result<T, E = AppError> = Ok<T> | Err<E>;

export interface AppError {
  /** A stable, namespaced code such as "invalid_experiment", "provider:rate_limited": one of lib/cache/error-codes.ts, each with its sentence. */
  code: ErrorCode;
  /** One sentence a person can act on. Never contains a secret. */
  message: string;
  /** Optional details: JSON paths of validation issues, a retry time, the provider's own message. */
  issues?: { path: string; message: string }[];
  retryAfterSeconds?: number;
  status?: number;
}

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });

/**
 * A failure. An AppError literal is checked against AppError as written, so its code stays the literal
 * it is and a misspelt one does not compile; other error shapes name their type (`err<CompareError>`).
 */
export function err(error: AppError): Err<AppError>;
export function err<E>(error: E): Err<E>;
export function err<E>(error: E): Err<E> {
  return { ok: false, error };
}
