/** @type {import('next').NextConfig} */
const nextConfig = {
  // A second build dir lets two e2e suites (or `npm run play` and `npm test`) run side by side.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  devIndicators: false,
  poweredByHeader: false,
  serverExternalPackages: ["@anthropic-ai/vertex-sdk", "google-auth-library"],
  experimental: {
    serverActions: { bodySizeLimit: "4mb" },
  },
};

export default nextConfig;
