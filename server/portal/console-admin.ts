import { API_TOKEN_LIFETIME_DAYS, hasAbility, isAppError, LINKABLE_CHANNELS, STAFF_ROLES, type Core, type Staff, type StaffRecord } from "../../core/index.ts";
import type { AdminActionResult, AdminPage, AdminStaffRow, AdminStaffView, AdminWorkCentersView } from "../../portal/src/console-api.ts";
import type { ConsoleContext } from "./console-session.ts";
import type { RequestContext } from "./request-context.ts";

/** The staff page's forms, one core operation each. */
export const STAFF_ADMIN_ACTIONS = ["add", "role", "rename", "work_center", "link", "unlink", "deactivate", "reactivate", "rotate_token"] as const;
/** The work-center page's forms. */
export const WORK_CENTER_ACTIONS = ["create", "rename"] as const;

type AdminPageKey = "staff" | "work-centers";

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value.trim() : "";
};

const isOneOf = <T extends string>(values: readonly T[], value: string): value is T => (values as readonly string[]).includes(value);

/**
 * The admin section: staff and work centers. Who may see and change them is the core's
 * (`manageStaff`, and each use case checks it again); a member without it gets the 403 page in
 * their language and no data. Every form carries the console's CSRF token.
 */
export function consoleAdmin(context: RequestContext, console: ConsoleContext, deps: { core: Core }) {
  const { core } = deps;
  const { t } = context;

  /** The signed-in member and whether they may see the admin pages. */
  async function gate(): Promise<{ kind: "signed-out" } | { kind: "forbidden"; staff: Staff } | { kind: "admin"; staff: Staff }> {
    const staff = await console.member();
    if (!staff) return { kind: "signed-out" };
    return hasAbility(staff.role, "manageStaff") ? { kind: "admin", staff } : { kind: "forbidden", staff };
  }

  const forbidden = (staff: Staff) => ({ kind: "forbidden" as const, member: console.describe(staff), message: t("console.admin.forbidden") });

  function tokenState(member: Staff): { label: string; expired: boolean } {
    if (!member.apiTokenExpiresAt) return { label: t("console.admin.token_none_or_old"), expired: false };
    const expired = member.apiTokenExpiresAt.getTime() <= core.now().getTime();
    const time = context.formatDateTime(member.apiTokenExpiresAt);
    return { label: t(expired ? "console.admin.token_expired" : "console.admin.token_expires", { time }), expired };
  }

  function staffRow(record: StaffRecord, centers: Map<string, string>, me: Staff): AdminStaffRow {
    const token = tokenState(record);
    return {
      id: record.id,
      name: record.name,
      role: record.role,
      roleLabel: t(`console.role.${record.role}`),
      active: record.active,
      statusLabel: t(record.active ? "console.admin.active" : "console.admin.inactive"),
      workCenterId: record.workCenterId ?? "",
      workCenterName: record.workCenterId ? (centers.get(record.workCenterId) ?? record.workCenterId) : "—",
      identities: record.identities.map((identity) => ({ channel: identity.channel, channelLabel: t(`console.channel.${identity.channel}`), externalId: identity.externalId })),
      tokenLabel: token.label,
      tokenExpired: token.expired,
      isSelf: record.id === me.id,
    };
  }

  function outcomeTexts(done: string | null, outcome: AdminActionResult | undefined, page: AdminPageKey) {
    const actions: readonly string[] = page === "staff" ? STAFF_ADMIN_ACTIONS : WORK_CENTER_ACTIONS;
    return {
      notice: done && actions.includes(done) ? t(`console.admin.done.${page === "staff" ? "staff" : "center"}.${done}` as Parameters<typeof t>[0]) : null,
      error: outcome?.kind === "error" ? outcome.message : null,
    };
  }

  async function run(page: AdminPageKey, action: string, form: FormData, by: Staff): Promise<AdminActionResult | null> {
    const admin = core.staffAdmin;
    const staff = text(form, "staff");
    if (page === "work-centers") {
      if (!isOneOf(WORK_CENTER_ACTIONS, action)) return null;
      switch (action) {
        case "create":
          await admin.createWorkCenter(text(form, "name"), by);
          return { kind: "redirect", location: "/staff/admin/work-centers?done=create" };
        case "rename":
          await admin.renameWorkCenter(text(form, "id"), text(form, "name"), by);
          return { kind: "redirect", location: "/staff/admin/work-centers?done=rename" };
      }
    }
    if (!isOneOf(STAFF_ADMIN_ACTIONS, action)) return null;
    switch (action) {
      case "add": {
        const workCenterId = text(form, "workCenterId");
        await core.registerStaff({ name: text(form, "name"), role: text(form, "role") as Staff["role"], ...(workCenterId ? { workCenterId } : {}) }, by);
        break;
      }
      case "role":
        await admin.changeRole(staff, text(form, "role"), by);
        break;
      case "rename":
        await core.renameStaff(staff, text(form, "name"), by);
        break;
      case "work_center":
        await admin.setWorkCenter(staff, text(form, "workCenterId") || null, by);
        break;
      case "link":
        await admin.linkIdentity(staff, text(form, "channel"), text(form, "externalId"), by);
        break;
      case "unlink":
        await admin.unlinkIdentity(staff, text(form, "channel"), text(form, "externalId"), by);
        break;
      case "deactivate":
      case "reactivate":
        await admin.setActive(staff, action === "reactivate", by);
        break;
      case "rotate_token": {
        // Shown once, on this response: never in a URL, a cookie or a log.
        const issued = await admin.rotateToken(staff, by);
        return { kind: "token", name: issued.staff.name, token: issued.token, expires: context.formatDateTime(issued.expiresAt) };
      }
    }
    return { kind: "redirect", location: `/staff/admin/staff?done=${action}` };
  }

  return {
    async adminStaff(done: string | null, outcome?: AdminActionResult): Promise<AdminPage<AdminStaffView>> {
      const access = await gate();
      if (access.kind === "signed-out") return access;
      if (access.kind === "forbidden") return forbidden(access.staff);
      const { staff, workCenters } = await core.staffAdmin.list(access.staff);
      const centers = new Map(workCenters.map((center) => [center.id, center.name]));
      return {
        kind: "page",
        view: {
          member: console.describe(access.staff),
          rows: staff.map((record) => staffRow(record, centers, access.staff)),
          roles: STAFF_ROLES.map((role) => ({ value: role, label: t(`console.role.${role}`) })),
          workCenters: workCenters.map((center) => ({ value: center.id, label: center.name })),
          linkChannels: LINKABLE_CHANNELS.map((channel) => ({ value: channel, label: t(`console.channel.${channel}`) })),
          tokenLifetimeDays: API_TOKEN_LIFETIME_DAYS,
          ...outcomeTexts(done, outcome, "staff"),
          issuedToken: outcome?.kind === "token" ? { name: outcome.name, token: outcome.token, expires: outcome.expires } : null,
        },
      };
    },

    async adminWorkCenters(done: string | null, outcome?: AdminActionResult): Promise<AdminPage<AdminWorkCentersView>> {
      const access = await gate();
      if (access.kind === "signed-out") return access;
      if (access.kind === "forbidden") return forbidden(access.staff);
      const { workCenters } = await core.staffAdmin.list(access.staff);
      return {
        kind: "page",
        view: {
          member: console.describe(access.staff),
          centers: workCenters.map((center) => ({
            id: center.id,
            name: center.name,
            members: center.members.map((member) => ({ id: member.id, name: member.name, roleLabel: t(`console.role.${member.role}`), active: member.active })),
          })),
          ...outcomeTexts(done, outcome, "work-centers"),
        },
      };
    },

    async adminAct(page: AdminPageKey, form: FormData): Promise<AdminActionResult> {
      const access = await gate();
      if (access.kind === "signed-out") return { kind: "redirect", location: `/staff/login?next=${encodeURIComponent(`/staff/admin/${page}`)}` };
      if (!console.isGenuineForm(form)) return { kind: "error", status: 403, message: t("console.error.form") };
      // The core refuses too; refusing here first keeps a non-admin from learning whether a name exists.
      if (access.kind === "forbidden") return { kind: "error", status: 403, message: t("console.admin.forbidden") };
      try {
        const result = await run(page, text(form, "action"), form, access.staff);
        return result ?? { kind: "error", status: 400, message: t("console.error.form") };
      } catch (error) {
        if (!isAppError(error)) throw error;
        const status = error.code === "forbidden" ? 403 : error.code === "not_found" ? 404 : error.code === "conflict" ? 409 : 400;
        return { kind: "error", status, message: context.errorMessage(error) };
      }
    },
  };
}
