import type { CoreDeps } from "../ports.ts";
import type { Ticket } from "../tickets/types.ts";

/**
 * The signed token of the ticket's survey while it can still be answered; null when the
 * ticket has none open (not closed, answered, or expired). Portal customers get no chat
 * message with the link, so their ticket page offers it with this.
 */
export async function openSurveyToken(deps: Pick<CoreDeps, "surveys" | "signer" | "clock">, ticket: Ticket): Promise<string | null> {
  if (ticket.status !== "closed") return null;
  const survey = await deps.surveys.findByTicket(ticket.id);
  if (!survey || survey.status === "answered" || survey.status === "expired") return null;
  if (survey.expiresAt.getTime() <= deps.clock.now().getTime()) return null;
  return deps.signer.sign(survey.id);
}
