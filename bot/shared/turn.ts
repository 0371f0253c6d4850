import type { Core, Customer, Initiator, Language, Staff } from "../../core/index.ts";
import type {
  AttachmentRef,
  BotLogger,
  DialogResult,
  InboundMessage,
  KnowledgeBaseSearch,
  PhoneCodes,
  Reply,
  SeenUserStore,
  Session,
  StoredAttachment,
  SurveyPromptStore,
} from "./types.ts";

/** What the dialog layer needs; the channel adapter builds it once. */
export type DialogDeps = {
  /** The ticket core: every change goes through its use cases. */
  core: Core;
  surveyPrompts: SurveyPromptStore;
  seenUsers: SeenUserStore;
  /** Downloads and stores a file the user sent (the adapter knows its channel's file API). */
  fetchAttachment: (ref: AttachmentRef) => Promise<StoredAttachment>;
  logger: BotLogger;
  /** False for text-only channels: choices are then numbered and a typed number picks one. */
  hasButtons: boolean;
  /** SMS codes that verify a typed phone (when SMS is configured); without them a typed phone stays unverified. */
  phoneCodes?: PhoneCodes;
  /** Overrides the core's knowledge base for `/faq <words>` (tests: a failing search). */
  knowledgeBase?: KnowledgeBaseSearch;
};

/**
 * One inbound message being handled: the sender's session (mutated in place and returned),
 * their language, and the replies collected so far.
 */
export class Turn {
  readonly result: DialogResult;
  language: Language;
  readonly now: Date;
  private customerLookup: Promise<Customer | null> | undefined;
  private staffLookup: Promise<Staff | null> | undefined;

  constructor(
    readonly deps: DialogDeps,
    readonly msg: InboundMessage,
    readonly session: Session,
  ) {
    this.result = { replies: [], session };
    this.language = session.language ?? defaultLanguage(msg.sender.languageHint);
    this.now = deps.core.now();
  }

  get core(): Core {
    return this.deps.core;
  }

  say(reply: Reply | string): void {
    this.result.replies.push(typeof reply === "string" ? { text: reply } : reply);
  }

  /** The sender as a known customer of this channel (null before their first ticket). */
  customer(): Promise<Customer | null> {
    this.customerLookup ??= this.core.customerByIdentity({ channel: this.msg.channel, externalId: this.msg.sender.id });
    return this.customerLookup;
  }

  /** The sender as registered staff, or null. */
  staff(): Promise<Staff | null> {
    this.staffLookup ??= this.core.staff.byIdentity({ channel: this.msg.channel, externalId: this.msg.sender.id });
    return this.staffLookup;
  }

  /** The sender's staff record changed during this turn (renamed): later lookups see the new one. */
  rememberStaff(staff: Staff): void {
    this.staffLookup = Promise.resolve(staff);
  }

  customerInitiator(customer: Customer): Initiator {
    return { actor: { kind: "customer", id: customer.id, name: this.msg.sender.displayName }, channel: this.msg.channel };
  }

  staffInitiator(staff: Staff): Initiator {
    return { actor: { kind: "staff", id: staff.id, name: staff.name }, channel: this.msg.channel };
  }

  get timeZone(): string {
    return this.core.settings().timeZone;
  }

  get numberPrefix(): string {
    return this.core.settings().numberPrefix;
  }
}

/** Chinese for a zh client, English otherwise (contracts: the user's language, switchable). */
export function defaultLanguage(hint: string | undefined): Language {
  return hint?.toLowerCase().startsWith("zh") ? (/hant|tw|hk|mo/i.test(hint) ? "zh-Hant" : "zh-Hans") : "en";
}
