import { serve } from "@hono/node-server";
import { classifyReport } from "../core/index.ts";
import { composeDesk } from "./compose.ts";
import { loadConfig } from "./config.ts";
import { databaseIdentity } from "./database-identity.ts";
import { chooseLogFormat, createLogger } from "./logger.ts";
import { consoleAnswers, startSummary } from "./start-banner.ts";

/** How long the start-up line waits for the bots to connect (it names the Telegram bot) before printing anyway. */
const BOTS_WAIT_MS = 15_000;
/** SIGTERM/SIGINT: what is in flight gets this long to finish before the process exits anyway. */
const STOP_DEADLINE_MS = 10_000;

/** The entry point of `npm start` (after scripts/start.mjs has migrated the database). */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const format = chooseLogFormat(config.logFormat, process.stdout.isTTY === true);
  const logger = createLogger(config.logLevel, undefined, { format });
  const desk = await composeDesk({ config, logger, classify: classifyReport });
  let port = config.port;
  let onListening = () => {};
  const listening = new Promise<void>((resolve) => (onListening = resolve));
  const server = serve({ fetch: desk.app.fetch, port: config.port, hostname: config.host }, (info) => {
    port = info.port;
    onListening();
  });
  desk.start();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    setTimeout(() => {
      logger.error({ signal, deadlineMs: STOP_DEADLINE_MS }, "shutdown did not finish in time; exiting anyway");
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    // Stop taking requests and wait for those in flight (idle keep-alive connections close at once),
    // let background work (outbox sends, the bots) finish its current step, then close the database.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    if ("closeIdleConnections" in server) server.closeIdleConnections();
    await closed;
    await desk.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));

  // The start-up line: once listening, the bots connected (or failed) and the portal loaded.
  await listening;
  const wildcard = ["0.0.0.0", "::", ""].includes(config.host);
  const localUrl = `http://${wildcard ? "localhost" : config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`;
  await Promise.race([desk.botsStarted(), new Promise((resolve) => setTimeout(resolve, BOTS_WAIT_MS).unref())]);
  const hasConsole = await consoleAnswers(wildcard ? `http://127.0.0.1:${port}` : localUrl);
  const summary = startSummary({ localUrl, config, contacts: desk.contacts.list(), hasConsole, database: databaseIdentity(config.databaseUrl) });
  if (!stopping) logger.info(format === "json" ? summary.details : {}, summary.line);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
