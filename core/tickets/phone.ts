/**
 * Phone numbers are stored as digits only, so the same phone typed as `138 0013 8000`,
 * `+86 138-0013-8000` or `13800138000` links to one customer. Mainland mobile numbers lose
 * their country code; other international numbers keep it.
 */
export function normalizePhone(input: string): string | null {
  const trimmed = input.trim();
  if (!/^\+?[\d\s\-().]+$/.test(trimmed)) return null;
  let digits = trimmed.replace(/\D/g, "");
  if (digits.startsWith("0086")) digits = digits.slice(4);
  if (digits.length === 13 && digits.startsWith("86") && digits[2] === "1") digits = digits.slice(2);
  if (digits.length < 7 || digits.length > 15) return null;
  return digits;
}

/** Lookups accept the full phone or its last four digits. */
export function phoneMatches(stored: string, proof: string): boolean {
  const digits = proof.replace(/\D/g, "");
  if (digits.length === 4) return stored.endsWith(digits);
  const normalized = normalizePhone(proof);
  return normalized !== null && normalized === stored;
}

/** For logs and staff previews: `138****8000`. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  if (digits.length <= 4) return "****";
  const head = digits.length >= 11 ? digits.slice(0, 3) : "";
  return `${head}****${digits.slice(-4)}`;
}

/**
 * A phone shown in full, grouped as people read it: fours from the right, so a mainland
 * mobile reads `138 0013 8000` and a landline `021 6123 4567`. Anything that is not a
 * stored phone (digits only) is shown as given.
 */
export function formatPhone(phone: string): string {
  if (!/^\d{5,}$/.test(phone)) return phone;
  const groups: string[] = [];
  for (let end = phone.length; end > 0; end -= 4) groups.unshift(phone.slice(Math.max(0, end - 4), end));
  return groups.join(" ");
}
