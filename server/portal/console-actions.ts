import { AppError, CATEGORIES, isAppError, TICKET_STATUSES, URGENCIES, type Category, type Core, type Initiator, type Staff, type TicketStatus, type Urgency } from "../../core/index.ts";
import type { ConsoleActionResult } from "../../portal/src/console-api.ts";
import type { ConsoleContext } from "./console-session.ts";
import { fromLocalInput } from "./console-time.ts";
import type { RequestContext } from "./request-context.ts";

export const CONSOLE_ACTIONS = [
  "take",
  "assign",
  "status",
  "appointment",
  "note",
  "reply",
  "approve",
  "reject",
  "escalate",
  "close",
  "reopen",
  "cancel",
  "reclassify",
  "follow_up",
] as const;
export type ConsoleAction = (typeof CONSOLE_ACTIONS)[number];

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value.trim() : "";
};

const isOneOf = <T extends string>(values: readonly T[], value: string): value is T => (values as readonly string[]).includes(value);

/**
 * The ticket page's forms: one action each, as the signed-in member, on the `console` channel.
 * Every rule (roles, technicians on their own tickets, the status machine) is the core's; a
 * refusal comes back as its message on the page.
 */
export function consoleActions(context: RequestContext, console: ConsoleContext, deps: { core: Core }) {
  const { core } = deps;
  const { t } = context;
  const { timeZone } = core.settings();

  function required(field: string, value: string): string {
    if (!value) throw new AppError("validation", { params: { fields: [field], issues: [{ field, problem: { kind: "required" } }] } });
    return value;
  }

  async function run(action: ConsoleAction, number: string, form: FormData, staff: Staff, initiator: Initiator): Promise<void> {
    switch (action) {
      case "take":
        await core.take(number, initiator);
        return;
      case "assign":
        await core.assign(number, required("assignee", text(form, "assignee")), initiator);
        return;
      case "status": {
        const status = text(form, "status");
        if (!isOneOf<TicketStatus>(TICKET_STATUSES, status)) throw new AppError("validation", { params: { fields: ["status"], issues: [{ field: "status", problem: { kind: "invalid" } }] } });
        const note = text(form, "note");
        await core.changeStatus({ number, status, initiator, ...(note ? { note } : {}) });
        return;
      }
      case "appointment": {
        const at = fromLocalInput(text(form, "appointmentAt"), timeZone);
        if (!at) throw new AppError("validation", { params: { fields: ["appointmentAt"], issues: [{ field: "appointmentAt", problem: { kind: "invalid" } }] } });
        const note = text(form, "note");
        await core.changeStatus({ number, status: "scheduled", initiator, appointmentAt: at, ...(note ? { note } : {}) });
        return;
      }
      case "note":
        await core.note(number, required("text", text(form, "text")), initiator);
        return;
      case "reply":
        await core.reply(number, required("text", text(form, "text")), initiator);
        return;
      case "approve":
        await core.approve(number, initiator);
        return;
      case "reject":
        await core.reject(number, required("reason", text(form, "reason")), initiator);
        return;
      case "escalate":
        await core.escalate(number, initiator, text(form, "reason") || undefined);
        return;
      case "close":
        await core.close(number, initiator, text(form, "resolution") || undefined);
        return;
      case "reopen":
        await core.reopen(number, initiator, text(form, "reason") || undefined);
        return;
      case "cancel":
        await core.cancel(number, initiator, text(form, "reason") || undefined);
        return;
      case "reclassify": {
        const category = text(form, "category");
        const urgency = text(form, "urgency");
        await core.reclassify(
          number,
          { ...(isOneOf<Category>(CATEGORIES, category) ? { category } : {}), ...(isOneOf<Urgency>(URGENCIES, urgency) ? { urgency } : {}) },
          initiator,
        );
        return;
      }
      case "follow_up":
        await core.followUps.complete(number, staff, initiator, text(form, "note") || undefined);
        return;
    }
  }

  return {
    async act(number: string, form: FormData): Promise<ConsoleActionResult> {
      const staff = await console.member();
      if (!staff) return { kind: "redirect", location: `/staff/login?next=${encodeURIComponent(`/staff/tickets/${number}`)}` };
      if (!console.isGenuineForm(form)) return { kind: "error", status: 403, message: t("console.error.form") };
      const action = text(form, "action");
      if (!isOneOf(CONSOLE_ACTIONS, action)) return { kind: "error", status: 400, message: t("console.error.form") };
      const initiator: Initiator = { actor: { kind: "staff", id: staff.id, name: staff.name }, channel: "console" };
      try {
        await run(action, number, form, staff, initiator);
      } catch (error) {
        if (!isAppError(error)) throw error;
        const status = error.code === "forbidden" ? 403 : error.code === "not_found" ? 404 : error.code === "conflict" || error.code === "illegal_transition" ? 409 : 400;
        return { kind: "error", status, message: context.errorMessage(error) };
      }
      // Post/redirect/get: a reload does not repeat the action; the notice reads the ticket as it is now.
      return { kind: "redirect", location: `/staff/tickets/${encodeURIComponent(number)}?done=${action}#notice` };
    },
  };
}
