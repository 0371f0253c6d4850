import { randomBytes } from "node:crypto";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import { AppError, CATEGORIES, TEXT_MAX_LENGTH, CHANNELS, TICKET_STATUSES, URGENCIES, type Core, type Initiator, type Staff } from "../../core/index.ts";
import { readJson } from "./read-json.ts";
import { hashApiToken, requireStaffToken, type StaffVariables } from "./staff-auth.ts";

const list = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((value) => value.split(",").map((part) => part.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)))
    .optional();

const queueQuery = z.object({
  status: list(TICKET_STATUSES),
  urgency: list(URGENCIES),
  category: list(CATEGORIES),
  assignee: z.string().optional(),
  channel: z.enum(CHANNELS).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

const textBody = (field: string, required: boolean) =>
  z.object({ [field]: required ? z.string().min(1).max(TEXT_MAX_LENGTH) : z.string().max(TEXT_MAX_LENGTH).optional() });

function initiatorOf(staff: Staff): Initiator {
  return { actor: { kind: "staff", id: staff.id, name: staff.name }, channel: "api" };
}

/** The staff API: queues and every ticket change, as the signed-in staff member. */
export function staffRoutes(core: Core) {
  const app = new Hono<{ Variables: StaffVariables }>();
  app.use("*", bodyLimit({ maxSize: 64 * 1024, onError: () => { throw new AppError("payload_too_large", { params: { limit: "64 KB" } }); } }));
  app.use("*", requireStaffToken(core.staff));

  app.get("/me", (context) => context.json(context.get("staff")));

  app.get("/tickets", async (context) => {
    const parsed = queueQuery.safeParse(context.req.query());
    if (!parsed.success) throw new AppError("validation", { params: { fields: parsed.error.issues.map((issue) => issue.path.join(".")) } });
    const query = parsed.data;
    const me = context.get("staff");
    const assigneeId = query.assignee === undefined ? undefined : query.assignee === "me" ? me.id : query.assignee === "none" ? null : query.assignee;
    const { tickets, total } = await core.list({
      ...(query.status ? { statuses: query.status } : {}),
      ...(query.urgency ? { urgencies: query.urgency } : {}),
      ...(query.category ? { categories: query.category } : {}),
      ...(assigneeId !== undefined ? { assigneeId } : {}),
      ...(query.channel ? { channel: query.channel } : {}),
      ...(query.limit ? { limit: query.limit } : {}),
      ...(query.offset ? { offset: query.offset } : {}),
    });
    return context.json({ total, tickets });
  });

  app.get("/tickets/:number", async (context) => context.json(await core.show(context.req.param("number"))));

  app.patch("/tickets/:number", async (context) => {
    const body = await readJson(context, z.object({ category: z.enum(CATEGORIES).optional(), urgency: z.enum(URGENCIES).optional() }));
    return context.json(await core.reclassify(context.req.param("number"), body, initiatorOf(context.get("staff"))));
  });

  app.post("/tickets/:number/assign", async (context) => {
    const { assignee } = await readJson(context, z.object({ assignee: z.string().min(1).max(200) }));
    return context.json(await core.assign(context.req.param("number"), assignee, initiatorOf(context.get("staff"))));
  });

  app.post("/tickets/:number/take", async (context) => context.json(await core.take(context.req.param("number"), initiatorOf(context.get("staff")))));

  app.post("/tickets/:number/status", async (context) => {
    const body = await readJson(
      context,
      z.object({ status: z.enum(TICKET_STATUSES), note: z.string().max(TEXT_MAX_LENGTH).optional(), appointmentAt: z.iso.datetime({ offset: true }).optional() }),
    );
    return context.json(
      await core.changeStatus({
        number: context.req.param("number"),
        status: body.status,
        ...(body.note ? { note: body.note } : {}),
        ...(body.appointmentAt ? { appointmentAt: new Date(body.appointmentAt) } : {}),
        initiator: initiatorOf(context.get("staff")),
      }),
    );
  });

  app.post("/tickets/:number/notes", async (context) => {
    const body = await readJson(context, z.object({ text: z.string().min(1).max(TEXT_MAX_LENGTH), visibility: z.enum(["internal", "public"]).default("internal") }));
    const number = context.req.param("number");
    const initiator = initiatorOf(context.get("staff"));
    const ticket = body.visibility === "public" ? await core.reply(number, body.text, initiator) : await core.note(number, body.text, initiator);
    return context.json(ticket, 201);
  });

  app.post("/tickets/:number/close", async (context) => {
    const { resolution } = await readJson(context, textBody("resolution", false));
    return context.json(await core.close(context.req.param("number"), initiatorOf(context.get("staff")), resolution as string | undefined));
  });

  app.post("/tickets/:number/reopen", async (context) => {
    const { reason } = await readJson(context, textBody("reason", false));
    return context.json(await core.reopen(context.req.param("number"), initiatorOf(context.get("staff")), reason as string | undefined));
  });

  app.post("/tickets/:number/cancel", async (context) => {
    const { reason } = await readJson(context, textBody("reason", false));
    return context.json(await core.cancel(context.req.param("number"), initiatorOf(context.get("staff")), reason as string | undefined));
  });

  app.post("/tickets/:number/approve", async (context) => context.json(await core.approve(context.req.param("number"), initiatorOf(context.get("staff")))));

  app.post("/tickets/:number/reject", async (context) => {
    // `reason` is written for the customer (sent to them, shown on their page); `note` stays internal.
    const { reason, note } = await readJson(context, z.object({ reason: z.string().min(1).max(TEXT_MAX_LENGTH), note: z.string().max(TEXT_MAX_LENGTH).optional() }));
    return context.json(await core.reject(context.req.param("number"), reason, initiatorOf(context.get("staff")), note));
  });

  app.post("/tickets/:number/escalate", async (context) => {
    const { reason } = await readJson(context, textBody("reason", false));
    return context.json(await core.escalate(context.req.param("number"), initiatorOf(context.get("staff")), reason as string | undefined));
  });

  app.post("/tickets/:number/return-visit", async (context) => {
    const body = await readJson(
      context,
      z.object({ outcome: z.enum(["reached", "unreached"]), note: z.string().max(2000).optional(), nextAttemptAt: z.iso.datetime({ offset: true }).optional() }),
    );
    const visit = await core.recordReturnVisit(context.req.param("number"), body.outcome, initiatorOf(context.get("staff")), {
      ...(body.note ? { note: body.note } : {}),
      ...(body.nextAttemptAt ? { nextAttemptAt: new Date(body.nextAttemptAt) } : {}),
    });
    return context.json(visit);
  });

  app.get("/settings/sla", async (context) => context.json(await core.sla.read()));
  app.put("/settings/sla/policies", async (context) => {
    const body = await readJson(context, z.unknown());
    return context.json({ policyOverrides: await core.sla.updatePolicies(body, context.get("staff")) });
  });
  app.put("/settings/sla/calendar", async (context) => {
    const body = await readJson(context, z.unknown());
    return context.json({ calendar: await core.sla.updateCalendar(body, context.get("staff")) });
  });

  app.post("/staff", async (context) => {
    const body = await readJson(
      context,
      z.object({ name: z.string(), role: z.string(), telegramId: z.string().regex(/^\d+$/).optional() }),
    );
    const token = randomBytes(24).toString("base64url");
    const staff = await core.registerStaff(
      {
        name: body.name,
        role: body.role as Staff["role"],
        apiTokenHash: hashApiToken(token),
        identities: body.telegramId ? [{ channel: "telegram", externalId: body.telegramId }] : [],
      },
      context.get("staff"),
    );
    // The token is shown once; only its hash is stored.
    return context.json({ staff, token }, 201);
  });

  return app;
}
