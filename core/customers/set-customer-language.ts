import { AppError } from "../errors.ts";
import type { CoreDeps } from "../ports.ts";
import { LANGUAGES, type ChannelIdentity, type Customer, type Language } from "../tickets/types.ts";

/**
 * A customer chose the language they want to be written to (e.g. `/lang en` in a chat):
 * notifications from the outbox are rendered in `Customer.language`, so it is stored on the
 * customer, not only in the chat session.
 *
 * `target` is the customer's id or their account on a channel. An account that is not a
 * customer yet (nobody has reported from it) gives null: the channel keeps the choice in
 * its session and hands it to intake with the first report. An unknown customer id is
 * `not_found`.
 */
export async function setCustomerLanguage(
  deps: Pick<CoreDeps, "customers">,
  target: string | ChannelIdentity,
  language: Language,
): Promise<Customer | null> {
  if (!(LANGUAGES as readonly string[]).includes(language)) {
    throw new AppError("validation", { params: { fields: ["language"] }, detail: `unknown language ${String(language)}` });
  }
  const customer = typeof target === "string" ? await deps.customers.findById(target) : await deps.customers.findByIdentity(target);
  if (!customer) {
    if (typeof target === "string") throw new AppError("not_found", { detail: `customer ${target}` });
    return null;
  }
  if (customer.language === language) return customer;
  return deps.customers.setLanguage(customer.id, language);
}
