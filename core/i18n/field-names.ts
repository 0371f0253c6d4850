import type { Language } from "../tickets/types.ts";
import { isMessageKey, translate } from "./index.ts";

/**
 * Every field a validation error may name: the report's fields, staff command and API bodies,
 * survey answers, staff registration, SLA settings and the calendar. Each has a name per
 * language (`field.name.<field>` in the catalogs), so people never read `assignee` or
 * `identities`; test/core/i18n/field-names.test.ts checks the list against the schemas and
 * the errors the code raises.
 */
export const VALIDATION_FIELDS = [
  // a report
  "name",
  "phone",
  "email",
  "description",
  "product",
  "address",
  "preferredTime",
  "category",
  "placeholderName",
  "scheduleYears",
  "channel",
  "sourceMessageId",
  "language",
  "identity",
  "externalId",
  "phoneVerified",
  "attachments",
  "photos",
  "fileName",
  "mimeType",
  "sizeBytes",
  "storagePath",
  // staff work on tickets
  "status",
  "urgency",
  "assignee",
  "appointmentAt",
  "note",
  "text",
  "message",
  "visibility",
  "reason",
  "resolution",
  "outcome",
  "nextAttemptAt",
  "limit",
  "offset",
  "body",
  // surveys
  "score",
  "comment",
  // staff registration
  "role",
  "workCenterId",
  "identities",
  "telegramId",
  "apiTokenHash",
  // console sign-in
  "password",
  "currentPassword",
  // SLA policies and the business calendar
  "firstResponse",
  "amount",
  "unit",
  "timeZone",
  "hours",
  "hoursByWeekday",
  "weekendDays",
  "holidays",
  "makeUpWorkdays",
  "date",
  "start",
  "end",
  "zh",
  "en",
] as const;

export type ValidationField = (typeof VALIDATION_FIELDS)[number];

/** One field's name for people; a field outside the list keeps its raw name (the test keeps the list whole). */
export function describeFieldName(language: Language, field: string): string {
  const key = `field.name.${field}`;
  return isMessageKey(key) ? translate(language, key) : field;
}

/**
 * A field path as zod reports it (`identities.0.externalId`, `0.firstResponse.amount`) for
 * people: each named part by its name, a list position counted from 1 ("Chat accounts 1 ›
 * Account id").
 */
export function describeFieldPath(language: Language, path: string): string {
  const parts: string[] = [];
  for (const segment of path.split(".").filter(Boolean)) {
    if (/^\d+$/.test(segment)) {
      const position = String(Number(segment) + 1);
      if (parts.length === 0) parts.push(translate(language, "field.name.row", { position }));
      else parts[parts.length - 1] = `${parts[parts.length - 1]} ${position}`;
    } else {
      parts.push(describeFieldName(language, segment));
    }
  }
  return parts.length ? parts.join(" › ") : describeFieldName(language, "body");
}
