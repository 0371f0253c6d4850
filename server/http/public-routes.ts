import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import { AppError, CATEGORIES, describeUrgentIntake, normalizePhone, TEXT_MAX_LENGTH, type Core, type Initiator, type Ticket } from "../../core/index.ts";
import { requestLanguage } from "./error-mapper.ts";
import { readJson } from "./read-json.ts";
import { publicRateLimit } from "./rate-limit.ts";

const JSON_BODY_LIMIT = 64 * 1024;

export const createTicketBody = z.object({
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

export const phoneProof = z.object({ phone: z.string().min(4).max(40) });
export const notFixedBody = phoneProof.extend({ text: z.string().max(TEXT_MAX_LENGTH).optional() });
export const cancelBody = phoneProof.extend({ reason: z.string().max(TEXT_MAX_LENGTH).optional() });

const customerOf = (ticket: Ticket, channel: "api"): Initiator => ({ actor: { kind: "customer", id: ticket.customerId }, channel });

/**
 * Routes anyone may call: report, look up and chase with number + phone, confirm the fix, say
 * it is not fixed, cancel, answer a survey. The phone (last 4 digits or in full) proves the
 * ticket is the caller's; a wrong pair answers 404 like an unknown number.
 */
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
      const intake = await core.intake({
        ...body,
        channel: "api",
        ...(idempotencyKey && scope ? { sourceMessageId: `${scope}:${idempotencyKey.slice(0, 150)}` } : {}),
      });
      const { ticket, created } = intake;
      if (!created && ticket.description !== body.description.trim()) {
        throw new AppError("conflict", { detail: "Idempotency-Key reused with a different report" });
      }
      // Safety advice and the truth about who was told, in the caller's language, at once.
      const language = requestLanguage(context);
      const advice = await core.safetyAdvice(intake.hazards, language);
      return context.json(
        {
          number: ticket.number,
          status: ticket.status,
          category: ticket.category,
          urgency: ticket.urgency,
          dueAt: ticket.resolutionDueAt?.toISOString() ?? null,
          firstResponseDueAt: ticket.firstResponseDueAt?.toISOString() ?? null,
          supervisorNotified: intake.supervisorAlert?.notified ?? false,
          notices: describeUrgentIntake(language, intake, core.settings().deskHotline),
          safetyAdvice: advice.map(({ slug, hazards, language: adviceLanguage, title, body: text }) => ({ slug, hazards, language: adviceLanguage, title, text })),
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
    .post("/tickets/:number/confirm", limited, limitBody, async (context) => {
      const { phone } = await readJson(context, phoneProof);
      const ticket = await core.findWithProof(context.req.param("number"), phone);
      const closed = await core.confirmFix(ticket.number, customerOf(ticket, "api"));
      return context.json({ number: closed.number, status: closed.status });
    })
    .post("/tickets/:number/not-fixed", limited, limitBody, async (context) => {
      const { phone, text } = await readJson(context, notFixedBody);
      const ticket = await core.findWithProof(context.req.param("number"), phone);
      const outcome = await core.reportNotFixed(ticket.number, customerOf(ticket, "api"), text);
      return context.json({
        outcome: outcome.kind,
        number: outcome.ticket.number,
        status: outcome.ticket.status,
        ...(outcome.kind === "follow_up" ? { followUp: { number: outcome.followUp.number, status: outcome.followUp.status } } : {}),
      });
    })
    .post("/tickets/:number/cancel", limited, limitBody, async (context) => {
      const { phone, reason } = await readJson(context, cancelBody);
      const ticket = await core.findWithProof(context.req.param("number"), phone);
      const cancelled = await core.cancel(ticket.number, customerOf(ticket, "api"), reason?.trim() || undefined);
      return context.json({ number: cancelled.number, status: cancelled.status });
    })
    .get("/surveys/:token", async (context) => context.json(await core.readSurvey(context.req.param("token"))))
    .post("/surveys/:token", limitBody, async (context) => {
      const answer = await readJson(context, z.unknown());
      return context.json(await core.answerSurvey(context.req.param("token"), answer, "api"));
    });
}
