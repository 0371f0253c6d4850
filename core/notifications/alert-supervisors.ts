import type { CoreDeps, OutboxIntent, OutboxPayload } from "../ports.ts";

/**
 * A message for the staff room and, in private, for every active supervisor: used when
 * something needs a supervisor's decision (SLA breach of urgent work, a low survey score,
 * a repeated complaint).
 */
export async function alertSupervisors(
  deps: Pick<CoreDeps, "staff" | "settings">,
  ticketId: string,
  payload: OutboxPayload,
): Promise<OutboxIntent[]> {
  const supervisors = (await deps.staff.list()).filter((member) => member.active && member.role === "supervisor");
  return deps.settings.staffRoomChannels.flatMap((channel) => [
    { channel, recipient: { kind: "staff_room" as const }, ticketId, payload },
    ...supervisors.map((supervisor) => ({ channel, recipient: { kind: "staff" as const, staffId: supervisor.id }, ticketId, payload })),
  ]);
}
