import { CATEGORIES, LANGUAGES, parseSurveyScore, URGENCIES, type Category, type Language, type Urgency } from "../../core/index.ts";
import { REPORT_STEPS, type ReportStep } from "./types.ts";

/**
 * Button payloads: short, typed, and never derived from what a button says. Telegram allows
 * 64 bytes of callback data; the longest here (`st:to:<number>:<uuid>`) needs 57.
 */
export const payload = {
  menuReport: "m:report",
  menuStatus: "m:status",
  menuFaq: "m:faq",
  language: (language: Language) => `l:${language}`,
  categoryOk: "r:ok",
  categoryChange: "r:cat",
  category: (category: Category) => `r:c:${category}`,
  skip: "r:skip",
  photosDone: "r:done",
  confirm: "r:confirm",
  edit: "r:edit",
  cancel: "r:cancel",
  editField: (step: ReportStep) => `r:e:${step}`,
  offerYes: "o:yes",
  offerNo: "o:no",
  offerAdd: (number: string) => `o:add:${number}`,
  chase: (number: string) => `c:${number}`,
  fixed: (number: string) => `f:ok:${number}`,
  notFixed: (number: string) => `f:no:${number}`,
  cancelTicket: (number: string, action: "ask" | "yes" | "no") => `x:${action}:${number}`,
  survey: (key: string, score: number) => `sv:${key}:${score}`,
  surveyDone: (key: string) => `sv:${key}:done`,
  staffTake: (number: string) => `st:take:${number}`,
  staffAssignMenu: (number: string) => `st:asg:${number}`,
  staffAssignTo: (number: string, staffId: string) => `st:to:${number}:${staffId}`,
  staffUrgencyMenu: (number: string) => `st:urg:${number}`,
  staffUrgency: (number: string, urgency: Urgency) => `st:u:${number}:${urgency}`,
} as const;

export type Button =
  | { kind: "menu"; item: "report" | "status" | "faq" }
  | { kind: "language"; language: Language }
  | { kind: "report"; action: "ok" | "change_category" | "skip" | "photos_done" | "confirm" | "edit" | "cancel" }
  | { kind: "report_category"; category: Category }
  | { kind: "report_edit"; step: ReportStep }
  | { kind: "offer"; action: "yes" | "no" }
  | { kind: "offer_add"; number: string }
  | { kind: "chase"; number: string }
  | { kind: "fix"; action: "ok" | "no"; number: string }
  | { kind: "cancel_ticket"; action: "ask" | "yes" | "no"; number: string }
  | { kind: "survey"; key: string; score: number | "done" }
  | { kind: "staff_take"; number: string }
  | { kind: "staff_assign_menu"; number: string }
  | { kind: "staff_assign"; number: string; staffId: string }
  | { kind: "staff_urgency_menu"; number: string }
  | { kind: "staff_urgency"; number: string; urgency: Urgency };

const REPORT_ACTIONS = {
  ok: "ok",
  cat: "change_category",
  skip: "skip",
  done: "photos_done",
  confirm: "confirm",
  edit: "edit",
  cancel: "cancel",
} as const;

const isOneOf = <T extends string>(values: readonly T[], value: string | undefined): value is T =>
  value !== undefined && (values as readonly string[]).includes(value);

/** Reads a payload back; anything unknown or malformed is null (a stale or forged button). */
export function parseButton(data: string): Button | null {
  const [head, first, second, third] = data.split(":");
  switch (head) {
    case "m":
      return first === "report" || first === "status" || first === "faq" ? { kind: "menu", item: first } : null;
    case "l":
      return isOneOf(LANGUAGES, first) ? { kind: "language", language: first } : null;
    case "r":
      if (first === "c") return isOneOf(CATEGORIES, second) ? { kind: "report_category", category: second } : null;
      if (first === "e") return isOneOf(REPORT_STEPS, second) ? { kind: "report_edit", step: second } : null;
      return first !== undefined && Object.hasOwn(REPORT_ACTIONS, first)
        ? { kind: "report", action: REPORT_ACTIONS[first as keyof typeof REPORT_ACTIONS] }
        : null;
    case "o":
      if (first === "yes" || first === "no") return { kind: "offer", action: first };
      return first === "add" && second ? { kind: "offer_add", number: second } : null;
    case "c":
      return first ? { kind: "chase", number: first } : null;
    case "f":
      return (first === "ok" || first === "no") && second ? { kind: "fix", action: first, number: second } : null;
    case "x":
      return (first === "ask" || first === "yes" || first === "no") && second ? { kind: "cancel_ticket", action: first, number: second } : null;
    case "sv": {
      if (!first || !second) return null;
      if (second === "done") return { kind: "survey", key: first, score: "done" };
      const score = parseSurveyScore(second);
      return score === null ? null : { kind: "survey", key: first, score };
    }
    case "st":
      if (!second) return null;
      switch (first) {
        case "take":
          return { kind: "staff_take", number: second };
        case "asg":
          return { kind: "staff_assign_menu", number: second };
        case "to":
          return third ? { kind: "staff_assign", number: second, staffId: third } : null;
        case "urg":
          return { kind: "staff_urgency_menu", number: second };
        case "u":
          return isOneOf(URGENCIES, third) ? { kind: "staff_urgency", number: second, urgency: third } : null;
        default:
          return null;
      }
    default:
      return null;
  }
}

/** The buttons on staff posts; each is handled in the file of its staff command (staff-commands/). */
export type StaffButton = Extract<Button, { kind: `staff_${string}` }>;

export function isStaffButton(button: Button): button is StaffButton {
  return button.kind.startsWith("staff_");
}
