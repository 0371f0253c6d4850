import type { CoreDeps, CoreSettings, OutboxIntent } from "../ports.ts";
import { newEvent, SYSTEM } from "../tickets/ticket-event.ts";
import type { AlertedSupervisor, Channel, ChannelIdentity, NewTicketEvent, Staff } from "../tickets/types.ts";
import type { Notification } from "./notification.ts";

/**
 * The channels on which one staff member can be messaged privately: the desk's chat channels
 * that can send (`staffChatChannels`) on which they have an account. This is the one seam for
 * new ways to reach staff: an SMS or e-mail channel adds its rule here (a phone or address on
 * the staff record, the channel configured), and every private alert follows.
 */
export function reachableChannels(identities: readonly ChannelIdentity[], settings: Pick<CoreSettings, "staffChatChannels">): Channel[] {
  return settings.staffChatChannels.filter((channel) => identities.some((identity) => identity.channel === channel));
}

/** Who a supervisor alert reaches, decided before the change is written. */
export type SupervisorAlert = {
  /** Active supervisors with at least one reachable channel; empty when nobody can be told. */
  supervisors: AlertedSupervisor[];
  /** The messages for them (and the staff room when asked), addressed to a ticket that may not exist yet (intake). */
  address(ticketId: string, notification: Notification): OutboxIntent[];
  /** The timeline event recording who was alerted, or that nobody was reachable. */
  event(at: Date): NewTicketEvent;
};

/** What a channel says about a supervisor alert: true only when a private message to a reachable supervisor was queued. */
export type SupervisorAlertOutcome = { notified: boolean; supervisors: AlertedSupervisor[] };

async function activeSupervisors(deps: Pick<CoreDeps, "staff">): Promise<Staff[]> {
  return (await deps.staff.list()).filter((member) => member.active && member.role === "supervisor");
}

/**
 * Plans a private message for every active supervisor on each channel they can be reached
 * on (`reachableChannels`), and optionally the staff room, when something needs a
 * supervisor (an urgent report, an escalation, an SLA breach of urgent work, a low survey
 * score). A supervisor with no reachable channel is not written to: a message nobody can
 * receive would only fail later, and callers must be able to tell the customer the truth.
 */
export async function planSupervisorAlert(deps: Pick<CoreDeps, "staff" | "settings">, options: { includeStaffRoom: boolean }): Promise<SupervisorAlert> {
  const supervisors: AlertedSupervisor[] = [];
  for (const supervisor of await activeSupervisors(deps)) {
    const channels = reachableChannels(await deps.staff.identitiesOf(supervisor.id), deps.settings);
    if (channels.length > 0) supervisors.push({ id: supervisor.id, name: supervisor.name, channels });
  }
  return {
    supervisors,
    address: (ticketId, notification) => [
      ...(options.includeStaffRoom
        ? deps.settings.staffRoomChannels.map((channel) => ({ channel, recipient: { kind: "staff_room" as const }, ticketId, notification }))
        : []),
      ...supervisors.flatMap((supervisor) =>
        supervisor.channels.map((channel) => ({ channel, recipient: { kind: "staff" as const, staffId: supervisor.id }, ticketId, notification })),
      ),
    ],
    event: (at) => newEvent("supervisors_alerted", SYSTEM, at, { visibility: "internal", data: { supervisors } }),
  };
}

/**
 * The addressing half of `planSupervisorAlert`, for callers that record no timeline event of
 * their own (survey scores): the returned function addresses a notification to the reachable
 * supervisors (and the staff room when asked).
 */
export async function alertSupervisors(
  deps: Pick<CoreDeps, "staff" | "settings">,
  options: { includeStaffRoom: boolean },
): Promise<(ticketId: string, notification: Notification) => OutboxIntent[]> {
  return (await planSupervisorAlert(deps, options)).address;
}

/** The outcome a channel reports, from the timeline event an alert recorded (null when there was none). */
export function alertOutcomeOf(events: readonly NewTicketEvent[]): SupervisorAlertOutcome | null {
  const recorded = events.findLast((event) => event.type === "supervisors_alerted");
  if (!recorded || recorded.type !== "supervisors_alerted") return null;
  return { notified: recorded.data.supervisors.length > 0, supervisors: recorded.data.supervisors };
}
