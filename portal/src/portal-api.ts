/**
 * The contract between the portal's pages and the server that runs them: what a page finds
 * in `Astro.locals` and the states it renders. The pages own this file; server/portal/
 * implements it (portal-services.ts), so portal/ imports nothing from server/.
 */
import type {
  Article,
  ArticleBlock,
  ArticleSummary,
  Category,
  Core,
  Language,
  MessageKey,
  MessageParams,
  SearchHit,
  TicketStatus,
  Urgency,
} from "../../core/index.ts";

import type { ConsoleApi } from "./console-api.ts";

export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** A cookie for the Astro middleware to set on the response (portal/src/middleware.ts). */
export type PendingCookie = {
  name: string;
  value: string;
  /** Omitted: a session cookie. 0: delete it. */
  maxAgeSeconds?: number;
};

export type StepState = "done" | "current" | "todo";

export type TicketPresentation = {
  number: string;
  status: TicketStatus;
  statusLabel: string;
  /** One line on what happens next in this status, for the customer. */
  statusNext: string;
  cancelled: boolean;
  steps: { label: string; state: StepState; stateLabel: string }[];
  details: { label: string; value: string; muted?: boolean }[];
  timeline: { at: string; iso: string; label: string; text?: string; byCustomer: boolean }[];
  updatedAt: string;
  canChase: boolean;
  canMessage: boolean;
  /** Resolved: "it is fixed" closes the ticket. */
  canConfirm: boolean;
  /** Resolved or closed: "not fixed" sends it back (or opens a follow-up after the reopen window). */
  canReportNotFixed: boolean;
  /** Open: the customer may cancel it. */
  canCancel: boolean;
  /** The earlier ticket this one follows up, if any. */
  followUpOf: string | null;
};

export type ReportField = "name" | "phone" | "email" | "product" | "category" | "description" | "address" | "preferredTime";
export type ReportValues = { [F in ReportField]: string };
/** Messages per field, plus `photos` and `form` (about the whole form). */
export type ReportErrors = Partial<Record<ReportField | "photos" | "form", string[]>>;

export type CreatedTicket = {
  number: string;
  urgency: Urgency;
  category: Category;
  firstResponseDueAt: string | null;
  resolutionDueAt: string | null;
  photoCount: number;
  /**
   * For an urgent report, what to tell the reporter (in their language): "the supervisor on duty
   * has been alerted" only when one really was; otherwise what to do and the hotline.
   */
  urgentNotices: string[];
  /** Safety advice for the dangers the report describes (knowledge-base articles), shown first. */
  safetyAdvice: { slug: string; title: string; blocks: ArticleBlock[] }[];
  /** What the desk will send the customer and where (masked), or that updates are on the ticket page only. */
  updates: string[];
};

export type ReportFormState =
  | { kind: "form"; status: number; values: ReportValues; errors: ReportErrors; formId: string }
  /** Too many reports from this address this hour: nothing to correct; `retryAt` (ISO) is when another is taken. */
  | { kind: "limited"; status: number; values: ReportValues; formId: string; retryAt: string }
  | { kind: "created"; status: number; ticket: CreatedTicket };

export type LookupState =
  | { kind: "form"; status: number; values: { number: string; phone: string }; errors: Partial<Record<"number" | "phone" | "form", string[]>> }
  | { kind: "found"; number: string };

/**
 * `reopenWindowDays`: within this many days of closing, "not fixed" reopens the ticket (after: a follow-up ticket).
 * `updates`: what the desk sends the customer about this ticket and where, as on the confirmation page.
 */
export type TicketPageState = { kind: "view"; ticket: TicketPresentation; surveyPath: string | null; reopenWindowDays: number; updates: string[] } | { kind: "need-proof" };

export type TicketActionResult =
  | { kind: "redirect"; location: string }
  | { kind: "error"; status: number; message: string; field?: "message" | "not_fixed" | "cancel" };

export type SurveyState =
  | { kind: "open"; status: number; ticketNumber: string; values: { score: string; comment: string }; errors: Partial<Record<"score" | "comment" | "form", string[]>> }
  | { kind: "thanks"; status: number; score: number }
  | { kind: "answered" | "expired"; status: number; message: string }
  | { kind: "invalid"; status: number };

export type ArticleView = { article: Article; blocks: ArticleBlock[]; otherLanguage: boolean };

/**
 * A chat channel customers can reach the desk on, with how to reach it: only channels that are
 * configured and have a handle (the Telegram bot's username, the WeChat ID) are listed.
 */
export type ContactChannel = { channel: "telegram"; handle: string; href: string } | { channel: "wechat"; handle: string };

/** What pages get as `Astro.locals.portal`: one per request, in the reader's language. */
export type PortalApi = {
  language: Language;
  t: Translate;
  formatDateTime: (value: string | Date | null | undefined) => string;
  csrfToken: string;
  /** Cookies for the middleware to set on the response. */
  pendingCookies: PendingCookie[];
  attachmentLimits: { maxPhotos: number; maxPhotoBytes: number; maxPhotoSize: string };
  /** Whether the desk sends e-mail to customers (SMTP configured): the report form asks for an address only then. */
  emailUpdates: boolean;
  /** The longest text each field takes (characters), the core's limits: pages use them for `maxlength`. */
  textLimits: { [F in Exclude<ReportField, "category"> | "message" | "comment"]: number };
  /** The desk's chat channels (footer, FAQ articles); empty when none is configured. */
  contactChannels: ContactChannel[];
  /** The service catalog for the report form's choice, in the reader's language. */
  categories: { value: Category; label: string }[];
  report: {
    blank(): ReportFormState;
    submit(form: FormData): Promise<ReportFormState>;
  };
  track: {
    lookup(form: FormData): Promise<LookupState>;
    view(numberInput: string): Promise<TicketPageState>;
    /** The ticket page's buttons: chase, add information, confirm the fix, not fixed, cancel, hide the ticket on this device. */
    act(numberInput: string, form: FormData): Promise<TicketActionResult>;
  };
  survey: {
    read(token: string): Promise<SurveyState>;
    answer(token: string, form: FormData): Promise<SurveyState>;
  };
  /** The staff console (/staff): sign-in, queues, the ticket page and its actions. */
  staff: ConsoleApi;
  faq: {
    list(): Promise<ArticleSummary[]>;
    search(query: string): Promise<SearchHit[]>;
    get(slug: string): Promise<ArticleView | null>;
  };
};

/**
 * `Astro.locals` of every portal page (typed for pages in env.d.ts). Pages get everything at
 * run time from here and import only types from outside portal/: a value imported into the
 * Astro build would be a second copy of the module, and errors thrown by the real core would
 * not be `instanceof` the copy's classes.
 */
export type PortalLocals = {
  core: Core;
  portal: PortalApi;
  /** Cookies go out with `Secure` when PUBLIC_URL is https. */
  secureCookies: boolean;
  htmlLang: string;
  /**
   * A POST's form, read once by the middleware (portal/src/middleware.ts) before the page
   * runs; a body that is not a readable form is answered there with a 400 page.
   */
  form?: FormData;
};
