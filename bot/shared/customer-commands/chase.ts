/** `/chase [number]` (催单) and the chase button: reminds the desk; without a number, the one ticket that can be chased, or a choice. */
import { customerMayChase } from "../../../core/index.ts";
import { payload } from "../payloads.ts";
import { preview, t } from "../text.ts";
import type { Turn } from "../turn.ts";
import type { CustomerCommand } from "./command.ts";
import { activeTickets } from "./status.ts";

export const chaseCommand = {
  name: "chase",
  help: "bot.help.customer.chase",
  run: ({ turn, command }) => chase(turn, command.args.join("")),
} satisfies CustomerCommand;

export async function chase(turn: Turn, input: string): Promise<void> {
  const customer = await turn.customer();
  if (!input) {
    const active = customer ? (await activeTickets(turn, customer)).filter((ticket) => customerMayChase(ticket.status)) : [];
    if (active.length === 0) {
      turn.say(t(turn.language, "bot.status.none"));
      return;
    }
    if (active.length > 1) {
      turn.say({
        text: t(turn.language, "bot.chase.choose"),
        choices: active.slice(0, 6).map((ticket) => [{ label: `${ticket.number} · ${preview(ticket.description, 24)}`, payload: payload.chase(ticket.number) }]),
      });
      return;
    }
    input = active[0]?.number ?? "";
  }
  if (!customer) {
    turn.say(t(turn.language, "error.not_found"));
    return;
  }
  const ticket = await turn.core.chase(input, turn.customerInitiator(customer));
  turn.say({ text: t(turn.language, "bot.chase.done", { number: ticket.number }), about: { ticketNumber: ticket.number, kind: "notice" } });
}
