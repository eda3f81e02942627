import next from "eslint-config-next";
import tseslint from "typescript-eslint";

// The pure core (docs/design.md §2): lib/cache and the emulator engine run in the browser, the server and the
// CLI alike, so they may not reach for React, Next, zustand, the providers, the store or the UI.
const pureCoreImports = {
  patterns: [
    { group: ["react", "react-dom", "react/*", "react-dom/*"], message: "lib/cache and the emulator engine are pure: no React." },
    { group: ["next", "next/*"], message: "lib/cache and the emulator engine are pure: no Next.js." },
    { group: ["zustand", "zustand/*"], message: "lib/cache and the emulator engine are pure: no zustand." },
    { group: ["@/lib/store", "@/lib/store/*", "**/lib/store/*"], message: "The core may not import the store." },
    { group: ["@/lib/providers", "@/lib/providers/*", "**/lib/providers/*"], message: "The core may not import provider adapters." },
    { group: ["@/components/*", "**/components/*"], message: "The core may not import UI components." },
    { group: ["@anthropic-ai/*"], message: "The core may not import provider SDKs." },
    { regex: "^openai(/.*)?$", message: "The core may not import provider SDKs." },
    { group: ["server-only"], message: "The core runs in the browser too." },
  ],
};

export default tseslint.config(
  { ignores: [".next/**", ".next-*/**", "node_modules/**", "test-results/**", "playwright-report/**", "reports/**", "next-env.d.ts"] },
  ...next,
  {
    rules: {
      "@next/next/no-img-element": "off",
    },
  },
  {
    files: ["lib/cache/**/*.ts", "lib/display/**/*.ts", "lib/emulator/engine/**/*.ts", "lib/editor/**/*.ts", "lib/export/**/*.ts", "lib/runs/**/*.ts", "lib/vendors/**/*.ts", "lib/emulator/vendors/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", pureCoreImports] },
  },
);
