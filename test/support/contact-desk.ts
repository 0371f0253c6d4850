import type { ReportInput } from "../../core/tickets/report.ts";
import { recordDeliveryFailure } from "../../core/notifications/record-delivery-failure.ts";
import { createOutboxStore } from "../../db/outbox-store.ts";
import { loadConfig } from "../../server/config.ts";
import { contactChannelsOf, createContactSenders } from "../../server/contact-senders.ts";
import { createLogger } from "../../server/logger.ts";
import { createOutboxWorker } from "../../server/outbox/outbox-worker.ts";
import { REPORT } from "../fixtures/core-fixture.ts";
import { buildDbCore } from "./desk-fixture.ts";

export const TEST_PUBLIC_URL = "https://desk.example.com";

/**
 * The desk's SMS and e-mail path as composed in production (config → contact channels in
 * the core's settings → senders for the outbox worker), over the real store on SQLite, with
 * the test's clock (10:00 in Shanghai unless `start` says otherwise), and one portal ticket.
 * `cleanups` collects what the caller closes after the test.
 */
export async function contactDesk(options: {
  env: Record<string, string>;
  cleanups: (() => Promise<void> | void)[];
  start?: string;
  report?: Partial<ReportInput>;
}) {
  const config = loadConfig({ PUBLIC_URL: TEST_PUBLIC_URL, ...options.env });
  const built = await buildDbCore({ ...(options.start ? { start: options.start } : {}), settings: { publicUrl: config.publicUrl, contactChannels: contactChannelsOf(config) } });
  options.cleanups.push(built.cleanup);
  const contact = createContactSenders(config, built.clock);
  options.cleanups.push(() => contact.close());
  const worker = createOutboxWorker({
    store: createOutboxStore(built.db),
    customers: built.stores.customers,
    staff: built.stores.staff,
    senders: contact.senders,
    clock: built.clock,
    logger: createLogger("silent"),
    staffLanguage: "zh-Hans",
    timeZone: "Asia/Shanghai",
    publicUrl: config.publicUrlConfigured ? config.publicUrl : null,
    onPermanentFailure: (row, reason) =>
      row.ticketId
        ? recordDeliveryFailure(built.deps, { ticketId: row.ticketId, recipient: row.recipient, channel: row.channel, reason, notification: row.notification?.kind ?? null })
        : Promise.resolve(),
  });
  const agent = await built.addStaff("林工", "agent");
  const { ticket } = await built.core.intake({ ...REPORT, channel: "portal", language: "zh-Hans", ...options.report });
  return { ...built, config, worker, agent, ticket };
}
