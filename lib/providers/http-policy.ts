// What every HTTP response carries and how big an action request may be (docs/security.md). No
// "server-only" here: next.config.ts reads this module too, outside Next's bundler.

/**
 * No page may frame CacheLab, so a click on Run cannot be stolen by a page that shows the app under
 * its own content (clickjacking). `frame-ancestors` is the standard
 * (https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy/frame-ancestors);
 * X-Frame-Options is what older browsers read (https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/X-Frame-Options).
 */
export const SECURITY_HEADERS: readonly (readonly [string, string])[] = [
  ["Content-Security-Policy", "frame-ancestors 'none'"],
  ["X-Frame-Options", "DENY"],
  ["X-Content-Type-Options", "nosniff"],
  ["Referrer-Policy", "no-referrer"],
];

/** The largest server-action request, in bytes: the entry refuses more with 413, and Next is told the same. */
export const MAX_ACTION_BODY_BYTES = 4 * 1024 * 1024;
