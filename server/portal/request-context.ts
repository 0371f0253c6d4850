import {
  describeError,
  formatDateTime,
  isAppError,
  REPORT_LIMITS,
  SURVEY_COMMENT_MAX_LENGTH,
  TEXT_MAX_LENGTH,
  type Core,
  type Language,
  type TokenSigner,
} from "../../core/index.ts";
import type { AttachmentStorage } from "../attachments.ts";
import type { Logger } from "../logger.ts";
import type { ContactChannel, PortalApi } from "../../portal/src/portal-api.ts";
import { COOKIE_NAMES, type PendingCookie } from "./cookies.ts";
import { csrfTokenFor, isValidCsrfToken, newCsrfSecret } from "./csrf.ts";
import type { PortalLimits } from "./rate-limits.ts";
import type { SpooledForm } from "./spool-upload.ts";
import { readTicketProofs, withoutProof, withProof, writeTicketProofs, type TicketProof } from "./ticket-proofs.ts";
import { translatorFor } from "./translate.ts";

export type PortalDeps = {
  core: Core;
  /** Signs the ticket-proof cookie. */
  signer: TokenSigner;
  attachments: AttachmentStorage;
  limits: PortalLimits;
  logger: Logger;
  /** The chat channels to advertise, as configured now (server/contact-channels.ts); none when absent. */
  contactChannels?: () => ContactChannel[];
};

/** What the portal knows about one request before a page runs. */
export type PortalRequest = {
  language: Language;
  /** The report form's photos, streamed to disk before the page ran (server/portal/mount.ts). */
  spooled?: SpooledForm;
  clientAddress: string;
  cookies: Readonly<Record<string, string | undefined>>;
};

/**
 * The longest texts a page accepts, from the core's rules (the same limits as intake and the
 * chat channels), for the pages' `maxlength` and the server's own checks.
 */
export const PORTAL_TEXT_LIMITS: PortalApi["textLimits"] = {
  name: REPORT_LIMITS.name,
  phone: REPORT_LIMITS.phoneTyped,
  email: REPORT_LIMITS.email,
  product: REPORT_LIMITS.product,
  description: REPORT_LIMITS.description,
  address: REPORT_LIMITS.address,
  preferredTime: REPORT_LIMITS.preferredTime,
  message: TEXT_MAX_LENGTH,
  comment: SURVEY_COMMENT_MAX_LENGTH,
};

/**
 * What every portal feature shares within one request: the reader's language, the form token,
 * the cookies to set on the response and the tickets this browser proved.
 */
export type RequestContext = Pick<PortalApi, "language" | "t" | "formatDateTime" | "csrfToken" | "pendingCookies"> & {
  clientAddress: string;
  /** The form carries the token bound to this browser's CSRF cookie. */
  isGenuineForm(form: FormData): boolean;
  ticketProofs: {
    list(): readonly TicketProof[];
    remember(number: string, phoneDigits: string): void;
    forget(number: string): void;
  };
  /** An error in the reader's words; unexpected errors are logged first. */
  errorMessage(error: unknown): string;
  /** The report form's photos, streamed to disk (absent for a form without files, or built in memory). */
  spooled?: SpooledForm;
};

export function createRequestContext(deps: Pick<PortalDeps, "core" | "signer" | "logger">, request: PortalRequest): RequestContext {
  const { core, signer } = deps;
  const t = translatorFor(request.language);
  const { timeZone } = core.settings();
  const pendingCookies: PendingCookie[] = [];
  const setCookie = (cookie: PendingCookie) => {
    const index = pendingCookies.findIndex((pending) => pending.name === cookie.name);
    if (index >= 0) pendingCookies.splice(index, 1);
    pendingCookies.push(cookie);
  };

  // The CSRF secret is made on the first visit and lives for the browser session.
  let csrfSecret = request.cookies[COOKIE_NAMES.csrf];
  if (!csrfSecret || !/^[A-Za-z0-9_-]{16,64}$/.test(csrfSecret)) {
    csrfSecret = newCsrfSecret();
    setCookie({ name: COOKIE_NAMES.csrf, value: csrfSecret });
  }

  let proofs = readTicketProofs(signer, request.cookies[COOKIE_NAMES.tickets], core.now());
  const saveProofs = (next: TicketProof[]) => {
    proofs = next;
    setCookie({ name: COOKIE_NAMES.tickets, value: next.length ? writeTicketProofs(signer, next) : "", ...(next.length ? {} : { maxAgeSeconds: 0 }) });
  };

  return {
    ...(request.spooled ? { spooled: request.spooled } : {}),
    language: request.language,
    t,
    formatDateTime: (value) => formatDateTime(value, request.language, timeZone),
    csrfToken: csrfTokenFor(signer, csrfSecret),
    pendingCookies,
    clientAddress: request.clientAddress,
    // Checked against the cookie the request came with, not one made for it just now.
    isGenuineForm: (form) => isValidCsrfToken(signer, request.cookies[COOKIE_NAMES.csrf], form.get("csrf")),
    ticketProofs: {
      list: () => proofs,
      remember: (number, phoneDigits) => saveProofs(withProof(proofs, number, phoneDigits, core.now())),
      forget: (number) => saveProofs(withoutProof(proofs, number)),
    },
    errorMessage(error) {
      if (!isAppError(error)) deps.logger.error({ err: error }, "portal request failed");
      const { message } = describeError(request.language, error);
      if (isAppError(error) && error.code === "rate_limited" && typeof error.params.retryAfterSeconds === "number") {
        return `${message} ${t("portal.form.retry_in", { minutes: Math.max(1, Math.ceil(error.params.retryAfterSeconds / 60)) })}`;
      }
      return message;
    },
  };
}
