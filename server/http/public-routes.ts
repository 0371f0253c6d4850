import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import { AppError, CATEGORIES, normalizePhone, type Core } from "../../core/index.ts";
import { readJson } from "./read-json.ts";
import { publicRateLimit } from "./rate-limit.ts";

const JSON_BODY_LIMIT = 64 * 1024;

const createTicketBody = z.object({
  name: z.string(),
  phone: z.string(),
  /** Optional: where to send e-mail updates (when the desk has SMTP configured). */
  email: z.string().optional(),
  description: z.string(),
  product: z.string().optional(),
  address: z.string().optional(),
  category: z.enum(CATEGORIES).optional(),
  preferredTime: z.string().optional(),
});

const phoneProof = z.object({ phone: z.string().min(4).max(40) });

/** Routes anyone may call: report, look up and chase with number + phone, answer a survey. */
export function publicRoutes(core: Core, options: { rateLimit: { points: number; durationSeconds: number } | null; trustProxy?: boolean }) {
  const limited = publicRateLimit(options.rateLimit, { trustProxy: options.trustProxy ?? false });
  const limitBody = bodyLimit({
    maxSize: JSON_BODY_LIMIT,
    onError: () => {
      throw new AppError("payload_too_large", { params: { limit: "64 KB" } });
    },
  });

  return new Hono()
    .post("/tickets", limited, limitBody, async (context) => {
      const body = await readJson(context, createTicketBody);
      // An Idempotency-Key makes a retried POST (after a timeout or a crash before the
      // answer) return the ticket it already created instead of a second one.
      // The key is scoped to the reporter's phone, so two clients choosing the same key never
      // meet; the same key with a different report is refused rather than answered with the
      // first report's ticket.
      const idempotencyKey = context.req.header("idempotency-key")?.trim();
      const scope = normalizePhone(body.phone);
      const { ticket, created } = await core.intake({
        ...body,
        channel: "api",
        ...(idempotencyKey && scope ? { sourceMessageId: `${scope}:${idempotencyKey.slice(0, 150)}` } : {}),
      });
      if (!created && ticket.description !== body.description.trim()) {
        throw new AppError("conflict", { detail: "Idempotency-Key reused with a different report" });
      }
      return context.json(
        {
          number: ticket.number,
          status: ticket.status,
          category: ticket.category,
          urgency: ticket.urgency,
          dueAt: ticket.resolutionDueAt?.toISOString() ?? null,
          firstResponseDueAt: ticket.firstResponseDueAt?.toISOString() ?? null,
        },
        created ? 201 : 200,
      );
    })
    .get("/tickets/:number", limited, async (context) => {
      const phone = context.req.query("phone") ?? "";
      return context.json(await core.lookup(context.req.param("number"), phone));
    })
    .post("/tickets/:number/chase", limited, limitBody, async (context) => {
      const queryPhone = context.req.query("phone");
      const { phone } = queryPhone ? { phone: queryPhone } : await readJson(context, phoneProof);
      const ticket = await core.findWithProof(context.req.param("number"), phone);
      const chased = await core.chase(ticket.number, { actor: { kind: "customer", id: ticket.customerId }, channel: "api" });
      return context.json({ number: chased.number, status: chased.status, chaseCount: chased.chaseCount });
    })
    .get("/surveys/:token", async (context) => context.json(await core.readSurvey(context.req.param("token"))))
    .post("/surveys/:token", limitBody, async (context) => {
      const answer = await readJson(context, z.unknown());
      return context.json(await core.answerSurvey(context.req.param("token"), answer, "api"));
    });
}
