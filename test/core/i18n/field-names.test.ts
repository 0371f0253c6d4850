import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AppError, describeError, LANGUAGES, translate, type MessageKey } from "../../../core/index.ts";
import { describeFieldPath, VALIDATION_FIELDS } from "../../../core/i18n/field-names.ts";
import { STAFF_BODIES } from "../../../server/http/staff-routes.ts";

/**
 * Names the scan finds that are not fields: the staff API's named bodies (`STAFF_BODIES.assign`
 * is a body, its keys are the fields), and the portal ticket page's action forms (an error
 * beside the "not fixed" form, never a validation field).
 */
const NOT_FIELDS = new Set<string>([...Object.keys(STAFF_BODIES), "not_fixed"]);

const root = join(import.meta.dirname, "../../..");
const read = (path: string) => readFileSync(join(root, path), "utf8");
const sourceFiles = (folder: string): string[] =>
  readdirSync(join(root, folder), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts"))
    .map((file) => join(folder, file));

/** The files whose zod schemas check what people send (reports, bodies, answers, settings). */
const SCHEMA_FILES = [
  "core/tickets/report.ts",
  "core/staff/register-staff.ts",
  "core/surveys/answer-survey.ts",
  "core/surveys/add-survey-comment.ts",
  "core/sla/policy-schema.ts",
  "core/sla/calendar-config.ts",
  "server/http/staff-routes.ts",
  "server/http/public-routes.ts",
];

/** Every field name validation can report: schema keys and the fields errors name by hand. */
function fieldsUsedByValidation(): Set<string> {
  const used = new Set<string>();
  for (const file of SCHEMA_FILES) {
    for (const match of read(file).matchAll(/\b(\w+):\s*(?:z\.(?!core\b|input\b|output\b|infer\b|Zod)|nullableToOptional\(|checkedText\(|optionalText\(|textBody\(|list\(|[a-z]\w*Schema\b)/g)) used.add(match[1]!);
    for (const match of read(file).matchAll(/textBody\("(\w+)"/g)) used.add(match[1]!);
  }
  for (const file of [...sourceFiles("core"), ...sourceFiles("server"), ...sourceFiles("bot")]) {
    for (const match of read(file).matchAll(/(?:fields: \[|field: |path: \[)"(\w+)"/g)) used.add(match[1]!);
  }
  for (const name of NOT_FIELDS) used.delete(name);
  return used;
}

describe("field names in errors", () => {
  it("lists every field the schemas and the use cases name", () => {
    const used = fieldsUsedByValidation();
    expect(used.size).toBeGreaterThan(40);
    const missing = [...used].filter((field) => !(VALIDATION_FIELDS as readonly string[]).includes(field));
    expect(missing).toEqual([]);
  });

  it("names each field for people in all three languages", () => {
    for (const language of LANGUAGES) {
      for (const field of VALIDATION_FIELDS) {
        const name = translate(language, `field.name.${field}` as MessageKey);
        expect(name, `${language} ${field}`).not.toBe("");
        expect(name, `${language} ${field}`).not.toBe(field);
        if (language !== "en") expect(name, `${language} ${field}`).toMatch(/[\u4e00-\u9fff]|^Telegram ID$|^API/);
      }
    }
  });

  it("never shows a raw field name in a validation message", () => {
    const error = new AppError("validation", { params: { fields: ["assignee", "text", "identities.0.externalId", "0.firstResponse.amount"] } });
    expect(describeError("en", error).message).toBe(
      "Some information is missing or not valid: Assignee (staff member), Message text, Chat accounts 1 › Account id, Entry 1 › First-response target › Amount. Please correct it and try again.",
    );
    expect(describeError("zh-Hans", error).message).toBe(
      "有信息缺失或不正确：处理人（服务人员）、内容、聊天账号 1 › 账号 ID、第 1 项 › 首次响应时限 › 数值。请修改后重试。",
    );
    for (const language of LANGUAGES) {
      const message = describeError(language, error).message;
      // English names may hold the same plain words ("Message text"); the raw keys never appear.
      const raws = language === "en" ? ["assignee", "identities", "externalId", "firstResponse"] : ["assignee", "text", "identities", "externalId", "firstResponse", "amount"];
      for (const raw of raws) expect(message, language).not.toMatch(new RegExp(`\\b${raw}\\b`));
    }
  });

  it("says what is wrong with each field it knows about", () => {
    const error = new AppError("validation", { params: { fields: ["appointmentAt"], issues: [{ field: "appointmentAt", problem: { kind: "in_past" } }] } });
    expect(describeError("en", error).message).toBe(
      "Some information is missing or not valid: Visit time. Please correct it and try again.\nVisit time: This time has already passed: choose a time in the future.",
    );
    expect(describeFieldPath("zh-Hant", "identity.externalId")).toBe("聊天帳號 › 帳號 ID");
  });
});
