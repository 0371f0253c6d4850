import {
  checkReportField,
  describeUrgentIntake,
  isAppError,
  normalizePhone,
  REPORT_LIMITS,
  type ReportFieldProblem,
  type Category,
  type Core,
  type Language,
} from "../../core/index.ts";
import { checkPhoto, MAX_ATTACHMENT_LABEL, type AttachmentStorage, type SavedAttachment } from "../attachments.ts";
import type { SpooledForm } from "./spool-upload.ts";
import { describeContactUpdates } from "./contact-updates.ts";
import type { ReportErrors, ReportField, ReportFormState, ReportValues, Translate } from "../../portal/src/portal-api.ts";

export type { ReportFormState };

export const REPORT_FIELDS = ["name", "phone", "email", "product", "category", "description", "address", "preferredTime"] as const satisfies readonly ReportField[];

export const EMPTY_REPORT: ReportValues = { name: "", phone: "", email: "", product: "", category: "", description: "", address: "", preferredTime: "" };


/** A one-time form id: the same form sent twice (double click, retry) makes one ticket. */
export const FORM_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

export function readReportValues(form: FormData): ReportValues {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value.replace(/\r\n?/g, "\n").trim() : "";
  };
  return {
    name: text("name"),
    phone: text("phone"),
    email: text("email"),
    product: text("product"),
    category: text("category"),
    description: text("description"),
    address: text("address"),
    preferredTime: text("preferredTime"),
  };
}

/** The core's field rule (checkReportField), with a message per field in the reader's language. */
export function validateReportValues(values: ReportValues, t: Translate): ReportErrors {
  const errors: ReportErrors = {};
  for (const field of REPORT_FIELDS) {
    const problem = checkReportField(field, values[field]);
    if (problem) (errors[field] ??= []).push(problemMessage(field, problem, t));
  }
  return errors;
}

function problemMessage(field: ReportField, problem: ReportFieldProblem, t: Translate): string {
  switch (problem.kind) {
    case "too_long":
      return t("portal.form.error.too_long", { max: problem.max });
    case "phone_invalid":
      return t("portal.form.error.phone_invalid");
    case "email_invalid":
      return t("portal.form.error.email_invalid");
    case "category_invalid":
      return t("portal.form.error.category_invalid");
    case "ill_formed_text":
      return t("field.problem.ill_formed_text");
    case "required":
    case "too_short":
      return t(field === "name" ? "portal.form.error.name_required" : field === "phone" ? "portal.form.error.phone_invalid" : "portal.form.error.description_required");
  }
}

/** A chosen photo, checked by its size and first bytes, stored by `save`. */
type PhotoFile = { name: string; type: string; size: number; head: Uint8Array; save(attachments: AttachmentStorage): Promise<SavedAttachment> };

/**
 * The chosen photos: streamed to disk by the server (`spooled`, server/portal/spool-upload.ts),
 * or File entries of the form (a form built in memory); a file input left empty still sends
 * one nameless, empty part.
 */
export async function readPhotos(form: FormData, spooled?: Pick<SpooledForm, "files">, field = "photos"): Promise<PhotoFile[]> {
  if (spooled) {
    return spooled.files
      .filter((file) => file.field === field)
      .map((file) => ({ name: file.name, type: file.declaredType, size: file.size, head: file.head, save: (attachments) => attachments.adoptUpload({ ...file, fileName: file.name }) }));
  }
  const photos: PhotoFile[] = [];
  for (const entry of form.getAll(field)) {
    if (typeof entry === "string") continue;
    if (entry.size === 0 && !entry.name) continue;
    const bytes = new Uint8Array(await entry.arrayBuffer());
    const name = entry.name || "photo";
    photos.push({ name, type: entry.type, size: bytes.byteLength, head: bytes, save: (attachments) => attachments.saveAttachment({ bytes, fileName: name, declaredType: entry.type }) });
  }
  return photos;
}

/** Size and type of each photo by its bytes; one message per refused photo. */
export function checkPhotos(photos: readonly PhotoFile[], t: Translate): string[] {
  if (photos.length > REPORT_LIMITS.attachments) return [t("portal.form.error.photos_too_many", { max: REPORT_LIMITS.attachments })];
  const messages: string[] = [];
  for (const photo of photos) {
    try {
      checkPhoto({ head: photo.head, size: photo.size, fileName: photo.name, declaredType: photo.type });
    } catch (error) {
      if (!isAppError(error)) throw error;
      if (error.code === "payload_too_large") messages.push(t("portal.form.error.photo_too_large", { file: photo.name, limit: MAX_ATTACHMENT_LABEL }));
      else if (error.code === "unsupported_media") messages.push(t("portal.form.error.photo_type", { file: photo.name }));
      else messages.push(t("portal.form.error.photo_empty", { file: photo.name }));
    }
  }
  return messages;
}

/**
 * The report form's POST: checks every field and photo (all problems at once, each beside
 * its field, values kept), then saves the photos and creates the ticket. The form id makes
 * the intake idempotent, so a double submit shows the same ticket instead of making two.
 */
export async function submitReport(
  deps: { core: Core; attachments: AttachmentStorage; t: Translate; language: Language },
  form: FormData,
  formId: string,
  spooled?: Pick<SpooledForm, "files" | "tooManyFiles">,
): Promise<ReportFormState> {
  const { core, attachments, t } = deps;
  const values = readReportValues(form);
  const errors = validateReportValues(values, t);
  const photos = await readPhotos(form, spooled);
  const photoErrors = spooled?.tooManyFiles ? [t("portal.form.error.photos_too_many", { max: REPORT_LIMITS.attachments })] : checkPhotos(photos, t);
  if (photoErrors.length) errors.photos = photoErrors;
  if (Object.keys(errors).length > 0) {
    if (photos.length && !errors.photos) errors.photos = [t("portal.form.error.photos_reselect")];
    return { kind: "form", status: 400, values, errors, formId };
  }

  const saved: SavedAttachment[] = [];
  try {
    for (const photo of photos) saved.push(await photo.save(attachments));
    const intake = await core.intake({
      name: values.name,
      phone: values.phone,
      ...(values.email ? { email: values.email } : {}),
      description: values.description,
      ...(values.product ? { product: values.product } : {}),
      ...(values.address ? { address: values.address } : {}),
      ...(values.preferredTime ? { preferredTime: values.preferredTime } : {}),
      ...(values.category ? { category: values.category as Category } : {}),
      channel: "portal",
      sourceMessageId: `portal-form:${formId}`,
      language: deps.language,
      attachments: saved,
    });
    const { ticket, created } = intake;
    if (!created) {
      // A repeated submit: the first one's photos are on the ticket already.
      await attachments.removeAttachments(saved);
      // The same form id with another phone is not a double click: never show that ticket.
      if (ticket.phone !== normalizePhone(values.phone)) {
        return { kind: "form", status: 409, values, errors: { form: [t("portal.form.error.expired")] }, formId: "" };
      }
    }
    return {
      kind: "created",
      status: created ? 201 : 200,
      ticket: {
        number: ticket.number,
        urgency: ticket.urgency,
        category: ticket.category,
        firstResponseDueAt: ticket.firstResponseDueAt?.toISOString() ?? null,
        resolutionDueAt: ticket.resolutionDueAt?.toISOString() ?? null,
        photoCount: ticket.attachments.length,
        urgentNotices: describeUrgentIntake(deps.language, intake, core.settings().deskHotline),
        safetyAdvice: (await core.safetyAdvice(intake.hazards, deps.language)).map(({ slug, title, blocks }) => ({ slug, title, blocks })),
        updates: describeContactUpdates(ticket, core.settings().contactChannels, t),
      },
    };
  } catch (error) {
    await attachments.removeAttachments(saved).catch(() => undefined);
    if (isAppError(error) && error.code === "validation") {
      // The core's schema is the last word; name the fields it refused.
      const fields = Array.isArray(error.params.fields) ? (error.params.fields as unknown[]).map(String) : [];
      const refused: ReportErrors = {};
      for (const field of fields) {
        const key = (REPORT_FIELDS as readonly string[]).includes(field) ? (field as ReportField) : "form";
        (refused[key] ??= []).push(t("portal.form.error.invalid"));
      }
      return { kind: "form", status: 400, values, errors: Object.keys(refused).length ? refused : { form: [t("portal.form.error.invalid")] }, formId };
    }
    throw error;
  }
}
