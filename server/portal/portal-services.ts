import type { PortalApi } from "../../portal/src/portal-api.ts";
import { faqService } from "./faq-service.ts";
import { reportService } from "./report-service.ts";
import { createRequestContext, PORTAL_TEXT_LIMITS, type PortalDeps, type PortalRequest } from "./request-context.ts";
import { surveyService } from "./survey-service.ts";
import { trackService } from "./track-service.ts";
import { consoleActions } from "./console-actions.ts";
import { consoleAdmin } from "./console-admin.ts";
import { consoleQueue } from "./console-queue.ts";
import { consoleSession, createConsoleContext } from "./console-session.ts";
import { consoleTicket } from "./console-ticket.ts";
import { createSignInLimits, type SignInLimits, type SignInLimitSettings } from "./sign-in-limits.ts";

export type { PortalApi, PortalDeps, PortalRequest };

/**
 * The portal's use of the core, one `PortalApi` per request (portal/src/portal-api.ts, the
 * pages' contract): pages call it and render what it returns, so the pages hold markup and
 * the rules live here, one feature per file, type-checked and tested. Nothing here touches
 * the database: tickets and surveys go through the core, articles through the knowledge base.
 */
export function createPortalServices(deps: PortalDeps & { signInLimits?: SignInLimitSettings }) {
  const signInLimits = createSignInLimits(deps.signInLimits);
  return {
    forRequest(request: PortalRequest): PortalApi {
      const context = createRequestContext(deps, request);
      const { language, t, formatDateTime, csrfToken, pendingCookies } = context;
      const contactChannels = deps.contactChannels?.() ?? [];
      return {
        language,
        t,
        formatDateTime,
        csrfToken,
        pendingCookies,
        textLimits: PORTAL_TEXT_LIMITS,
        contactChannels,
        ...reportService(context, deps),
        ...trackService(context, deps),
        ...surveyService(context, deps),
        ...faqService(context, { ...deps, contactChannels }),
        staff: consoleServices(context, { ...deps, signInLimits }, request.cookies),
      };
    },
  };
}

/** The staff console's features over one request's session (server/portal/console-*.ts). */
function consoleServices(context: ReturnType<typeof createRequestContext>, deps: PortalDeps & { signInLimits: SignInLimits }, cookies: PortalRequest["cookies"]): PortalApi["staff"] {
  const console = createConsoleContext(context, deps, cookies);
  return {
    ...consoleSession(context, console, deps, cookies),
    ...consoleQueue(context, console, deps),
    ...consoleTicket(context, console, deps),
    ...consoleActions(context, console, deps),
    ...consoleAdmin(context, console, deps),
  };
}

export type PortalServices = ReturnType<typeof createPortalServices>;
