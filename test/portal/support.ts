import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import type { Classification } from "../../core/tickets/types.ts";
import { composeDesk } from "../../server/compose.ts";
import { loadConfig } from "../../server/config.ts";
import { createLogger, type Logger } from "../../server/logger.ts";
import { ensurePortalBuilt } from "../../server/portal/astro-build.ts";
import type { PortalLimitSettings } from "../../server/portal/rate-limits.ts";
import { createTempDatabase } from "../support/temp-database.ts";

/** Deterministic stand-in for the trained classifier: safety words are urgent, the rest normal repairs. */
export const testClassify = (text: string): Classification =>
  /冒烟|漏电|燃气|smoke|gas/i.test(text)
    ? { category: "repair", urgency: "urgent", confidence: 0.9, reasons: ["safety cue"] }
    : { category: "repair", urgency: "normal", confidence: 0.6, reasons: ["default"] };

/**
 * The whole desk (composeDesk, the production composition) with the portal mounted, served
 * by @hono/node-server on 127.0.0.1 and a random port, over a migrated temp database and a
 * temp DATA_DIR. Rebuilds the portal first when its sources changed.
 */
export async function startPortalServer(
  options: {
    limits?: PortalLimitSettings | null;
    logger?: Logger;
    env?: Record<string, string>;
    maxUploadsInFlight?: number;
    clock?: { now(): Date };
    /** DATA_DIR and the database there (a copy of the template), instead of temp folders; the caller removes it. */
    dataDir?: string;
  } = {},
) {
  await ensurePortalBuilt({ rebuild: "if-stale" });
  const database = options.dataDir ? await createTempDatabase({ dir: options.dataDir }) : await createTempDatabase();
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "portal-data-"));
  const config = loadConfig({
    DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    APP_SECRET: "portal-test-secret-0123456789",
    LOG_LEVEL: "silent",
    PORT: "0",
    ...options.env,
  });
  const logger = options.logger ?? createLogger("silent");
  const desk = await composeDesk({
    config,
    logger,
    classify: testClassify,
    ...(options.clock ? { clock: options.clock } : {}),
    portal: {
      build: "never",
      ...(options.limits !== undefined ? { limits: options.limits } : {}),
      ...(options.maxUploadsInFlight !== undefined ? { maxUploadsInFlight: options.maxUploadsInFlight } : {}),
    },
  });
  await desk.portalReady();
  const server = serve({ fetch: desk.app.fetch, hostname: "127.0.0.1", port: 0 });
  if (!server.listening) await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    desk,
    dataDir,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await desk.close();
      await database.cleanup();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type PortalServer = Awaited<ReturnType<typeof startPortalServer>>;

/** Cookies of one simulated browser, for fetch-level tests. */
export function cookieJar() {
  const cookies = new Map<string, string>();
  return {
    header: () => [...cookies].map(([name, value]) => `${name}=${value}`).join("; "),
    store(response: Response) {
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(";");
        const [name, ...rest] = (pair ?? "").split("=");
        if (!name) continue;
        const value = rest.join("=");
        if (value === "" || /max-age=0/i.test(line) || /expires=Thu, 01 Jan 1970/i.test(line)) cookies.delete(name.trim());
        else cookies.set(name.trim(), value);
      }
    },
    get: (name: string) => cookies.get(name),
  };
}

export function hiddenValue(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match?.[1]) throw new Error(`no hidden field ${name} in the page`);
  return match[1].replace(/&amp;/g, "&");
}

/** A real 8×8 PNG (red), built with zlib: valid signature, IHDR, IDAT and IEND chunks. */
export async function tinyPng(): Promise<Uint8Array<ArrayBuffer>> {
  const { deflateSync, crc32 } = await import("node:zlib");
  const width = 8;
  const height = 8;
  const raw = Buffer.concat(Array.from({ length: height }, () => Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, Buffer.from([0xd0, 0x20, 0x20]))])));
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const checksum = Buffer.alloc(4);
    checksum.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, "ascii"), data])) >>> 0);
    return Buffer.concat([length, Buffer.from(type, "ascii"), data, checksum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return new Uint8Array(
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]),
  );
}
