import { z } from "zod";
import type { CoreDeps } from "../ports.ts";
import type { ChannelIdentity, Staff } from "../tickets/types.ts";
import { auditActor, fieldError, requireStaffAdmin, targetMember } from "./admin-rules.ts";

/** The chat accounts an admin links by hand: a Telegram user id (digits) or a WeChat contact id. */
export const LINKABLE_CHANNELS = ["telegram", "wechat"] as const;
export type LinkableChannel = (typeof LINKABLE_CHANNELS)[number];

const externalIdSchema = {
  // Telegram user ids are numbers; an @username is not stable and is not accepted here.
  telegram: z.string().trim().regex(/^\d{1,20}$/),
  // A Wechaty contact id (wxid_…, or the puppet's id): printable, no spaces.
  wechat: z.string().trim().regex(/^[\x21-\x7e]{1,200}$/),
} as const satisfies Record<LinkableChannel, z.ZodType<string>>;

function readIdentity(channel: string, externalId: string): ChannelIdentity {
  if (!(LINKABLE_CHANNELS as readonly string[]).includes(channel)) throw fieldError("channel", "invalid", `channel ${channel}`);
  const parsed = externalIdSchema[channel as LinkableChannel].safeParse(externalId);
  if (!parsed.success) throw fieldError("externalId", externalId.trim() ? "invalid" : "required", `external id for ${channel}`);
  return { channel: channel as LinkableChannel, externalId: parsed.data };
}

/**
 * An admin links a chat account to a member, so their chat commands act as them and private
 * alerts reach them. An account another member holds (even a deactivated one) is refused.
 */
export async function linkStaffIdentity(
  deps: Pick<CoreDeps, "staff" | "clock" | "audit">,
  input: { staff: string; channel: string; externalId: string },
  by: Staff | null,
): Promise<ChannelIdentity> {
  requireStaffAdmin(by);
  const identity = readIdentity(input.channel, input.externalId);
  const target = await targetMember(deps, input.staff);
  if (!(await deps.staff.linkIdentity(target.id, identity))) throw fieldError("externalId", "taken", `${identity.channel}:${identity.externalId} is another member's`);
  deps.audit?.({ action: "staff_identity_linked", staffId: target.id, ...identity, by: auditActor(by), at: deps.clock.now() });
  return identity;
}

/** Removes one chat account from a member; `not_found` when they do not hold it. */
export async function unlinkStaffIdentity(
  deps: Pick<CoreDeps, "staff" | "clock" | "audit">,
  input: { staff: string; channel: string; externalId: string },
  by: Staff | null,
): Promise<void> {
  requireStaffAdmin(by);
  const target = await targetMember(deps, input.staff);
  const identity = { channel: input.channel, externalId: input.externalId } as ChannelIdentity;
  if (!(await deps.staff.unlinkIdentity(target.id, identity))) throw fieldError("externalId", "invalid", "not the member's account");
  deps.audit?.({ action: "staff_identity_unlinked", staffId: target.id, ...identity, by: auditActor(by), at: deps.clock.now() });
}
