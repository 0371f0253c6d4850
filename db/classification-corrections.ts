import { parseEventDetails, type Category, type Urgency } from "../core/index.ts";
import type { Database } from "./open-database.ts";
import { parseJsonColumn } from "./row-mappers.ts";

export type CorrectionExample = { id: string; text: string; category: Category; urgency: Urgency };

/**
 * Tickets whose category or urgency staff corrected, as labeled training lines: the report's
 * text with the labels it should have had at intake — the last correction of each label, or
 * else what the classifier said. Urgency raised later by chases or escalations is not a
 * label: it describes what happened after the report, not the report. The id is stable per
 * ticket, so a ticket corrected twice trains once, with its final labels.
 */
export async function exportClassificationCorrections(db: Database): Promise<CorrectionExample[]> {
  const corrected = await db.ticketEvent.findMany({
    where: { type: { in: ["category_changed", "urgency_changed"] }, data: { contains: '"correction":true' } },
    select: { ticketId: true },
    distinct: ["ticketId"],
  });
  if (corrected.length === 0) return [];
  const tickets = await db.ticket.findMany({
    where: { id: { in: corrected.map((row) => row.ticketId) } },
    select: {
      id: true,
      description: true,
      product: true,
      category: true,
      urgency: true,
      events: { where: { type: { in: ["created", "category_changed", "urgency_changed"] } }, orderBy: { id: "asc" }, select: { type: true, data: true } },
    },
    orderBy: { createdAt: "asc" },
  });
  return tickets.map((ticket) => {
    let category = ticket.category as Category;
    let urgency = ticket.urgency as Urgency;
    for (const event of ticket.events) {
      const details = parseEventDetails(event.type, event.data ? parseJsonColumn(event.data) : undefined);
      if (details?.type === "created") {
        category = details.data.classification.category;
        urgency = details.data.classification.urgency;
      } else if (details?.type === "category_changed" && details.data.correction) {
        category = details.data.to;
      } else if (details?.type === "urgency_changed" && details.data.correction) {
        urgency = details.data.to;
      }
    }
    return { id: `correction-${ticket.id}`, text: [ticket.description, ticket.product].filter(Boolean).join("\n"), category, urgency };
  });
}
