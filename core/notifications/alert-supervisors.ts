import type { CoreDeps, OutboxIntent } from "../ports.ts";
import type { Notification } from "./notification.ts";

/**
 * A private message for every active supervisor, and optionally the staff room, when
 * something needs a supervisor's decision (SLA breach of urgent work, a low survey score,
 * a repeated complaint). Changes that record an `escalated` event already reach the staff
 * room through the notification policy, so they leave the room out. The supervisors are
 * looked up first; the returned function addresses a notification to them, so a caller can
 * write it with a ticket that does not exist yet (intake).
 */
export async function alertSupervisors(
  deps: Pick<CoreDeps, "staff" | "settings">,
  options: { includeStaffRoom: boolean },
): Promise<(ticketId: string, notification: Notification) => OutboxIntent[]> {
  const supervisors = (await deps.staff.list()).filter((member) => member.active && member.role === "supervisor");
  return (ticketId, notification) =>
    deps.settings.staffRoomChannels.flatMap((channel) => [
      ...(options.includeStaffRoom ? [{ channel, recipient: { kind: "staff_room" as const }, ticketId, notification }] : []),
      ...supervisors.map((supervisor) => ({ channel, recipient: { kind: "staff" as const, staffId: supervisor.id }, ticketId, notification })),
    ]);
}
