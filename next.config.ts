import type { NextConfig } from "next";
import { MAX_ACTION_BODY_BYTES, SECURITY_HEADERS } from "./lib/providers/http-policy";

const nextConfig: NextConfig = {
  // A second build dir lets two e2e suites (or `npm run play` and `npm test`) run side by side.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  devIndicators: false,
  poweredByHeader: false,
  serverExternalPackages: ["@anthropic-ai/vertex-sdk", "google-auth-library"],
  experimental: {
    // The server entry refuses bigger action requests before Next reads them (docs/security.md).
    serverActions: { bodySizeLimit: MAX_ACTION_BODY_BYTES },
  },
  // Also on a bare `next start`, which bypasses the server entry that sets them too.
  async headers() {
    return [{ source: "/:path*", headers: SECURITY_HEADERS.map(([key, value]) => ({ key, value })) }];
  },
};

export default nextConfig;
