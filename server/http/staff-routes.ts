import { randomBytes } from "node:crypto";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import { AppError, CATEGORIES, TEXT_MAX_LENGTH, CHANNELS, STAFF_ROLES, TICKET_STATUSES, URGENCIES, describeWeekendsOnly, type CalendarCoverage, type Core, type Initiator, type Language, type Staff } from "../../core/index.ts";
import { requestLanguage } from "./error-mapper.ts";
import { readJson } from "./read-json.ts";
import { hashApiToken, requireStaffToken, type StaffVariables } from "./staff-auth.ts";

const list = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((value) => value.split(",").map((part) => part.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)))
    .optional();

export const queueQuery = z.object({
  status: list(TICKET_STATUSES),
  urgency: list(URGENCIES),
  category: list(CATEGORIES),
  assignee: z.string().optional(),
  channel: z.enum(CHANNELS).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

const optionalText = z.string().max(TEXT_MAX_LENGTH).optional();

/**
 * The request body of each staff route, validated here and published as the OpenAPI document
 * (server/http/openapi.ts): one schema for both, so the documentation cannot drift.
 */
export const STAFF_BODIES = {
  reclassify: z.object({ category: z.enum(CATEGORIES).optional(), urgency: z.enum(URGENCIES).optional() }),
  assign: z.object({ assignee: z.string().min(1).max(200).describe("the staff member's id") }),
  status: z.object({
    status: z.enum(TICKET_STATUSES),
    note: optionalText,
    appointmentAt: z.iso.datetime({ offset: true }).optional().describe("with status scheduled: the visit, ISO 8601 with offset"),
  }),
  note: z.object({ text: z.string().min(1).max(TEXT_MAX_LENGTH), visibility: z.enum(["internal", "public"]).default("internal").describe("public: sent to the customer") }),
  close: z.object({ resolution: optionalText }),
  reopen: z.object({ reason: optionalText }),
  cancel: z.object({ reason: optionalText }),
  reject: z.object({ reason: z.string().min(1).max(TEXT_MAX_LENGTH).describe("for the customer: sent to them and shown on their page"), note: optionalText.describe("internal remark for staff") }),
  escalate: z.object({ reason: optionalText }),
  followUp: z.object({ note: optionalText }),
  returnVisit: z.object({ outcome: z.enum(["reached", "unreached"]), note: z.string().max(2000).optional(), nextAttemptAt: z.iso.datetime({ offset: true }).optional() }),
  registerStaff: z.object({ name: z.string(), role: z.enum(STAFF_ROLES), telegramId: z.string().regex(/^\d+$/).optional() }),
} as const;

function initiatorOf(staff: Staff): Initiator {
  return { actor: { kind: "staff", id: staff.id, name: staff.name }, channel: "api" };
}

/** The coverage of the holiday schedules with the sentence staff read: from which day SLA times count weekends only. */
function withNotice(coverage: CalendarCoverage, language: Language) {
  const notice = describeWeekendsOnly(language, { year: coverage.firstYearWithoutSchedule, weekendsOnlyFrom: coverage.weekendsOnlyFrom });
  return { ...coverage, notice };
}

/** The staff API: queues and every ticket change, as the signed-in staff member. */
export function staffRoutes(core: Core, options: { databaseId?: string } = {}) {
  const app = new Hono<{ Variables: StaffVariables }>();
  app.use("*", bodyLimit({ maxSize: 64 * 1024, onError: () => { throw new AppError("payload_too_large", { params: { limit: "64 KB" } }); } }));
  app.use("*", requireStaffToken(core.staff, options));

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
    const body = await readJson(context, STAFF_BODIES.reclassify);
    return context.json(await core.reclassify(context.req.param("number"), body, initiatorOf(context.get("staff"))));
  });

  app.post("/tickets/:number/assign", async (context) => {
    const { assignee } = await readJson(context, STAFF_BODIES.assign);
    return context.json(await core.assign(context.req.param("number"), assignee, initiatorOf(context.get("staff"))));
  });

  app.post("/tickets/:number/take", async (context) => context.json(await core.take(context.req.param("number"), initiatorOf(context.get("staff")))));

  app.post("/tickets/:number/status", async (context) => {
    const body = await readJson(context, STAFF_BODIES.status);
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
    const body = await readJson(context, STAFF_BODIES.note);
    const number = context.req.param("number");
    const initiator = initiatorOf(context.get("staff"));
    const ticket = body.visibility === "public" ? await core.reply(number, body.text, initiator) : await core.note(number, body.text, initiator);
    return context.json(ticket, 201);
  });

  app.post("/tickets/:number/close", async (context) => {
    const { resolution } = await readJson(context, STAFF_BODIES.close);
    return context.json(await core.close(context.req.param("number"), initiatorOf(context.get("staff")), resolution));
  });

  app.post("/tickets/:number/reopen", async (context) => {
    const { reason } = await readJson(context, STAFF_BODIES.reopen);
    return context.json(await core.reopen(context.req.param("number"), initiatorOf(context.get("staff")), reason));
  });

  app.post("/tickets/:number/cancel", async (context) => {
    const { reason } = await readJson(context, STAFF_BODIES.cancel);
    return context.json(await core.cancel(context.req.param("number"), initiatorOf(context.get("staff")), reason));
  });

  app.post("/tickets/:number/approve", async (context) => context.json(await core.approve(context.req.param("number"), initiatorOf(context.get("staff")))));

  app.post("/tickets/:number/reject", async (context) => {
    // `reason` is written for the customer (sent to them, shown on their page); `note` stays internal.
    const { reason, note } = await readJson(context, STAFF_BODIES.reject);
    return context.json(await core.reject(context.req.param("number"), reason, initiatorOf(context.get("staff")), note));
  });

  app.post("/tickets/:number/escalate", async (context) => {
    const { reason } = await readJson(context, STAFF_BODIES.escalate);
    const { ticket, supervisorAlert } = await core.escalate(context.req.param("number"), initiatorOf(context.get("staff")), reason);
    // The ticket as before, plus who was alerted privately (`notified` false: no supervisor was reachable).
    return context.json({ ...ticket, supervisorAlert });
  });

  // Low-score follow-ups (supervisors and admins): the open ones, and marking a ticket's done.
  app.get("/follow-ups", async (context) => context.json({ followUps: await core.followUps.open(context.get("staff")) }));
  app.post("/tickets/:number/follow-up", async (context) => {
    const { note } = await readJson(context, STAFF_BODIES.followUp);
    const staff = context.get("staff");
    return context.json(await core.followUps.complete(context.req.param("number"), staff, initiatorOf(staff), note));
  });

  app.post("/tickets/:number/return-visit", async (context) => {
    const body = await readJson(context, STAFF_BODIES.returnVisit);
    const visit = await core.recordReturnVisit(context.req.param("number"), body.outcome, initiatorOf(context.get("staff")), {
      ...(body.note ? { note: body.note } : {}),
      ...(body.nextAttemptAt ? { nextAttemptAt: new Date(body.nextAttemptAt) } : {}),
    });
    return context.json(visit);
  });

  app.get("/settings/sla", async (context) => {
    const view = await core.sla.read();
    return context.json({ ...view, coverage: withNotice(view.coverage, requestLanguage(context)) });
  });
  app.put("/settings/sla/policies", async (context) => {
    const body = await readJson(context, z.unknown());
    return context.json({ policyOverrides: await core.sla.updatePolicies(body, context.get("staff")) });
  });
  app.put("/settings/sla/calendar", async (context) => {
    const body = await readJson(context, z.unknown());
    return context.json({ calendar: await core.sla.updateCalendar(body, context.get("staff")) });
  });
  /** A year's official holidays and make-up working days (admins); the format is in README "Business calendar". */
  app.post("/settings/sla/holidays", async (context) => {
    const body = await readJson(context, z.unknown());
    const { schedule, coverage } = await core.sla.importHolidays(body, context.get("staff"));
    return context.json({ schedule, coverage: withNotice(coverage, requestLanguage(context)) });
  });

  app.post("/staff", async (context) => {
    const body = await readJson(context, STAFF_BODIES.registerStaff);
    const token = randomBytes(24).toString("base64url");
    const staff = await core.registerStaff(
      {
        name: body.name,
        role: body.role,
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
