import { customerIntents } from "../notifications/contact-channels.ts";
import type { CoreDeps } from "../ports.ts";

const REMIND_AFTER_HOURS = 24;

/**
 * A customer who has not answered a survey after a day gets one reminder on the channel
 * they used (for portal and API customers: e-mail, when they gave an address); surveys past
 * their expiry (7 days) are marked expired. The survey link also stays on the ticket page.
 */
export async function remindAndExpireSurveys(deps: CoreDeps): Promise<{ reminded: number; expired: number }> {
  const now = deps.clock.now();
  const createdBefore = new Date(now.getTime() - REMIND_AFTER_HOURS * 3600_000);
  let reminded = 0;
  for (const survey of await deps.scheduling.surveysToRemind(createdBefore, now, 200)) {
    const ticket = await deps.tickets.findById(survey.ticketId);
    if (!ticket) continue;
    const outbox = customerIntents(
      ticket,
      { kind: "customer.survey_reminder", number: ticket.number, surveyId: survey.id, surveyToken: deps.signer.sign(survey.id) },
      deps.settings,
    );
    if (await deps.scheduling.claimSurveyReminder(survey.id, now, outbox)) reminded++;
  }
  const expired = await deps.scheduling.expireSurveys(now);
  return { reminded, expired };
}
