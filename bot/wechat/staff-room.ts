/**
 * Which WeChat group is the staff room. Its topic (WECHAT_STAFF_ROOM) is only a name: anyone
 * can start a group with the bot under the same name, and staff posts carry phones and
 * addresses. So the topic only finds the room once, when exactly one group of the account has
 * it; from then on the room is its id (pinned in memory, or given as WECHAT_STAFF_ROOM_ID), a
 * later group with the same name is ignored, and while two or more share it and none is pinned
 * nothing is posted and no command is taken (logged as an error, retried later).
 */
import type { Room, Wechaty } from "wechaty";
import type { BotLogger } from "../shared/types.ts";

export type StaffRoom = {
  /** Whether a staff room is configured at all (a topic or an id). */
  configured: boolean;
  /** The staff room, or why there is none just now (the caller keeps its message for later). */
  find(): Promise<{ room: Room } | { problem: string }>;
  /** Whether messages from this room are staff-room messages. */
  isStaffRoom(room: Room): Promise<boolean>;
};

export function createStaffRoom(options: { wechaty: Wechaty; topic?: string; pinnedId?: string; logger: BotLogger }): StaffRoom {
  const { wechaty, topic, logger } = options;
  let pinnedId = options.pinnedId;

  /** The pinned id, pinning it first when the topic names exactly one room. */
  async function resolveId(): Promise<{ id: string } | { problem: string }> {
    if (pinnedId) return { id: pinnedId };
    if (!topic) return { problem: "no WeChat staff room is configured (WECHAT_STAFF_ROOM)" };
    const rooms = await wechaty.Room.findAll({ topic });
    if (rooms.length === 0) return { problem: `the logged-in WeChat account is in no room named "${topic}"` };
    if (rooms.length > 1) {
      const problem = `${rooms.length} WeChat rooms are named "${topic}": staff posts wait until only one is (rename or leave the others) or WECHAT_STAFF_ROOM_ID names the right one`;
      logger.error({ topic, rooms: rooms.map((room) => room.id) }, problem);
      return { problem };
    }
    const [room] = rooms;
    if (!room) return { problem: `the logged-in WeChat account is in no room named "${topic}"` };
    pinnedId = room.id;
    logger.info({ topic, roomId: room.id }, "the WeChat staff room is pinned by its id; other rooms with the same name are ignored");
    return { id: room.id };
  }

  return {
    configured: Boolean(topic || pinnedId),
    async find() {
      const resolved = await resolveId();
      if ("problem" in resolved) return resolved;
      const room = await wechaty.Room.find({ id: resolved.id });
      return room ? { room } : { problem: `the WeChat staff room ${resolved.id} is not known to the logged-in account` };
    },
    async isStaffRoom(room) {
      if (!pinnedId && (!topic || (await room.topic()) !== topic)) return false;
      const resolved = await resolveId();
      return "id" in resolved && resolved.id === room.id;
    },
  };
}
