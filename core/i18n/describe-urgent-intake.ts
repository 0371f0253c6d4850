import type { SupervisorAlertOutcome } from "../notifications/alert-supervisors.ts";
import type { Language } from "../tickets/types.ts";
import { translate } from "./index.ts";

/**
 * What every channel tells the reporter of an urgent ticket, in their language: "the supervisor
 * on duty has been alerted" only when a private message to a reachable supervisor was queued;
 * otherwise what to do if anyone is in danger, and the desk's hotline when one is configured.
 * Empty for a report that is not urgent. (The safety advice itself comes with it separately.)
 */
export function describeUrgentIntake(language: Language, intake: { supervisorAlert: SupervisorAlertOutcome | null }, deskHotline: string | null | undefined): string[] {
  if (!intake.supervisorAlert) return [];
  if (intake.supervisorAlert.notified) return [translate(language, "intake.urgent_alerted")];
  return [translate(language, "intake.urgent_unalerted"), ...(deskHotline ? [translate(language, "intake.hotline", { hotline: deskHotline })] : [])];
}
