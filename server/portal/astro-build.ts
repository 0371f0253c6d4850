import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The request handler of @astrojs/node in `middleware` mode (Express/Connect style). */
export type AstroNodeHandler = (request: IncomingMessage, response: ServerResponse, next?: (error?: unknown) => void, locals?: object) => Promise<void>;

export const PORTAL_ROOT = fileURLToPath(new URL("../../portal/", import.meta.url));

export function portalPaths(root: string = PORTAL_ROOT) {
  return {
    root,
    buildScript: join(root, "build.mjs"),
    entry: join(root, "dist", "server", "entry.mjs"),
    client: join(root, "dist", "client"),
  };
}

/** Newest modification time of the portal's sources (pages, components, styles, config). */
function newestSource(root: string): number {
  let newest = 0;
  const visit = (path: string) => {
    const stats = statSync(path, { throwIfNoEntry: false });
    if (!stats) return;
    if (stats.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
    else newest = Math.max(newest, stats.mtimeMs);
  };
  for (const part of ["src", "public", "astro.config.mjs", "build.mjs"]) visit(join(root, part));
  return newest;
}

export function portalBuildState(root: string = PORTAL_ROOT): "missing" | "stale" | "fresh" {
  const { entry } = portalPaths(root);
  const built = statSync(entry, { throwIfNoEntry: false });
  if (!built) return "missing";
  return newestSource(root) > built.mtimeMs ? "stale" : "fresh";
}

/**
 * Runs `portal/build.mjs` (an `astro build`, ~10 s) in a child process, so Vite's memory is
 * not kept by the server. The script takes a lock and swaps the output in at the end, so
 * two processes starting at once build once and never serve a half-written build.
 */
export function buildPortal(root: string = PORTAL_ROOT): Promise<void> {
  const { buildScript } = portalPaths(root);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [buildScript], { cwd: root, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`portal build failed (exit ${code}):\n${output.slice(-4000)}`))));
  });
}

export async function ensurePortalBuilt(options: { root?: string; rebuild: "if-missing" | "if-stale" | "never" }): Promise<void> {
  const root = options.root ?? PORTAL_ROOT;
  const state = portalBuildState(root);
  if (state === "fresh" || options.rebuild === "never") return;
  if (state === "stale" && options.rebuild === "if-missing") return;
  await buildPortal(root);
}

export async function loadAstroHandler(root: string = PORTAL_ROOT): Promise<AstroNodeHandler> {
  const { entry } = portalPaths(root);
  if (!existsSync(entry)) throw new Error(`the portal is not built: ${entry} is missing (run npm run build:portal)`);
  const module = (await import(pathToFileURL(entry).href)) as { handler?: AstroNodeHandler };
  if (typeof module.handler !== "function") throw new Error(`${entry} exports no handler: is the adapter in middleware mode?`);
  return module.handler;
}
