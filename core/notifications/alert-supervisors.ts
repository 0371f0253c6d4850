import type { CoreDeps, OutboxIntent, OutboxPayload } from "../ports.ts";

/**
 * A private message for every active supervisor, and optionally the staff room, when
 * something needs a supervisor's decision (SLA breach of urgent work, a low survey score,
 * a repeated complaint). Changes that record an `escalated` event already reach the staff
 * room through the notification policy, so they leave the room out.
 */
export async function alertSupervisors(
  deps: Pick<CoreDeps, "staff" | "settings">,
  ticketId: string,
  payload: OutboxPayload,
  options: { includeStaffRoom: boolean },
): Promise<OutboxIntent[]> {
  const supervisors = (await deps.staff.list()).filter((member) => member.active && member.role === "supervisor");
  return deps.settings.staffRoomChannels.flatMap((channel) => [
    ...(options.includeStaffRoom ? [{ channel, recipient: { kind: "staff_room" as const }, ticketId, payload }] : []),
    ...supervisors.map((supervisor) => ({ channel, recipient: { kind: "staff" as const, staffId: supervisor.id }, ticketId, payload })),
  ]);
}
