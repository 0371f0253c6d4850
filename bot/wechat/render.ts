import { FileBox } from "file-box";
import type { Contact, Room } from "wechaty";
import type { Language } from "../../core/index.ts";
import { withNumberedChoices } from "../shared/text-choices.ts";
import type { BotLogger, Reply } from "../shared/types.ts";
import type { Pacer } from "./pacer.ts";

/**
 * Sends the dialog's replies as WeChat text: choices become the line "回复 1 …，2 …" (the
 * dialog remembers which payload each number stands for), photos follow their message. A
 * contact request has no WeChat form: the text already asks to type the number.
 */
export async function sendReplies(
  target: Contact | Room,
  replies: readonly Reply[],
  deps: { language: Language; pacer: Pacer; logger: BotLogger; mediaPath?: (storagePath: string) => string },
): Promise<void> {
  for (const reply of replies) {
    const labels = reply.choices?.flat().map((choice) => choice.label) ?? [];
    const text = withNumberedChoices(deps.language, reply.text, labels);
    await deps.pacer.run(() => target.say(text));
    for (const item of deps.mediaPath ? (reply.media ?? []) : []) {
      const path = deps.mediaPath?.(item.storagePath);
      if (!path) continue;
      await deps.pacer
        .run(() => target.say(FileBox.fromFile(path)))
        .catch((error: unknown) => deps.logger.warn({ err: error instanceof Error ? error.message : String(error) }, "could not send a photo on WeChat"));
    }
  }
}
