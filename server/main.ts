import { serve } from "@hono/node-server";
import { classifyReport } from "../core/index.ts";
import { composeDesk } from "./compose.ts";
import { loadConfig } from "./config.ts";
import { createLogger } from "./logger.ts";

/** The entry point of `npm start` (after scripts/start.mjs has migrated the database). */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const desk = await composeDesk({ config, logger, classify: classifyReport });
  const server = serve({ fetch: desk.app.fetch, port: config.port, hostname: config.host }, (info) => {
    logger.info({ port: info.port, publicUrl: config.publicUrl }, "service desk listening");
  });
  desk.start();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    // Stop taking requests, let background work finish its current step, then close the database.
    server.close();
    await desk.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
