import type { CoreDeps } from "../ports.ts";

const REMIND_AFTER_HOURS = 24;

/**
 * A customer who has not answered a survey after a day gets one reminder on the channel
 * they used; surveys past their expiry (7 days) are marked expired. Portal customers have
 * no push channel: their survey link stays on the ticket page until it expires.
 */
export async function remindAndExpireSurveys(deps: CoreDeps): Promise<{ reminded: number; expired: number }> {
  const now = deps.clock.now();
  const createdBefore = new Date(now.getTime() - REMIND_AFTER_HOURS * 3600_000);
  let reminded = 0;
  for (const survey of await deps.scheduling.surveysToRemind(createdBefore, now, 200)) {
    const ticket = await deps.tickets.findById(survey.ticketId);
    if (!ticket) continue;
    const canPush = survey.channel === "telegram" || survey.channel === "wechat";
    const outbox = canPush
      ? [
          {
            channel: survey.channel,
            recipient: { kind: "customer" as const, customerId: ticket.customerId },
            ticketId: ticket.id,
            notification: { kind: "customer.survey_reminder" as const, number: ticket.number, surveyId: survey.id, surveyToken: deps.signer.sign(survey.id) },
          },
        ]
      : [];
    if (await deps.scheduling.claimSurveyReminder(survey.id, now, outbox)) reminded++;
  }
  const expired = await deps.scheduling.expireSurveys(now);
  return { reminded, expired };
}
