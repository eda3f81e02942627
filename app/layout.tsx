import type { Metadata } from "next";
import type { ReactNode } from "react";
import { HydrationMarker } from "@/components/ui/hydration-marker";
import { RouteAnnouncerRole } from "@/components/ui/route-announcer-role";
import "./globals.css";

export const metadata: Metadata = {
  title: "CacheLab — prompt-cache playground for Claude",
  description: "Lay out a prompt, place cache breakpoints, and see what Anthropic's prompt cache will do.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-full bg-slate-50 font-sans text-slate-900 antialiased">
        <HydrationMarker />
        <RouteAnnouncerRole />
        {children}
      </body>
    </html>
  );
}
