import { AppError, currentPasswordProblem, hasAbility, isAppError, PASSWORD_MIN_LENGTH, type Core, type Staff } from "../../core/index.ts";
import type { AccountResult, AccountState, ConsoleMember, SignInResult } from "../../portal/src/console-api.ts";
import type { Translate } from "../../portal/src/portal-api.ts";
import { COOKIE_NAMES } from "./cookies.ts";
import type { RequestContext } from "./request-context.ts";
import type { SignInLimits } from "./sign-in-limits.ts";

/** The console's per-request view of who is signed in, shared by its features. */
export type ConsoleContext = {
  /** The signed-in member, looked up once per request (null: signed out, idle too long or deactivated). */
  member(): Promise<Staff | null>;
  /** The member, or `unauthorized`. */
  requireMember(): Promise<Staff>;
  describe(staff: Staff): ConsoleMember;
  /** The form came from our page in this browser (the portal's CSRF token). */
  isGenuineForm(form: FormData): boolean;
};

export function createConsoleContext(context: RequestContext, deps: { core: Core }, cookies: Readonly<Record<string, string | undefined>>): ConsoleContext {
  const secret = cookies[COOKIE_NAMES.staff] ?? "";
  let lookup: Promise<Staff | null> | undefined;
  const member = () => (lookup ??= secret ? deps.core.staffAccess.sessionStaff(secret) : Promise.resolve(null));
  return {
    member,
    async requireMember() {
      const staff = await member();
      if (!staff) throw new AppError("unauthorized", { detail: "no console session" });
      return staff;
    },
    describe: (staff) => ({ id: staff.id, name: staff.name, role: staff.role, roleLabel: context.t(`console.role.${staff.role}`), isAdmin: hasAbility(staff.role, "manageStaff") }),
    isGenuineForm: (form) => context.isGenuineForm(form),
  };
}

/** Where to go after signing in: a console path only (never another site). */
export function safeNext(next: string | null): string {
  return next && /^\/staff(?:[/?]|$)/.test(next) && !next.startsWith("//") ? next : "/staff";
}

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

const minutesOf = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));

/** Sign-in, sign-out and the account page (password, sign out everywhere). */
export function consoleSession(
  context: RequestContext,
  console: ConsoleContext,
  deps: { core: Core; signInLimits: SignInLimits },
  cookies: Readonly<Record<string, string | undefined>>,
) {
  const { core, signInLimits } = deps;
  const t: Translate = context.t;
  const startSession = (secret: string) => context.pendingCookies.push({ name: COOKIE_NAMES.staff, value: secret });

  return {
    me: async () => {
      const staff = await console.member();
      return staff ? console.describe(staff) : null;
    },

    loginNotice: (done: string | null) => (done === "signed-out" ? t("console.login.signed_out") : done === "expired" ? t("console.login.session_ended") : null),

    async signIn(form: FormData, next: string | null): Promise<SignInResult> {
      const name = text(form, "name").slice(0, 200);
      const linkToken = text(form, "token").slice(0, 200) || null;
      const error = (status: number, message: string): SignInResult => ({ kind: "error", status, message, name, linkToken });
      if (!console.isGenuineForm(form)) return error(403, t("console.error.form"));
      const isLink = text(form, "action") === "link";
      // The account is the member the name resolves to, so each way of writing a name shares one budget.
      const member = isLink ? null : await core.staff.byReference(name);
      const account = isLink ? null : member ? { memberId: member.id } : { unknownName: name };
      // The point is spent before the check, so parallel guesses cannot outrun the count.
      const attempt = await signInLimits.attempt(account, context.clientAddress);
      if (attempt.kind === "locked") return error(429, t("console.login.locked", { minutes: minutesOf(attempt.retryInMs) }));
      const session = isLink ? await core.staffAccess.signInWithLink(linkToken ?? "") : await core.staffAccess.signInWithPassword(name, text(form, "password"));
      if (!session) return error(isLink ? 400 : 401, isLink ? t("console.login.link_invalid") : t("console.login.failed"));
      await attempt.refund();
      startSession(session.secret);
      return { kind: "signed-in", location: safeNext(next) };
    },

    async signOut(form: FormData): Promise<{ location: string }> {
      const staff = await console.member();
      // A forged sign-out does nothing; the member stays where they were.
      if (!staff || !console.isGenuineForm(form)) return { location: staff ? "/staff" : "/staff/login" };
      if (text(form, "everywhere") === "1") await core.staffAccess.signOutEverywhere(staff);
      else await core.staffAccess.signOut(cookies[COOKIE_NAMES.staff] ?? "");
      context.pendingCookies.push({ name: COOKIE_NAMES.staff, value: "", maxAgeSeconds: 0 });
      return { location: "/staff/login?done=signed-out" };
    },

    async account(notice: string | null): Promise<AccountState | null> {
      const staff = await console.member();
      if (!staff) return null;
      return {
        member: console.describe(staff),
        hasPassword: await core.staffAccess.hasPassword(staff),
        passwordMinLength: PASSWORD_MIN_LENGTH,
        notice: notice === "password" ? t("console.account.password_saved", { name: staff.name }) : null,
        error: null,
      };
    },

    async saveAccount(form: FormData): Promise<AccountResult> {
      const staff = await console.member();
      if (!staff) return { kind: "redirect", location: "/staff/login?next=/staff/account" };
      if (!console.isGenuineForm(form)) return { kind: "error", status: 403, message: t("console.error.form") };
      const password = text(form, "password");
      if (password !== text(form, "confirm")) return { kind: "error", status: 400, message: t("console.account.password_mismatch") };
      // Guessing the current password from an open session counts against the account like sign-in guesses.
      const attempt = await signInLimits.attempt({ memberId: staff.id }, context.clientAddress);
      if (attempt.kind === "locked") return { kind: "error", status: 429, message: t("console.login.locked", { minutes: minutesOf(attempt.retryInMs) }) };
      try {
        const session = await core.staffAccess.changePassword(staff, { currentPassword: text(form, "current").slice(0, 300), password });
        await attempt.refund();
        // Every session ended with the old password; this browser carries on in the new one.
        startSession(session.secret);
      } catch (error) {
        if (!isAppError(error)) throw error;
        const problem = currentPasswordProblem(error);
        if (problem === "invalid") return { kind: "error", status: 400, message: t("console.account.current_wrong"), field: "currentPassword" };
        // Only a wrong current password spends a guess.
        await attempt.refund();
        if (problem === "required") return { kind: "error", status: 400, message: t("console.account.current_required"), field: "currentPassword" };
        return { kind: "error", status: 400, message: context.errorMessage(error) };
      }
      return { kind: "redirect", location: "/staff/account?done=password" };
    },
  };
}
