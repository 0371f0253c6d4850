import type { PortalApi } from "../../portal/src/portal-api.ts";
import { faqService } from "./faq-service.ts";
import { reportService } from "./report-service.ts";
import { createRequestContext, PORTAL_TEXT_LIMITS, type PortalDeps, type PortalRequest } from "./request-context.ts";
import { surveyService } from "./survey-service.ts";
import { trackService } from "./track-service.ts";

export type { PortalApi, PortalDeps, PortalRequest };

/**
 * The portal's use of the core, one `PortalApi` per request (portal/src/portal-api.ts, the
 * pages' contract): pages call it and render what it returns, so the pages hold markup and
 * the rules live here, one feature per file, type-checked and tested. Nothing here touches
 * the database: tickets and surveys go through the core, articles through the knowledge base.
 */
export function createPortalServices(deps: PortalDeps) {
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
      };
    },
  };
}

export type PortalServices = ReturnType<typeof createPortalServices>;
