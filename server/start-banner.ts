import type { ContactChannel } from "../portal/src/portal-api.ts";
import type { Config } from "./config.ts";
import type { DatabaseIdentity } from "./database-identity.ts";
import { OPENAPI_PATH } from "./http/openapi.ts";

/** The staff console's path, listed at start only when something answers there. */
export const CONSOLE_PATH = "/staff";

export type StartSummaryInput = {
  /** Where this machine reaches the desk, e.g. http://localhost:3000. */
  localUrl: string;
  config: Pick<Config, "publicUrl" | "port" | "telegram" | "wechat" | "sms" | "mail"> & Partial<Pick<Config, "wecom">>;
  /** Channels with their handles, as the portal shows them (server/contact-channels.ts). */
  contacts: readonly ContactChannel[];
  /** Whether a staff console answers at {@link CONSOLE_PATH} (see {@link consoleAnswers}). */
  hasConsole: boolean;
  database: DatabaseIdentity;
};

export type StartSummary = { line: string; details: Record<string, unknown> };

/**
 * The one line `npm start` prints when the desk is ready: where the portal, the staff console
 * and the API are, which channels are on (with the Telegram bot's username), and which
 * database it serves. `details` carries the same facts for JSON logs.
 */
export function startSummary(input: StartSummaryInput): StartSummary {
  const { config } = input;
  const base = input.localUrl.replace(/\/+$/, "");
  const telegram = input.contacts.find((entry) => entry.channel === "telegram");
  const channels = {
    portal: true,
    telegram: config.telegram ? (telegram ? telegram.handle : "on (username not known yet: set TELEGRAM_BOT_USERNAME or see the log)") : false,
    wechat: config.wechat ? (config.wechat.id ? `ID ${config.wechat.id}` : "on") : false,
    sms: config.sms?.provider ?? false,
    email: config.mail ? "on" : false,
    wecom: config.wecom ? "callback" : false,
  } as const;

  const on: string[] = ["web portal"];
  const off: string[] = [];
  const list = (name: string, state: string | boolean, shown: (value: string) => string) => {
    if (state === false) off.push(name);
    else on.push(state === true || state === "on" ? name : shown(state));
  };
  list("Telegram", channels.telegram, (value) => (value.startsWith("@") ? `Telegram ${value} (https://t.me/${value.slice(1)})` : `Telegram ${value}`));
  list("WeChat", channels.wechat, (value) => `WeChat ${value}`);
  // Named only when on: the official channel needs a WeCom account, most desks never set it up.
  if (config.wecom) on.push("WeCom customer service (callback /wecom/callback)");
  list("SMS", channels.sms, (value) => `SMS (${value})`);
  list("e-mail", channels.email, (value) => value);

  const publicUrl = config.publicUrl.replace(/\/+$/, "");
  const defaultPublicUrl = `http://localhost:${config.port}`;
  const consoleUrl = input.hasConsole ? `${base}${CONSOLE_PATH}` : null;
  const parts = [
    `portal ${base}/`,
    ...(publicUrl !== defaultPublicUrl && publicUrl !== base ? [`public ${publicUrl}/`] : []),
    consoleUrl ? `staff console ${consoleUrl}` : "staff console: not built yet",
    `API ${base}/api (reference ${base}${OPENAPI_PATH})`,
    `channels: ${on.join(", ")}${off.length ? ` (off: ${off.join(", ")})` : ""}`,
    `database ${input.database.path} (id ${input.database.id})`,
  ];
  return {
    line: `Service desk ready · ${parts.join(" · ")}`,
    details: {
      portal: `${base}/`,
      publicUrl: `${publicUrl}/`,
      console: consoleUrl,
      api: `${base}/api`,
      openapi: `${base}${OPENAPI_PATH}`,
      channels,
      database: input.database,
    },
  };
}

/**
 * Whether anything answers at the console's path: asked over HTTP, because the console may be
 * a portal page or a route of its own. A 404 (or no answer) means it is not there.
 */
export async function consoleAnswers(localUrl: string, fetchImpl: typeof fetch = fetch): Promise<boolean> {
  try {
    const response = await fetchImpl(`${localUrl.replace(/\/+$/, "")}${CONSOLE_PATH}`, { redirect: "manual", signal: AbortSignal.timeout(30_000) });
    await response.body?.cancel();
    return response.status !== 404 && response.status < 500;
  } catch {
    return false;
  }
}
