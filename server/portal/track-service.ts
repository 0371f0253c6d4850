import { describeError, isAppError, parseTicketNumber, type Initiator, type Ticket } from "../../core/index.ts";
import type { LookupState, PortalApi } from "../../portal/src/portal-api.ts";
import { describeContactUpdates } from "./contact-updates.ts";
import { presentTicket } from "./present-ticket.ts";
import { PORTAL_TEXT_LIMITS, type PortalDeps, type RequestContext } from "./request-context.ts";
import { phoneProofDigits } from "./ticket-proofs.ts";

const customerOf = (ticket: Ticket): Initiator => ({ actor: { kind: "customer", id: ticket.customerId, name: ticket.contactName }, channel: "portal" });

/**
 * Finding a ticket (number + phone digits) and its page: the view, chasing, adding
 * information, and hiding it on this device.
 */
export function trackService(context: RequestContext, deps: Pick<PortalDeps, "core" | "limits">): Pick<PortalApi, "track"> {
  const { core, limits } = deps;
  const { t, errorMessage } = context;
  const { numberPrefix } = core.settings();

  /** The ticket this browser proved, re-checked against the core on every request. */
  const provenTicket = async (numberInput: string): Promise<Ticket | null> => {
    const number = parseTicketNumber(numberInput, numberPrefix);
    const proof = number ? context.ticketProofs.list().find((candidate) => candidate.number === number) : undefined;
    if (!proof) return null;
    try {
      return await core.findWithProof(proof.number, proof.phone);
    } catch (error) {
      if (isAppError(error) && error.code === "not_found") {
        context.ticketProofs.forget(proof.number);
        return null;
      }
      throw error;
    }
  };

  return {
    track: {
      async lookup(form) {
        const values = { number: String(form.get("number") ?? "").trim().slice(0, 40), phone: String(form.get("phone") ?? "").trim().slice(0, 40) };
        const errors: Extract<LookupState, { kind: "form" }>["errors"] = {};
        if (!context.isGenuineForm(form)) return { kind: "form", status: 403, values, errors: { form: [t("portal.form.error.expired")] } };
        if (!values.number) errors.number = [t("portal.form.error.number_required")];
        const digits = phoneProofDigits(values.phone);
        if (digits.length !== 4 && (digits.length < 7 || digits.length > 15)) errors.phone = [t("portal.form.error.last4_invalid")];
        if (Object.keys(errors).length) return { kind: "form", status: 400, values, errors };
        try {
          await limits.checkLookup(context.clientAddress);
          const ticket = await core.findWithProof(values.number, digits);
          context.ticketProofs.remember(ticket.number, digits);
          return { kind: "found", number: ticket.number };
        } catch (error) {
          if (isAppError(error) && error.code === "not_found") {
            await limits.recordLookupFailure(context.clientAddress);
            // The same words for a wrong phone, an unknown number and a malformed one.
            return { kind: "form", status: 404, values, errors: { form: [errorMessage(error)] } };
          }
          if (isAppError(error) && error.code === "rate_limited") return { kind: "form", status: 429, values, errors: { form: [errorMessage(error)] } };
          throw error;
        }
      },

      async view(numberInput) {
        const ticket = await provenTicket(numberInput);
        if (!ticket) return { kind: "need-proof" };
        const view = await core.publicView(ticket);
        // Portal customers get no chat message with the survey link, so the ticket page offers it.
        const surveyToken = await core.openSurveyToken(ticket);
        const surveyPath = surveyToken ? `/survey/${surveyToken}` : null;
        const updates = describeContactUpdates(ticket, core.settings().contactChannels, t);
        return { kind: "view", ticket: presentTicket(view, t, context.formatDateTime), surveyPath, updates, reopenWindowDays: core.settings().reopenWindowDays };
      },

      async act(numberInput, form) {
        if (!context.isGenuineForm(form)) return { kind: "error", status: 403, message: t("portal.form.error.expired") };
        const ticket = await provenTicket(numberInput);
        if (!ticket) return { kind: "redirect", location: `/track?number=${encodeURIComponent(numberInput)}` };
        const page = `/track/${ticket.number}`;
        const action = form.get("action");
        try {
          switch (action) {
            case "chase":
              await limits.consumeAction(context.clientAddress);
              await core.chase(ticket.number, customerOf(ticket));
              return { kind: "redirect", location: `${page}?done=chase` };
            case "message": {
              const text = String(form.get("message") ?? "").trim();
              if (!text) return { kind: "error", status: 400, message: t("portal.form.error.message_required"), field: "message" };
              if ([...text].length > PORTAL_TEXT_LIMITS.message) return { kind: "error", status: 400, message: t("portal.form.error.too_long", { max: PORTAL_TEXT_LIMITS.message }), field: "message" };
              await limits.consumeAction(context.clientAddress);
              await core.customerMessage(ticket.number, text, customerOf(ticket));
              return { kind: "redirect", location: `${page}?done=message` };
            }
            case "confirm":
              await limits.consumeAction(context.clientAddress);
              await core.confirmFix(ticket.number, customerOf(ticket));
              return { kind: "redirect", location: `${page}?done=confirmed` };
            case "not_fixed": {
              const text = String(form.get("message") ?? "").trim();
              if ([...text].length > PORTAL_TEXT_LIMITS.message) return { kind: "error", status: 400, message: t("portal.form.error.too_long", { max: PORTAL_TEXT_LIMITS.message }), field: "not_fixed" };
              await limits.consumeAction(context.clientAddress);
              const outcome = await core.reportNotFixed(ticket.number, customerOf(ticket), text || undefined);
              if (outcome.kind === "noted" && !text) return { kind: "redirect", location: page };
              if (outcome.kind !== "follow_up") return { kind: "redirect", location: `${page}?done=${outcome.kind}` };
              // The follow-up has the same phone: this browser's proof covers it too.
              const proof = context.ticketProofs.list().find((candidate) => candidate.number === ticket.number);
              if (proof) context.ticketProofs.remember(outcome.followUp.number, proof.phone);
              return { kind: "redirect", location: `/track/${outcome.followUp.number}?done=follow_up` };
            }
            case "cancel":
              if (form.get("confirm") !== "yes") return { kind: "error", status: 400, message: t("portal.ticket.cancel.unchecked"), field: "cancel" };
              await limits.consumeAction(context.clientAddress);
              await core.cancel(ticket.number, customerOf(ticket));
              return { kind: "redirect", location: `${page}?done=cancelled` };
            case "forget":
              context.ticketProofs.forget(ticket.number);
              return { kind: "redirect", location: "/track?done=forget" };
            default:
              return { kind: "error", status: 400, message: t("portal.form.error.invalid") };
          }
        } catch (error) {
          if (isAppError(error) && error.code === "rate_limited" && error.params.reason === "chase_interval") {
            // The core's sentence names the time the next chase is welcome.
            return { kind: "error", status: 429, message: describeError(context.language, error).message };
          }
          if (isAppError(error) && error.code === "illegal_transition") {
            return { kind: "error", status: 409, message: t(action === "chase" ? "portal.ticket.chase.not_open" : "portal.ticket.message.not_open") };
          }
          if (isAppError(error)) return { kind: "error", status: error.code === "rate_limited" ? 429 : 400, message: errorMessage(error), ...(action === "message" ? { field: "message" as const } : {}) };
          throw error;
        }
      },
    },
  };
}
