"use client";
import { cn } from "@/components/ui/cn";
import { LibraryBar } from "./library-bar";

const SECTIONS = [
  { href: "#editor", label: "Editor" },
  { href: "#preview", label: "Preview" },
  { href: "#export", label: "Export" },
  { href: "#runs", label: "Runs" },
] as const;

const linkClass = "rounded-md px-2 py-1 text-sm font-medium text-fg-muted hover:bg-surface-muted hover:text-fg";

/**
 * The top of the page: a skip link (the first Tab stop), the name, the experiments library, and
 * links to each part of the page. On a phone the links stay at the top while the page scrolls.
 */
export function AppHeader() {
  return (
    <>
      <a href="#preview" className="sr-only rounded-md bg-accent px-3 py-2 text-sm font-medium text-accent-fg focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50">
        Skip to the preview
      </a>
      <header className="border-b border-line bg-surface">
        <div className="mx-auto flex max-w-[1760px] flex-col gap-2 px-3 py-2.5 sm:px-4">
          <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
            <div className="flex items-baseline gap-2">
              <h1 className="text-lg font-semibold tracking-tight">CacheLab</h1>
              <p className="hidden text-sm text-fg-muted md:block">Lay out a prompt, place cache breakpoints, see what Anthropic&rsquo;s prompt cache will do.</p>
            </div>
            <nav aria-label="Sections" className="ml-auto hidden items-center gap-1 lg:flex">
              {SECTIONS.map((s) => (
                <a key={s.href} href={s.href} className={linkClass}>
                  {s.label}
                </a>
              ))}
            </nav>
          </div>
          <LibraryBar />
        </div>
      </header>
      <nav aria-label="Sections" className="sticky top-0 z-30 border-b border-line bg-surface/95 backdrop-blur lg:hidden">
        <ul className="mx-auto flex max-w-[1760px] justify-around px-2 py-1">
          {SECTIONS.map((s) => (
            <li key={s.href}>
              <a href={s.href} className={cn(linkClass, "block")}>
                {s.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}
