import type { NextConfig } from "next";
import { MAX_ACTION_BODY_BYTES, SECURITY_HEADERS } from "./lib/providers/http-policy";

const nextConfig: NextConfig = {
  // A second build dir lets two e2e suites (or `npm run play` and `npm test`) run side by side.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  devIndicators: false,
  poweredByHeader: false,
  serverExternalPackages: ["@anthropic-ai/vertex-sdk", "google-auth-library"],
  // `npm test` has already run `tsc --noEmit` on the whole project when its browser tests build the app
  // (scripts/test.sh sets CACHELAB_TYPECHECKED=1 once that passed); the build need not check it again.
  typescript: { ignoreBuildErrors: process.env.CACHELAB_TYPECHECKED === "1" },
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
