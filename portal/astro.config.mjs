import node from "@astrojs/node";
import { defineConfig } from "astro/config";

/**
 * The customer portal. Built once (`npm run build:portal`, also run by `npm install`) and
 * served by the desk's Hono server through @astrojs/node in middleware mode
 * (server/portal/mount.ts), so API and portal share one port and one process.
 */
export default defineConfig({
  output: "server",
  adapter: node({ mode: "middleware" }),
  // Kept out of the repository root's node_modules; `.astro/` is git-ignored.
  cacheDir: "./.astro/cache",
  // The Hono mount checks the Origin of every POST against the Host and PUBLIC_URL (which
  // also works behind a TLS proxy), and every form carries a signed token.
  security: { checkOrigin: false },
  // One stylesheet file and no inline scripts, so the content security policy can forbid
  // inline code (server/portal/security-headers.ts).
  build: { inlineStylesheets: "never", format: "file" },
  compressHTML: true,
  devToolbar: { enabled: false },
  prefetch: false,
  vite: {
    build: { assetsInlineLimit: 0 },
  },
});
