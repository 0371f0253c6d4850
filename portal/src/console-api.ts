/**
 * The staff console's part of the pages' contract (`Astro.locals.portal.staff`): what the
 * pages under /staff call and the states they render. server/portal/console-*.ts implements
 * it over the core; the pages hold markup only.
 */
import type { StaffRole, TicketStatus, Urgency } from "../../core/index.ts";

export type ConsoleMember = {
  id: string;
  name: string;
  role: StaffRole;
  roleLabel: string;
  /** The core's `manageStaff`: the navigation shows the admin pages only then. */
  isAdmin: boolean;
};

export type Option = { value: string; label: string; selected?: boolean };

export type SignInResult =
  | { kind: "signed-in"; location: string }
  | { kind: "error"; status: number; message: string; name: string; linkToken: string | null };

export type AccountState = {
  member: ConsoleMember;
  hasPassword: boolean;
  passwordMinLength: number;
  notice: string | null;
  error: string | null;
};

/** `field`: the error belongs beside that field (the current password), not above the form. */
export type AccountResult = { kind: "redirect"; location: string } | { kind: "error"; status: number; message: string; field?: "currentPassword" };

export const QUEUE_KEYS = ["mine", "unassigned", "work_center", "breaching", "pending", "approval", "followups", "open", "all"] as const;
export type QueueKey = (typeof QUEUE_KEYS)[number];

export type DueTone = "ok" | "warn" | "late" | "paused" | "none";

export type QueueRow = {
  number: string;
  href: string;
  customer: string;
  phone: string;
  summary: string;
  status: TicketStatus;
  statusLabel: string;
  urgency: Urgency;
  urgencyLabel: string;
  categoryLabel: string;
  channelLabel: string;
  due: { label: string; at: string; tone: DueTone };
  assignee: string;
  created: string;
};

export type FollowUpRow = { number: string; href: string; customer: string; phone: string; note: string; due: string; overdue: boolean };

export type QueueFilterField = "status" | "category" | "urgency" | "channel" | "wc" | "from" | "to" | "search";

export type QueueView = {
  queue: QueueKey;
  queues: { key: QueueKey; label: string; count: number; href: string; current: boolean }[];
  filters: {
    values: Record<QueueFilterField, string>;
    options: { status: Option[]; category: Option[]; urgency: Option[]; channel: Option[]; wc: Option[] };
    active: boolean;
  };
  rows: QueueRow[];
  followUps: FollowUpRow[];
  total: number;
  nextHref: string | null;
  firstHref: string | null;
  updatedAt: string;
  notice: string | null;
};

export type ConsoleTimelineEntry = { at: string; iso: string; label: string; text: string | null; internal: boolean; by: string; channel: string };

export type ConsoleAttachment = { id: string; name: string; href: string; isImage: boolean; size: string };

export type SlaClockView = { label: string; statusLabel: string; due: string; remaining: string; tone: DueTone };

export type ConsoleTicketActions = {
  /** The core's rule (technicians only on their own tickets): the acting forms show only when true. */
  mayWork: boolean;
  canTake: boolean;
  canAssign: boolean;
  assignees: Option[];
  statuses: Option[];
  canSchedule: boolean;
  canApprove: boolean;
  canClose: boolean;
  canReopen: boolean;
  canCancel: boolean;
  categories: Option[];
  urgencies: Option[];
  followUpOpen: boolean;
};

export type ConsoleTicketView = {
  number: string;
  status: TicketStatus;
  statusLabel: string;
  urgency: Urgency;
  urgencyLabel: string;
  categoryLabel: string;
  steps: { label: string; state: "done" | "current" | "todo" }[];
  cancelled: boolean;
  sla: SlaClockView[];
  customer: { label: string; value: string }[];
  details: { label: string; value: string }[];
  description: string;
  resolution: string | null;
  classification: { summary: string; reasons: string[] } | null;
  timeline: ConsoleTimelineEntry[];
  attachments: ConsoleAttachment[];
  otherTickets: { number: string; href: string; statusLabel: string; created: string; summary: string }[];
  actions: ConsoleTicketActions;
  notice: string | null;
  /** Local date-time for the appointment field (desk time), the current one if set. */
  appointmentValue: string;
};

export type ConsoleActionResult = { kind: "redirect"; location: string } | { kind: "error"; status: number; message: string };

export type ConsoleFile = { body: Uint8Array<ArrayBuffer>; mimeType: string; fileName: string; inline: boolean };

/** A chat account of a member, as the staff page lists it. */
export type AdminIdentity = { channel: string; channelLabel: string; externalId: string };

export type AdminStaffRow = {
  id: string;
  name: string;
  role: StaffRole;
  roleLabel: string;
  active: boolean;
  statusLabel: string;
  workCenterId: string;
  workCenterName: string;
  identities: AdminIdentity[];
  /** "Expires 1 Mar 2027, 10:00", "Expired …" or "No token". */
  tokenLabel: string;
  tokenExpired: boolean;
  /** The signed-in admin's own row: no deactivate or demote forms (the core refuses them too). */
  isSelf: boolean;
};

export type AdminStaffView = {
  member: ConsoleMember;
  rows: AdminStaffRow[];
  roles: Option[];
  workCenters: Option[];
  linkChannels: Option[];
  tokenLifetimeDays: number;
  notice: string | null;
  error: string | null;
  /** A token just issued: shown on this response only, never stored or put in a URL. */
  issuedToken: { name: string; token: string; expires: string } | null;
};

export type AdminWorkCenterRow = { id: string; name: string; members: { id: string; name: string; roleLabel: string; active: boolean }[] };

export type AdminWorkCentersView = {
  member: ConsoleMember;
  centers: AdminWorkCenterRow[];
  notice: string | null;
  error: string | null;
};

/** An admin page as the pages render it: the sign-in redirect, the 403 page (in the member's language, no data), or the page. */
export type AdminPage<View> = { kind: "signed-out" } | { kind: "forbidden"; member: ConsoleMember; message: string } | { kind: "page"; view: View };

/** The outcome of an admin form: back to the page (post/redirect/get), the page with an error, or the page showing a new token once. */
export type AdminActionResult =
  | { kind: "redirect"; location: string }
  | { kind: "error"; status: number; message: string }
  | { kind: "token"; name: string; token: string; expires: string };

export type ConsoleApi = {
  /** The signed-in member (null: signed out, idle too long, or deactivated). */
  me(): Promise<ConsoleMember | null>;
  /** `action=link` (the one-time token) or `action=password` (name + password). */
  signIn(form: FormData, next: string | null): Promise<SignInResult>;
  /** `everywhere=1` ends every session of the member. */
  signOut(form: FormData): Promise<{ location: string }>;
  account(notice: string | null): Promise<AccountState | null>;
  saveAccount(form: FormData): Promise<AccountResult>;
  queue(params: URLSearchParams): Promise<QueueView | null>;
  ticket(number: string, done: string | null): Promise<ConsoleTicketView | null>;
  act(number: string, form: FormData): Promise<ConsoleActionResult>;
  file(number: string, attachmentId: string): Promise<ConsoleFile | null>;
  /** Staff (admins): everybody with role, work center, chat accounts and token state. */
  adminStaff(done: string | null, outcome?: AdminActionResult): Promise<AdminPage<AdminStaffView>>;
  /** Work centers (admins) with their members. */
  adminWorkCenters(done: string | null, outcome?: AdminActionResult): Promise<AdminPage<AdminWorkCentersView>>;
  /** One admin form (`action=…`), as the signed-in member; every rule is the core's. */
  adminAct(page: "staff" | "work-centers", form: FormData): Promise<AdminActionResult>;
  /** The one-time-notice texts of the sign-in page (`?done=`). */
  loginNotice(done: string | null): string | null;
};
