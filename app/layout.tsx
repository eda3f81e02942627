import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
// Fonts shipped with the app (no font CDN): Inter for text, JetBrains Mono for code and names, whose
// underscore sits well inside the line box, so `search_handbook` never reads "search handbook".
import "@fontsource-variable/inter/wght.css";
import "@fontsource-variable/jetbrains-mono/wght.css";
import { HydrationMarker } from "@/components/ui/hydration-marker";
import { RouteAnnouncerRole } from "@/components/ui/route-announcer-role";
import "./globals.css";

export const metadata: Metadata = {
  title: "CacheLab — prompt-cache playground for Claude",
  description: "Lay out a prompt, place cache breakpoints, and see what Anthropic's prompt cache will do.",
};

export const viewport: Viewport = {
  colorScheme: "light dark",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f4f6f8" },
    { media: "(prefers-color-scheme: dark)", color: "#0b0e14" },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-full bg-canvas font-sans text-fg antialiased">
        <HydrationMarker />
        <RouteAnnouncerRole />
        {children}
      </body>
    </html>
  );
}
