import { AppError } from "../errors.ts";
import type { CoreDeps, Credentials, StaffAccessStore } from "../ports.ts";
import type { Staff } from "../tickets/types.ts";

/** A one-time sign-in link is good for this long (and once). */
export const SIGN_IN_LINK_MINUTES = 15;
/** Without a request for this long a console session ends (CoreSettings.consoleIdleMinutes overrides it). */
export const DEFAULT_CONSOLE_IDLE_MINUTES = 8 * 60;
/** A session is written back at most once a minute: reading a page is not worth a write each time. */
const TOUCH_EVERY_MS = 60_000;
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

type AccessDeps = Pick<CoreDeps, "staff" | "clock" | "settings" | "staffAccess" | "credentials">;

/** A signed-in member and the secret for their session cookie (only its digest is stored). */
export type ConsoleSession = { staff: Staff; secret: string };

function parts(deps: AccessDeps): { store: StaffAccessStore; credentials: Credentials } {
  if (!deps.staffAccess || !deps.credentials) throw new AppError("internal", { detail: "console sign-in is not configured (staffAccess, credentials)" });
  return { store: deps.staffAccess, credentials: deps.credentials };
}

const minutes = (n: number) => n * 60_000;

/**
 * A one-time console sign-in link for a member (`npm run staff -- link`, `/login` in a private
 * chat). `by` is the member asking from chat, who may only ask for themselves; `null` is the
 * operator at the command line. Deactivated members get none.
 */
export async function issueSignInLink(deps: AccessDeps, reference: string, by: Staff | null): Promise<{ staff: Staff; url: string; expiresAt: Date }> {
  const { store, credentials } = parts(deps);
  const member = await deps.staff.findByReference(reference.trim());
  if (!member || !member.active) throw new AppError("not_found", { params: { staff: reference }, detail: "no active staff member" });
  if (by && by.id !== member.id) throw new AppError("forbidden", { detail: "a sign-in link is for oneself" });
  const token = credentials.newSecret();
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + minutes(SIGN_IN_LINK_MINUTES));
  await store.createSignInLink({ tokenHash: credentials.digest(token), staffId: member.id, createdAt: now, expiresAt });
  const base = (deps.settings.consoleUrl ?? deps.settings.publicUrl ?? "http://localhost:3000").replace(/\/+$/, "");
  return { staff: member, url: `${base}/staff/login?token=${encodeURIComponent(token)}`, expiresAt };
}

async function openSession(deps: AccessDeps, staff: Staff): Promise<ConsoleSession> {
  const { store, credentials } = parts(deps);
  const secret = credentials.newSecret();
  const now = deps.clock.now();
  await store.createSession(credentials.digest(secret), { staffId: staff.id, createdAt: now, lastSeenAt: now, expiresAt: idleEnd(deps, now) });
  return { staff, secret };
}

const idleEnd = (deps: AccessDeps, from: Date) => new Date(from.getTime() + minutes(deps.settings.consoleIdleMinutes ?? DEFAULT_CONSOLE_IDLE_MINUTES));

/** Spends a sign-in link: a session for its (still active) member, or null for a used, expired or unknown link. */
export async function signInWithLink(deps: AccessDeps, token: string): Promise<ConsoleSession | null> {
  const { store, credentials } = parts(deps);
  if (!token || token.length > 200) return null;
  const staffId = await store.spendSignInLink(credentials.digest(token), deps.clock.now());
  if (!staffId) return null;
  const member = await deps.staff.findById(staffId);
  if (!member?.active) return null;
  return openSession(deps, member);
}

/**
 * Name (or id) and password: a session, or null with the same answer whether the name or the
 * password was wrong. A name with no password still costs one hash, so timing tells nothing.
 * Slowing down and locking repeated failures is the transport's (server/console/sign-in-limits.ts).
 */
export async function signInWithPassword(deps: AccessDeps, name: string, password: string): Promise<ConsoleSession | null> {
  const { store, credentials } = parts(deps);
  if (!name.trim() || !password || password.length > PASSWORD_MAX_LENGTH) return null;
  const member = await deps.staff.findByReference(name.trim());
  const stored = member?.active ? await store.passwordOf(member.id) : null;
  if (!member?.active || !stored) {
    await credentials.hashPassword(password);
    return null;
  }
  if (!(await credentials.verifyPassword(password, stored))) return null;
  return openSession(deps, member);
}

/**
 * The member behind a session cookie, or null: unknown, idle too long, or the member is no
 * longer active (their sessions end at once, checked on every request).
 */
export async function sessionStaff(deps: AccessDeps, secret: string): Promise<Staff | null> {
  const { store, credentials } = parts(deps);
  if (!secret || secret.length > 200) return null;
  const idHash = credentials.digest(secret);
  const session = await store.findSession(idHash);
  if (!session) return null;
  const now = deps.clock.now();
  if (session.expiresAt.getTime() <= now.getTime()) {
    await store.deleteSession(idHash);
    return null;
  }
  const member = await deps.staff.findById(session.staffId);
  if (!member?.active) {
    await store.deleteSessionsOf(session.staffId);
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) await store.touchSession(idHash, now, idleEnd(deps, now));
  return member;
}

export async function signOut(deps: AccessDeps, secret: string): Promise<void> {
  const { store, credentials } = parts(deps);
  if (secret) await store.deleteSession(credentials.digest(secret));
}

/** Ends every session of the member (on every device) and their unspent sign-in links. */
export async function signOutEverywhere(deps: AccessDeps, staff: Staff): Promise<number> {
  return parts(deps).store.deleteSessionsOf(staff.id);
}

/** Sets (or changes) the member's own password; `validation` naming `password` when its length is out of bounds. */
export async function setPassword(deps: AccessDeps, staff: Staff, password: string): Promise<void> {
  const { store, credentials } = parts(deps);
  requirePasswordLength(password);
  await store.setPassword(staff.id, await credentials.hashPassword(password), deps.clock.now());
}

function requirePasswordLength(password: string): void {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) {
    throw new AppError("validation", {
      params: {
        fields: ["password"],
        issues: [{ field: "password", problem: length < PASSWORD_MIN_LENGTH ? { kind: "too_short", min: PASSWORD_MIN_LENGTH } : { kind: "too_long", max: PASSWORD_MAX_LENGTH } }],
      },
      detail: `password of ${length} characters`,
    });
  }
}

/**
 * The signed-in member changes their own password from the console. Once a password is set,
 * the current one is asked for (`validation` on `currentPassword`: `required` or `invalid`), so
 * a session left open on a shared computer cannot take the account over. The new password ends
 * every session and unspent sign-in link of the member (whoever knew the old one is out), and
 * the member carries on in a new session returned here, for this browser's cookie.
 */
export async function changePassword(deps: AccessDeps, staff: Staff, options: { currentPassword: string; password: string }): Promise<ConsoleSession> {
  const { store, credentials } = parts(deps);
  const stored = await store.passwordOf(staff.id);
  if (stored) {
    const current = options.currentPassword;
    if (!current) throw currentPasswordError("required");
    if (current.length > PASSWORD_MAX_LENGTH || !(await credentials.verifyPassword(current, stored))) throw currentPasswordError("invalid");
  }
  requirePasswordLength(options.password);
  await store.setPassword(staff.id, await credentials.hashPassword(options.password), deps.clock.now());
  await store.deleteSessionsOf(staff.id);
  return openSession(deps, staff);
}

type CurrentPasswordProblem = "required" | "invalid";

const currentPasswordError = (kind: CurrentPasswordProblem) =>
  new AppError("validation", { params: { fields: ["currentPassword"], issues: [{ field: "currentPassword", problem: { kind } }], currentPassword: kind }, detail: `current password ${kind}` });

/** What `changePassword` found wrong with the current password (missing or wrong), or null for any other error. */
export function currentPasswordProblem(error: unknown): CurrentPasswordProblem | null {
  if (!(error instanceof AppError) || error.code !== "validation") return null;
  const kind = error.params.currentPassword;
  return kind === "required" || kind === "invalid" ? kind : null;
}

export async function hasPassword(deps: AccessDeps, staff: Staff): Promise<boolean> {
  return (await parts(deps).store.passwordOf(staff.id)) !== null;
}
