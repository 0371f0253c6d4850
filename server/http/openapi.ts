/**
 * The HTTP API as an OpenAPI 3.1 document, served at `GET /api/openapi.json`. Request bodies
 * and queries are the very zod schemas the routes (and, for surveys and SLA settings, the
 * core) validate with, converted by zod's own `z.toJSONSchema`, so the document cannot drift
 * from what a route accepts. test/server/openapi.test.ts checks that every route the app
 * registers is listed here and that each documented body is the one the route enforces.
 */
import { z } from "zod";
import { calendarConfigSchema, holidayScheduleSchema, policyOverridesSchema, surveyAnswerSchema, type AppErrorCode } from "../../core/index.ts";
import { STATUS_BY_CODE } from "./error-mapper.ts";
import { cancelBody, createTicketBody, notFixedBody, phoneProof } from "./public-routes.ts";
import { queueQuery, STAFF_BODIES } from "./staff-routes.ts";

export const OPENAPI_PATH = "/api/openapi.json";

type Method = "get" | "post" | "put" | "patch";
/** Who may call: anyone, any signed-in staff member, or only some roles (the core decides, 403 otherwise). */
type Access = "public" | "staff" | "supervisor" | "admin";

export type ApiOperation = {
  method: Method;
  /** Hono's notation: `/api/tickets/:number`. */
  path: string;
  summary: string;
  access: Access;
  body?: z.ZodType;
  query?: z.ZodObject;
  headers?: { name: string; description: string }[];
  /** The success answers: status → description. */
  success: Record<number, string>;
  /** Error statuses besides the ones every route of its access level can answer (400, 404, 500; 401 for staff). */
  errors?: number[];
};

const TICKET_CHANGE_ERRORS = [403, 409, 413];

/** Every route of `createApp` (server/app.ts) except the portal's pages and the bots' webhooks. */
export const API_OPERATIONS: readonly ApiOperation[] = [
  { method: "get", path: "/health", summary: "Whether the desk and its database answer", access: "public", success: { 200: "`{\"ok\":true}`, plus `channels` (each enabled chat channel: `polling`, `webhook`, `starting` or `down: reason`); 503 while the database cannot write" }, errors: [503] },
  { method: "get", path: OPENAPI_PATH, summary: "This document", access: "public", success: { 200: "OpenAPI 3.1 document" } },
  {
    method: "post",
    path: "/api/tickets",
    summary: "Report a fault (create a ticket)",
    access: "public",
    body: createTicketBody,
    headers: [{ name: "Idempotency-Key", description: "a retried POST with the same key and report returns the ticket already created (200)" }],
    success: { 201: "created: `{number, status, category, urgency, dueAt, firstResponseDueAt}`", 200: "the ticket this Idempotency-Key already created" },
    errors: [409, 413, 429],
  },
  {
    method: "get",
    path: "/api/tickets/:number",
    summary: "A ticket's public view; a wrong number/phone pair answers like an unknown number",
    access: "public",
    query: z.object({ phone: z.string().describe("the last 4 digits or the whole phone number given with the report") }),
    success: { 200: "the public view of the ticket" },
    errors: [429],
  },
  {
    method: "post",
    path: "/api/tickets/:number/chase",
    summary: "Chase (催单) a ticket, at most once an hour; the phone as proof, in the body or as `?phone=`",
    access: "public",
    body: phoneProof,
    success: { 200: "`{number, status, chaseCount}`" },
    errors: [409, 413, 429],
  },
  { method: "post", path: "/api/tickets/:number/confirm", summary: "The customer confirms the fix: a resolved ticket closes and the survey goes out", access: "public", body: phoneProof, success: { 200: "`{number, status}`" }, errors: [409, 413, 429] },
  { method: "post", path: "/api/tickets/:number/not-fixed", summary: "The customer says it is not fixed: back to work, reopened within the window, or a linked follow-up ticket after it", access: "public", body: notFixedBody, success: { 200: "the outcome" }, errors: [409, 413, 429] },
  { method: "post", path: "/api/tickets/:number/cancel", summary: "The customer cancels their open ticket", access: "public", body: cancelBody, success: { 200: "`{number, status}`" }, errors: [409, 413, 429] },
  { method: "get", path: "/api/surveys/:token", summary: "Read a survey from its signed link", access: "public", success: { 200: "`{ticketNumber, status, expiresAt, score}`" } },
  {
    method: "post",
    path: "/api/surveys/:token",
    summary: "Answer a survey once",
    access: "public",
    body: surveyAnswerSchema,
    success: { 200: "`{score, comment?}`" },
    errors: [409, 410, 413],
  },
  { method: "get", path: "/api/staff/me", summary: "The signed-in staff member", access: "staff", success: { 200: "the staff member" } },
  { method: "get", path: "/api/staff/tickets", summary: "The queue, filtered", access: "staff", query: queueQuery, success: { 200: "`{total, tickets}`" } },
  { method: "get", path: "/api/staff/tickets/:number", summary: "A ticket with internal notes and the classifier's reasons", access: "staff", success: { 200: "the staff view of the ticket" } },
  { method: "patch", path: "/api/staff/tickets/:number", summary: "Correct category or urgency (kept for retraining)", access: "staff", body: STAFF_BODIES.reclassify, success: { 200: "the ticket" }, errors: TICKET_CHANGE_ERRORS },
  { method: "post", path: "/api/staff/tickets/:number/take", summary: "Take the ticket yourself", access: "staff", success: { 200: "the ticket" }, errors: TICKET_CHANGE_ERRORS },
  { method: "post", path: "/api/staff/tickets/:number/assign", summary: "Assign the ticket to a staff member", access: "staff", body: STAFF_BODIES.assign, success: { 200: "the ticket" }, errors: TICKET_CHANGE_ERRORS },
  { method: "post", path: "/api/staff/tickets/:number/status", summary: "Move the ticket to another status", access: "staff", body: STAFF_BODIES.status, success: { 200: "the ticket" }, errors: TICKET_CHANGE_ERRORS },
  { method: "post", path: "/api/staff/tickets/:number/notes", summary: "Add an internal note, or a public reply to the customer", access: "staff", body: STAFF_BODIES.note, success: { 201: "the ticket" }, errors: TICKET_CHANGE_ERRORS },
  { method: "post", path: "/api/staff/tickets/:number/close", summary: "Close the ticket", access: "staff", body: STAFF_BODIES.close, success: { 200: "the ticket" }, errors: TICKET_CHANGE_ERRORS },
  { method: "post", path: "/api/staff/tickets/:number/reopen", summary: "Reopen a closed or resolved ticket (within 14 days)", access: "staff", body: STAFF_BODIES.reopen, success: { 200: "the ticket" }, errors: TICKET_CHANGE_ERRORS },
  { method: "post", path: "/api/staff/tickets/:number/cancel", summary: "Cancel the ticket", access: "staff", body: STAFF_BODIES.cancel, success: { 200: "the ticket" }, errors: TICKET_CHANGE_ERRORS },
  { method: "post", path: "/api/staff/tickets/:number/approve", summary: "Approve (supervisors)", access: "supervisor", success: { 200: "the ticket" }, errors: TICKET_CHANGE_ERRORS },
  { method: "post", path: "/api/staff/tickets/:number/reject", summary: "Reject with a reason (supervisors)", access: "supervisor", body: STAFF_BODIES.reject, success: { 200: "the ticket" }, errors: TICKET_CHANGE_ERRORS },
  { method: "post", path: "/api/staff/tickets/:number/escalate", summary: "Escalate to the supervisors", access: "staff", body: STAFF_BODIES.escalate, success: { 200: "the ticket, and supervisorAlert: who was alerted privately" }, errors: TICKET_CHANGE_ERRORS },
  { method: "get", path: "/api/staff/follow-ups", summary: "Open low-score follow-ups (supervisors and admins)", access: "staff", success: { 200: "{ followUps }" }, errors: TICKET_CHANGE_ERRORS },
  { method: "post", path: "/api/staff/tickets/:number/follow-up", summary: "Mark a ticket's low-score follow-up done", access: "staff", body: STAFF_BODIES.followUp, success: { 200: "the follow-up result" }, errors: TICKET_CHANGE_ERRORS },
  { method: "post", path: "/api/staff/tickets/:number/return-visit", summary: "Record a return-visit call", access: "staff", body: STAFF_BODIES.returnVisit, success: { 200: "the return visit" }, errors: TICKET_CHANGE_ERRORS },
  { method: "get", path: "/api/staff/settings/sla", summary: "SLA policy overrides, the business calendar and the defaults", access: "staff", success: { 200: "`{policyOverrides, calendar, defaults}`" } },
  { method: "put", path: "/api/staff/settings/sla/policies", summary: "Replace the SLA policy overrides (admins)", access: "admin", body: policyOverridesSchema, success: { 200: "`{policyOverrides}`" }, errors: [403, 413] },
  { method: "put", path: "/api/staff/settings/sla/calendar", summary: "Replace the business calendar (admins)", access: "admin", body: calendarConfigSchema, success: { 200: "`{calendar}`" }, errors: [403, 413] },
  { method: "post", path: "/api/staff/settings/sla/holidays", summary: "Import a year's official holidays and make-up working days (admins)", access: "admin", body: holidayScheduleSchema, success: { 200: "`{schedule, coverage}`" }, errors: [403, 413] },
  { method: "post", path: "/api/staff/staff", summary: "Register a staff member (admins); the API token is in the answer, once", access: "admin", body: STAFF_BODIES.registerStaff, success: { 201: "`{staff, token}`" }, errors: [403, 409, 413] },
];

/** A zod schema as JSON Schema, describing what a client sends (defaults make fields optional). */
function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const converted = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  delete converted.$schema;
  return converted;
}

const openApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, "{$1}");

/** The error codes answered with each status, from the one mapping the API uses (error-mapper.ts). */
function codesByStatus(): Map<number, AppErrorCode[]> {
  const byStatus = new Map<number, AppErrorCode[]>();
  for (const [code, status] of Object.entries(STATUS_BY_CODE) as [AppErrorCode, number][]) byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  return byStatus;
}

const ERROR_SCHEMA = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string", enum: Object.keys(STATUS_BY_CODE) },
        message: { type: "string", description: "for people, in the caller's language (`?lang=` or Accept-Language; zh-Hans by default)" },
        fields: {
          type: "array",
          description: "validation errors only: each field with a stable problem code and a sentence",
          items: {
            type: "object",
            required: ["field", "problem", "message"],
            properties: { field: { type: "string" }, problem: { type: "string" }, message: { type: "string" } },
          },
        },
        retryAfterSeconds: { type: "integer", description: "rate_limited only (also in the Retry-After header)" },
      },
    },
  },
};

function operationObject(operation: ApiOperation, byStatus: Map<number, AppErrorCode[]>): Record<string, unknown> {
  const parameters: Record<string, unknown>[] = [];
  for (const match of operation.path.matchAll(/:([A-Za-z]+)/g)) {
    const name = match[1] ?? "";
    parameters.push({ name, in: "path", required: true, schema: { type: "string" }, ...(name === "number" ? { description: "ticket number, e.g. SR202611240001" } : {}) });
  }
  if (operation.query) {
    const query = jsonSchema(operation.query) as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
    for (const [name, schema] of Object.entries(query.properties ?? {})) {
      const { description, ...rest } = schema;
      parameters.push({ name, in: "query", required: query.required?.includes(name) ?? false, schema: rest, ...(description ? { description } : {}) });
    }
  }
  for (const header of operation.headers ?? []) parameters.push({ name: header.name, in: "header", required: false, schema: { type: "string" }, description: header.description });

  const errorStatuses = new Set([400, 404, 500, ...(operation.access === "public" ? [] : [401]), ...(operation.errors ?? [])]);
  const responses: Record<string, unknown> = {};
  for (const [status, description] of Object.entries(operation.success)) {
    responses[status] = { description, ...(Number(status) === 200 && operation.path === OPENAPI_PATH ? {} : { content: { "application/json": { schema: { type: "object" } } } }) };
  }
  for (const status of [...errorStatuses].sort((left, right) => left - right)) {
    const codes = byStatus.get(status) ?? [];
    responses[String(status)] = {
      description: codes.length ? `error: ${codes.join(", ")}` : "error",
      content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
    };
  }

  const access =
    operation.access === "supervisor" ? " Supervisors and admins only." : operation.access === "admin" ? " Admins only." : "";
  return {
    summary: operation.summary,
    ...(access ? { description: access.trim() } : {}),
    tags: [operation.access === "public" ? "public" : "staff"],
    ...(operation.access === "public" ? {} : { security: [{ bearerAuth: [] }] }),
    ...(parameters.length ? { parameters } : {}),
    ...(operation.body ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(operation.body) } } } } : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document of {@link API_OPERATIONS}. */
export function openApiDocument(): Record<string, unknown> {
  const byStatus = codesByStatus();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of API_OPERATIONS) {
    const path = (paths[openApiPath(operation.path)] ??= {});
    path[operation.method] = operationObject(operation, byStatus);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Service desk API",
      version: "1",
      description:
        "Customers report and follow tickets without an account; staff routes need `Authorization: Bearer <token>` (a token from `npm run staff -- add` or `POST /api/staff/staff`). Every error is `{\"error\":{\"code\",\"message\"}}` with the status listed per route.",
    },
    tags: [
      { name: "public", description: "anyone; tickets are proven with their number and the reporter's phone" },
      { name: "staff", description: "signed-in staff (bearer token)" },
    ],
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "a staff API token" } },
      schemas: { Error: ERROR_SCHEMA },
    },
  };
}
