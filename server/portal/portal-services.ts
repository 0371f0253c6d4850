import { randomBytes } from "node:crypto";
import {
  CATEGORIES,
  CONTENT_LANGUAGES,
  describeError,
  isAppError,
  parseArticleBody,
  parseTicketNumber,
  REPORT_LIMITS,
  type ArticleSummary,
  type Core,
  type Initiator,
  type Language,
  type SearchHit,
  type Ticket,
  type TokenSigner,
} from "../../core/index.ts";
import { MAX_ATTACHMENT_LABEL, type AttachmentStorage } from "../attachments.ts";
import type { Logger } from "../logger.ts";
import { COOKIE_NAMES, type PendingCookie } from "./cookies.ts";
import { csrfTokenFor, isValidCsrfToken, newCsrfSecret } from "./csrf.ts";
import { presentTicket } from "./present-ticket.ts";
import type { PortalLimits } from "./rate-limits.ts";
import { EMPTY_REPORT, FORM_ID_PATTERN, readReportValues, submitReport } from "./report-form.ts";
import { phoneProofDigits, readTicketProofs, withoutProof, withProof, writeTicketProofs } from "./ticket-proofs.ts";
import { dateTimeFormatter, translatorFor } from "./translate.ts";
import type {
  ArticleView,
  LookupState,
  PortalApi,
  ReportFormState,
  SurveyState,
  TicketActionResult,
  TicketPageState,
} from "../../portal/src/portal-api.ts";

export type PortalDeps = {
  core: Core;
  /** Signs the ticket-proof cookie. */
  signer: TokenSigner;
  attachments: AttachmentStorage;
  limits: PortalLimits;
  logger: Logger;
};

/** What the portal knows about one request before a page runs. */
export type PortalRequest = {
  language: Language;
  clientAddress: string;
  cookies: Readonly<Record<string, string | undefined>>;
};


const MESSAGE_MAX = 2000;

/**
 * The portal's use of the core, one object per request: pages call these and render what
 * they return, so the pages hold markup and the rules live here, type-checked and tested.
 * Nothing here touches the database: tickets and surveys go through the core, articles
 * through the knowledge base.
 */
export function createPortalServices(deps: PortalDeps) {
  const { core, limits } = deps;
  const { signer } = deps;
  const { timeZone, numberPrefix } = core.settings();

  return {
    forRequest(request: PortalRequest): PortalApi {
      const t = translatorFor(request.language);
      const formatDateTime = dateTimeFormatter(request.language, timeZone);
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
      const csrfToken = csrfTokenFor(signer, csrfSecret);
      const isGenuineForm = (form: FormData) => isValidCsrfToken(signer, request.cookies[COOKIE_NAMES.csrf], form.get("csrf"));

      let proofs = readTicketProofs(signer, request.cookies[COOKIE_NAMES.tickets], core.now());
      const saveProofs = (next: typeof proofs) => {
        proofs = next;
        setCookie({ name: COOKIE_NAMES.tickets, value: next.length ? writeTicketProofs(signer, next) : "", ...(next.length ? {} : { maxAgeSeconds: 0 }) });
      };
      const customerOf = (ticket: Ticket): Initiator => ({ actor: { kind: "customer", id: ticket.customerId, name: ticket.contactName }, channel: "portal" });
      const errorMessage = (error: unknown) => {
        if (!isAppError(error)) deps.logger.error({ err: error }, "portal request failed");
        const { message } = describeError(request.language, error);
        if (isAppError(error) && error.code === "rate_limited" && typeof error.params.retryAfterSeconds === "number") {
          return `${message} ${t("portal.form.retry_in", { minutes: Math.max(1, Math.ceil(error.params.retryAfterSeconds / 60)) })}`;
        }
        return message;
      };
      /** The ticket this browser proved, re-checked against the core on every request. */
      const provenTicket = async (numberInput: string): Promise<Ticket | null> => {
        const number = parseTicketNumber(numberInput, numberPrefix);
        const proof = number ? proofs.find((candidate) => candidate.number === number) : undefined;
        if (!proof) return null;
        try {
          return await core.findWithProof(proof.number, proof.phone);
        } catch (error) {
          if (isAppError(error) && error.code === "not_found") {
            saveProofs(withoutProof(proofs, proof.number));
            return null;
          }
          throw error;
        }
      };
      const newFormId = () => randomBytes(18).toString("base64url");
      const readSurvey = async (token: string): Promise<SurveyState> => {
        try {
          const survey = await core.readSurvey(token);
          if (survey.status === "answered") return { kind: "answered", status: 409, message: t("error.survey_answered") };
          if (survey.status === "expired") return { kind: "expired", status: 410, message: t("error.survey_expired") };
          return { kind: "open", status: 200, ticketNumber: survey.ticketNumber, values: { score: "", comment: "" }, errors: {} };
        } catch (error) {
          if (isAppError(error) && error.code === "not_found") return { kind: "invalid", status: 404 };
          throw error;
        }
      };

      return {
        language: request.language,
        t,
        formatDateTime,
        csrfToken,
        pendingCookies,
        attachmentLimits: { maxPhotos: REPORT_LIMITS.attachments, maxPhotoBytes: REPORT_LIMITS.attachmentBytes, maxPhotoSize: MAX_ATTACHMENT_LABEL },
        /** The service catalog for the report form's choice, in the reader's language. */
        categories: CATEGORIES.map((value) => ({ value, label: t(`category.${value}`) })),

        report: {
          blank(): ReportFormState {
            return { kind: "form", status: 200, values: { ...EMPTY_REPORT }, errors: {}, formId: newFormId() };
          },
          async submit(form: FormData): Promise<ReportFormState> {
            const formIdInput = form.get("formId");
            const formId = typeof formIdInput === "string" && FORM_ID_PATTERN.test(formIdInput) ? formIdInput : "";
            if (!isGenuineForm(form) || !formId) {
              return { kind: "form", status: 403, values: readReportValues(form), errors: { form: [t("portal.form.error.expired")] }, formId: formId || newFormId() };
            }
            try {
              await limits.consumeReport(request.clientAddress);
            } catch (error) {
              return { kind: "form", status: 429, values: readReportValues(form), errors: { form: [errorMessage(error)] }, formId };
            }
            const state = await submitReport({ core, attachments: deps.attachments, t, language: request.language }, form, formId);
            if (state.kind === "created") saveProofs(withProof(proofs, state.ticket.number, phoneProofDigits(String(form.get("phone") ?? "")).slice(-4), core.now()));
            return state.kind === "form" && !state.formId ? { ...state, formId: newFormId() } : state;
          },
        },

        track: {
          async lookup(form: FormData): Promise<LookupState> {
            const values = { number: String(form.get("number") ?? "").trim().slice(0, 40), phone: String(form.get("phone") ?? "").trim().slice(0, 40) };
            const errors: Extract<LookupState, { kind: "form" }>["errors"] = {};
            if (!isGenuineForm(form)) return { kind: "form", status: 403, values, errors: { form: [t("portal.form.error.expired")] } };
            if (!values.number) errors.number = [t("portal.form.error.number_required")];
            const digits = phoneProofDigits(values.phone);
            if (digits.length !== 4 && (digits.length < 7 || digits.length > 15)) errors.phone = [t("portal.form.error.last4_invalid")];
            if (Object.keys(errors).length) return { kind: "form", status: 400, values, errors };
            const numberKey = parseTicketNumber(values.number, numberPrefix) ?? values.number.toUpperCase().replace(/\s/g, "");
            try {
              await limits.checkLookup(request.clientAddress, numberKey);
              const ticket = await core.findWithProof(values.number, digits);
              saveProofs(withProof(proofs, ticket.number, digits, core.now()));
              return { kind: "found", number: ticket.number };
            } catch (error) {
              if (isAppError(error) && error.code === "not_found") {
                await limits.recordLookupFailure(request.clientAddress, numberKey);
                // The same words for a wrong phone, an unknown number and a malformed one.
                return { kind: "form", status: 404, values, errors: { form: [errorMessage(error)] } };
              }
              if (isAppError(error) && error.code === "rate_limited") return { kind: "form", status: 429, values, errors: { form: [errorMessage(error)] } };
              throw error;
            }
          },

          async view(numberInput: string): Promise<TicketPageState> {
            const ticket = await provenTicket(numberInput);
            if (!ticket) return { kind: "need-proof" };
            const view = await core.publicView(ticket);
            // Portal customers get no chat message with the survey link, so the ticket page offers it.
            const surveyToken = await core.openSurveyToken(ticket);
            const surveyPath = surveyToken ? `/survey/${surveyToken}` : null;
            return { kind: "view", ticket: presentTicket(view, t, formatDateTime), surveyPath };
          },

          /** The ticket page's buttons: chase, add information, hide the ticket on this device. */
          async act(numberInput: string, form: FormData): Promise<TicketActionResult> {
            if (!isGenuineForm(form)) return { kind: "error", status: 403, message: t("portal.form.error.expired") };
            const ticket = await provenTicket(numberInput);
            if (!ticket) return { kind: "redirect", location: `/track?number=${encodeURIComponent(numberInput)}` };
            const page = `/track/${ticket.number}`;
            const action = form.get("action");
            try {
              switch (action) {
                case "chase":
                  await limits.consumeAction(request.clientAddress);
                  await core.chase(ticket.number, customerOf(ticket));
                  return { kind: "redirect", location: `${page}?done=chase` };
                case "message": {
                  const text = String(form.get("message") ?? "").trim();
                  if (!text) return { kind: "error", status: 400, message: t("portal.form.error.message_required"), field: "message" };
                  if ([...text].length > MESSAGE_MAX) return { kind: "error", status: 400, message: t("portal.form.error.too_long", { max: MESSAGE_MAX }), field: "message" };
                  await limits.consumeAction(request.clientAddress);
                  await core.customerMessage(ticket.number, text, customerOf(ticket));
                  return { kind: "redirect", location: `${page}?done=message` };
                }
                case "forget":
                  saveProofs(withoutProof(proofs, ticket.number));
                  return { kind: "redirect", location: "/track?done=forget" };
                default:
                  return { kind: "error", status: 400, message: t("portal.form.error.invalid") };
              }
            } catch (error) {
              if (isAppError(error) && error.code === "rate_limited" && action === "chase" && typeof error.params.retryAfterSeconds === "number") {
                return { kind: "error", status: 429, message: t("portal.ticket.chase.too_soon", { minutes: Math.max(1, Math.ceil(error.params.retryAfterSeconds / 60)) }) };
              }
              if (isAppError(error) && error.code === "illegal_transition") {
                return { kind: "error", status: 409, message: t(action === "chase" ? "portal.ticket.chase.not_open" : "portal.ticket.message.not_open") };
              }
              if (isAppError(error)) return { kind: "error", status: error.code === "rate_limited" ? 429 : 400, message: errorMessage(error), ...(action === "message" ? { field: "message" as const } : {}) };
              throw error;
            }
          },
        },

        survey: {
          read: readSurvey,
          async answer(token: string, form: FormData): Promise<SurveyState> {
            const current = await readSurvey(token);
            if (current.kind !== "open") return current;
            const values = { score: String(form.get("score") ?? ""), comment: String(form.get("comment") ?? "").trim() };
            if (!isGenuineForm(form)) return { ...current, status: 403, values, errors: { form: [t("portal.form.error.expired")] } };
            if (!/^[1-5]$/.test(values.score)) return { ...current, status: 400, values, errors: { score: [t("portal.form.error.score_required")] } };
            if ([...values.comment].length > MESSAGE_MAX) return { ...current, status: 400, values, errors: { comment: [t("portal.form.error.too_long", { max: MESSAGE_MAX })] } };
            try {
              const answer = await core.answerSurvey(token, { score: Number(values.score), ...(values.comment ? { comment: values.comment } : {}) }, "portal");
              return { kind: "thanks", status: 200, score: answer.score };
            } catch (error) {
              if (isAppError(error) && error.code === "survey_answered") return { kind: "answered", status: 409, message: t("error.survey_answered") };
              if (isAppError(error) && error.code === "survey_expired") return { kind: "expired", status: 410, message: t("error.survey_expired") };
              throw error;
            }
          },
        },

        faq: {
          list: (): Promise<ArticleSummary[]> => core.knowledgeBase.list(request.language),
          search: (query: string): Promise<SearchHit[]> => core.knowledgeBase.search(query, request.language),
          async get(slug: string): Promise<ArticleView | null> {
            if (!/^[a-z0-9-]{1,100}$/.test(slug)) return null;
            const page = await core.knowledgeBase.get(slug, request.language);
            if (!page) return null;
            // Simplified text for a Traditional-Chinese reader is readable, so no notice for it.
            const acceptable = request.language === "zh-Hant" ? ["zh-Hant", "zh-Hans"] : [CONTENT_LANGUAGES[request.language][0]];
            return { article: page.article, blocks: parseArticleBody(page.article.body), otherLanguage: !acceptable.includes(page.article.language) };
          },
        },
      };
    },
  };
}

export type PortalServices = ReturnType<typeof createPortalServices>;
export type { PortalApi };
