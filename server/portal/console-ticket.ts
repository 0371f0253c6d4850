import { readFile } from "node:fs/promises";
import {
  CATEGORIES,
  describeEvent,
  formatPhone,
  hasAbility,
  isAppError,
  mayWorkOn,
  nextStatuses,
  OPEN_STATUSES,
  URGENCIES,
  withinReopenWindow,
  type Core,
  type TicketStatus,
} from "../../core/index.ts";
import type { ConsoleFile, ConsoleTicketView, DueTone, SlaClockView } from "../../portal/src/console-api.ts";
import type { AttachmentStorage } from "../attachments.ts";
import type { ConsoleContext } from "./console-session.ts";
import { formatDuration, toLocalInput } from "./console-time.ts";
import type { RequestContext } from "./request-context.ts";

type StaffView = Awaited<ReturnType<Core["show"]>>;

/** The console's progress steps; the thirteen statuses fold into them. */
const STEPS = ["received", "accepted", "dispatched", "working", "resolved", "closed"] as const;
const STEP_OF: { readonly [S in TicketStatus]: (typeof STEPS)[number] | null } = {
  new: "received",
  accepted: "accepted",
  rejected: "accepted",
  assigned: "dispatched",
  scheduled: "dispatched",
  diagnosing: "working",
  awaiting_approval: "working",
  approved: "working",
  in_progress: "working",
  pending: "working",
  resolved: "resolved",
  closed: "closed",
  cancelled: null,
};

/** Statuses with their own form (approve/reject, close, cancel, reopen, appointment) are left out of the plain status choice. */
const OWN_FORMS: readonly TicketStatus[] = ["approved", "rejected", "closed", "cancelled", "scheduled"];

const IMAGE_TYPES = new Set(["image/jpeg", "image/png", "image/webp"]);

const sizeLabel = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** Which notice a redirect's `?done=` names, in words that say what really happened. */
function noticeOf(context: RequestContext, core: Core, view: StaffView, done: string | null): string | null {
  const { t } = context;
  switch (done) {
    case "take":
    case "note":
    case "approve":
    case "reject":
    case "escalate":
    case "close":
    case "reopen":
    case "cancel":
    case "reclassify":
    case "follow_up":
      return t(`console.done.${done}`);
    case "assign":
      return t("console.done.assign", { name: view.assigneeName ?? "—" });
    case "status":
      return t("console.done.status", { status: t(`status.${view.status}`) });
    case "appointment":
      return t("console.done.appointment", { time: context.formatDateTime(view.appointmentAt ?? null) });
    case "reply": {
      // The rule that planned the reply's outbox rows: the customer's chat while its bot runs (WeCom too), else SMS/e-mail as configured.
      const reaches = core.customerChannels(view, "customer.reply").length > 0;
      return t(reaches ? "console.done.reply" : "console.done.reply_page_only");
    }
    default:
      return null;
  }
}

/** The ticket page: everything a desk needs on one page, and what the member may do there. */
export function consoleTicket(context: RequestContext, console: ConsoleContext, deps: { core: Core; attachments: AttachmentStorage }) {
  const { core } = deps;
  const { t } = context;
  const { timeZone, reopenWindowDays } = core.settings();

  async function load(number: string): Promise<StaffView | null> {
    try {
      return await core.show(number);
    } catch (error) {
      if (isAppError(error) && error.code === "not_found") return null;
      throw error;
    }
  }

  function clock(label: string, state: StaffView["sla"]["firstResponse"]): SlaClockView {
    const tone: DueTone = state.status === "breached" ? "late" : state.status === "warning" ? "warn" : state.status === "paused" ? "paused" : state.status === "met" ? "none" : "ok";
    const remaining =
      state.status === "met" ? "" : state.remainingMinutes < 0 ? t("console.sla.overdue", { time: formatDuration(t, -state.remainingMinutes) }) : t("console.sla.left", { time: formatDuration(t, state.remainingMinutes) });
    return { label, statusLabel: t(`console.sla.${state.status}`), due: t("console.ticket.due_at", { time: context.formatDateTime(state.dueAt) }), remaining, tone };
  }

  return {
    async ticket(number: string, done: string | null): Promise<ConsoleTicketView | null> {
      const staff = await console.requireMember();
      const view = await load(number);
      if (!view) return null;
      const now = core.now();
      const [others, active, followUps] = await Promise.all([
        core.list({ customerId: view.customerId, order: "newest", limit: 11 }),
        core.staff.active(),
        hasAbility(staff.role, "followUp") ? core.followUps.open(staff) : Promise.resolve([]),
      ]);
      const names = new Map(active.map((member) => [member.id, member.name]));
      const mayWork = mayWorkOn(staff, view);
      const isOpenTicket = OPEN_STATUSES.includes(view.status);
      const currentStep = STEP_OF[view.status];
      const currentIndex = currentStep ? STEPS.indexOf(currentStep) : -1;
      const dash = t("console.ticket.none");
      const workCenters = view.workCenterId ? await core.staff.workCenters() : [];

      return {
        number: view.number,
        status: view.status,
        statusLabel: t(`status.${view.status}`),
        urgency: view.urgency,
        urgencyLabel: t(`urgency.${view.urgency}`),
        categoryLabel: t(`category.${view.category}`),
        cancelled: view.status === "cancelled",
        steps: STEPS.map((step, index) => ({
          label: t(`console.step.${step}`),
          state: index < currentIndex || (view.status === "closed" && index === currentIndex) ? "done" : index === currentIndex ? "current" : "todo",
        })),
        sla: [clock(t("console.ticket.first_response"), view.sla.firstResponse), clock(t("console.ticket.resolution"), view.sla.resolution)],
        customer: [
          { label: t("console.ticket.contact"), value: view.contactName },
          { label: t("console.ticket.phone"), value: formatPhone(view.phone) },
          ...(view.email ? [{ label: t("console.ticket.email"), value: view.email }] : []),
          { label: t("console.ticket.address"), value: view.address ?? dash },
        ],
        details: [
          { label: t("console.ticket.product"), value: view.product ?? dash },
          { label: t("console.ticket.preferred_time"), value: view.preferredTime ?? dash },
          { label: t("console.ticket.appointment"), value: view.appointmentAt ? context.formatDateTime(view.appointmentAt) : dash },
          { label: t("console.ticket.assignee"), value: view.assigneeName ?? t("console.ticket.unassigned") },
          ...(view.workCenterId ? [{ label: t("console.filter.work_center"), value: workCenters.find((center) => center.id === view.workCenterId)?.name ?? view.workCenterId }] : []),
          { label: t("console.ticket.channel"), value: t(`console.channel.${view.channel}`) },
          { label: t("console.ticket.created"), value: context.formatDateTime(view.createdAt) },
          ...(view.followUpOf ? [{ label: t("console.ticket.follow_up_of", { number: view.followUpOf }), value: view.followUpOf }] : []),
        ],
        description: view.description,
        resolution: view.resolution ?? null,
        classification: view.classification
          ? {
              summary: t("console.ticket.classified_as", {
                category: t(`category.${view.classification.category}`),
                urgency: t(`urgency.${view.classification.urgency}`),
                confidence: Math.round(view.classification.confidence * 100),
              }),
              reasons: view.classification.reasons,
            }
          : null,
        timeline: view.timeline.map((entry) => ({
          at: context.formatDateTime(entry.at),
          iso: entry.at,
          label: describeEvent(context.language, entry, { timeZone }),
          text: entry.note ?? null,
          internal: entry.visibility === "internal",
          by: entry.actor.kind === "system" ? t("console.ticket.by_system") : entry.actor.kind === "staff" ? (entry.actor.name ?? names.get(entry.actor.id) ?? entry.actor.id) : (entry.actor.name ?? view.contactName),
          channel: t(`console.channel.${entry.channel}`),
        })),
        attachments: view.attachments.map((file) => ({
          id: file.id,
          name: file.fileName,
          href: `/staff/tickets/${view.number}/files/${encodeURIComponent(file.id)}`,
          isImage: IMAGE_TYPES.has(file.mimeType),
          size: sizeLabel(file.sizeBytes),
        })),
        otherTickets: others.tickets
          .filter((ticket) => ticket.number !== view.number)
          .slice(0, 10)
          .map((ticket) => ({
            number: ticket.number,
            href: `/staff/tickets/${ticket.number}`,
            statusLabel: t(`status.${ticket.status}`),
            created: context.formatDateTime(ticket.createdAt),
            summary: ticket.description.length > 60 ? `${ticket.description.slice(0, 60)}…` : ticket.description,
          })),
        actions: {
          mayWork,
          canTake: isOpenTicket && view.assigneeId !== staff.id && (mayWork || !view.assigneeId),
          canAssign: isOpenTicket && hasAbility(staff.role, "assignOthers"),
          assignees: active.filter((member) => member.id !== view.assigneeId).map((member) => ({ value: member.id, label: `${member.name} · ${t(`console.role.${member.role}`)}` })),
          statuses: nextStatuses(view.status)
            .filter((status) => !OWN_FORMS.includes(status))
            .map((status) => ({ value: status, label: t(`status.${status}`) })),
          canSchedule: nextStatuses(view.status).includes("scheduled") || view.status === "scheduled",
          canApprove: view.status === "awaiting_approval" && hasAbility(staff.role, "decideApproval"),
          canClose: nextStatuses(view.status).includes("closed"),
          canReopen: (view.status === "resolved" || view.status === "closed") && withinReopenWindow({ ...view, updatedAt: new Date(view.updatedAt) }, now, reopenWindowDays),
          canCancel: nextStatuses(view.status).includes("cancelled"),
          categories: CATEGORIES.map((value) => ({ value, label: t(`category.${value}`), selected: value === view.category })),
          urgencies: URGENCIES.map((value) => ({ value, label: t(`urgency.${value}`), selected: value === view.urgency })),
          followUpOpen: followUps.some((task) => task.number === view.number),
        },
        notice: noticeOf(context, core, view, done),
        appointmentValue: view.appointmentAt ? toLocalInput(new Date(view.appointmentAt), timeZone) : "",
      };
    },

    /**
     * A ticket's file for a signed-in member: found by the ticket and the attachment's random
     * id together (no guessable URL), with its stored type; photos inline, other files as downloads.
     */
    async file(number: string, attachmentId: string): Promise<ConsoleFile | null> {
      await console.requireMember();
      const view = await load(number);
      const file = view?.attachments.find((attachment) => attachment.id === attachmentId);
      if (!file) return null;
      const body = await readFile(deps.attachments.pathOf(file.storagePath)).catch(() => null);
      if (!body) return null;
      return { body, mimeType: file.mimeType, fileName: file.fileName, inline: IMAGE_TYPES.has(file.mimeType) };
    },
  };
}
