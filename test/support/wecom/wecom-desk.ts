import { Hono } from "hono";
import { recordDeliveryFailure } from "../../../core/notifications/record-delivery-failure.ts";
import { createOutboxStore } from "../../../db/outbox-store.ts";
import { loadConfig } from "../../../server/config.ts";
import { contactChannelsOf, createContactSenders } from "../../../server/contact-senders.ts";
import { createLogger } from "../../../server/logger.ts";
import { createOutboxWorker } from "../../../server/outbox/outbox-worker.ts";
import { createDeskWecom, mountWecomCallback } from "../../../server/wecom.ts";
import { sequentialIds } from "../../fakes/fake-clock.ts";
import { buildDbCore } from "../desk-fixture.ts";
import { fakeWecomApi, signedCallback, TEST_AES_KEY, TEST_CALLBACK_TOKEN, TEST_CORP_ID, TEST_OPEN_KFID, TEST_SECRET } from "./fake-wecom-api.ts";

export const CUSTOMER = "wm-customer-1";

/**
 * The desk's WeCom channel as composed in production (config → server/wecom.ts → the outbox
 * worker with its sender), over the real store on SQLite and a fake WeCom API over HTTP,
 * with the test's clock. `customerSays` plays a customer's message through the whole path:
 * it joins WeCom's message log, the signed callback is posted, the pull runs to its end.
 */
export async function wecomDesk(options: { cleanups: (() => Promise<void> | void)[]; env?: Record<string, string>; start?: string }) {
  const api = await fakeWecomApi();
  options.cleanups.push(api.close);
  const built = await buildDbCore({ start: options.start ?? "2026-11-24T02:00:00Z" });
  options.cleanups.push(built.cleanup);
  const config = loadConfig({
    DATA_DIR: built.dir,
    WECOM_CORP_ID: TEST_CORP_ID,
    WECOM_KF_SECRET: TEST_SECRET,
    WECOM_KF_TOKEN: TEST_CALLBACK_TOKEN,
    WECOM_KF_AES_KEY: TEST_AES_KEY,
    WECOM_API_ROOT: api.url,
    ...options.env,
  });
  // The core's settings as the desk computes them from this configuration (SMS kinds).
  Object.assign(built.deps.settings, { contactChannels: contactChannelsOf(config) });
  const logger = createLogger("silent");
  const wecom = createDeskWecom({ config, core: built.core, db: built.db, settings: built.stores.settingsStore, logger, newKey: sequentialIds("key") });
  if (!wecom) throw new Error("WeCom is configured in this fixture");
  const contact = createContactSenders(config, built.clock);
  options.cleanups.push(() => contact.close());
  const worker = createOutboxWorker({
    store: createOutboxStore(built.db),
    customers: built.stores.customers,
    staff: built.stores.staff,
    senders: [wecom.sender, ...contact.senders],
    clock: built.clock,
    logger,
    staffLanguage: "zh-Hans",
    timeZone: "Asia/Shanghai",
    publicUrl: null,
    onPermanentFailure: (row, reason) =>
      row.ticketId
        ? recordDeliveryFailure(built.deps, { ticketId: row.ticketId, recipient: row.recipient, channel: row.channel, reason, notification: row.notification?.kind ?? null })
        : Promise.resolve(),
  });
  const app = new Hono();
  mountWecomCallback(app, wecom);

  let next = 0;
  async function postCallback(callback = signedCallback()) {
    const response = await app.request(`/wecom/callback?${callback.query}`, { method: "POST", body: callback.body, headers: { "Content-Type": "text/xml" } });
    await wecom?.idle();
    return response;
  }

  /** The customer writes (text, a menu click, or a photo); answers what the desk sent back. */
  async function customerSays(message: string | { menuId: string; text?: string } | { image: string }, user = CUSTOMER) {
    const before = api.messages().length;
    const common = { msgid: `in-${++next}`, open_kfid: TEST_OPEN_KFID, external_userid: user, send_time: Math.floor(built.clock.now().getTime() / 1000), origin: 3 };
    if (typeof message === "string") api.log.push({ ...common, msgtype: "text", text: { content: message } });
    else if ("menuId" in message) api.log.push({ ...common, msgtype: "text", text: { content: message.text ?? "", menu_id: message.menuId } });
    else api.log.push({ ...common, msgtype: "image", image: { media_id: message.image } });
    const response = await postCallback();
    if (response.status !== 200) throw new Error(`callback answered ${response.status}`);
    return api.messages().slice(before);
  }

  return { ...built, api, app, config, wecom, worker, postCallback, customerSays };
}

/** The text a sent message shows (a menu's head and items). */
export function shown(message: Record<string, unknown> | undefined): string {
  if (!message) return "";
  if (message.msgtype === "text") return (message.text as { content: string }).content;
  const menu = message.msgmenu as { head_content?: string; list: { click: { content: string } }[] };
  return [menu.head_content ?? "", ...menu.list.map((item) => item.click.content)].join("\n");
}

/** The menu ids (the dialog's payloads) a sent menu offers. */
export function menuIds(message: Record<string, unknown> | undefined): string[] {
  if (message?.msgtype !== "msgmenu") return [];
  return (message.msgmenu as { list: { click: { id: string } }[] }).list.map((item) => item.click.id);
}
