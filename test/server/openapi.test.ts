import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../server/app.ts";
import { hashApiToken } from "../../server/http/staff-auth.ts";
import { createLogger } from "../../server/logger.ts";
import { buildDbCore } from "../support/desk-fixture.ts";

type JsonSchema = { type?: string; properties?: Record<string, JsonSchema>; required?: string[]; items?: JsonSchema };
type Operation = {
  security?: unknown[];
  requestBody?: { content: { "application/json": { schema: JsonSchema } } };
  responses: Record<string, { content?: { "application/json": { schema: { $ref?: string } } } }>;
};
type Document = { openapi: string; paths: Record<string, Record<string, Operation>>; components: { schemas: { Error: JsonSchema } } };
type ErrorBody = { error: { code: string; fields?: { field: string }[] } };

let built: Awaited<ReturnType<typeof buildDbCore>>;
let app: ReturnType<typeof createApp>;
let document: Document;
const ADMIN_TOKEN = "token-root";

/** Path parameters for the probes: a ticket that does not exist, a survey token that is not one. */
const concretePath = (path: string) => path.replace("{number}", "SR202611249999").replace("{token}", "not-a-token");

async function send(method: string, path: string, body: unknown): Promise<Response> {
  return app.request(path, {
    method: method.toUpperCase(),
    headers: { "content-type": "application/json", authorization: `Bearer ${ADMIN_TOKEN}`, "accept-language": "en" },
    body: JSON.stringify(body),
  });
}

beforeAll(async () => {
  built = await buildDbCore();
  app = createApp({ core: built.core, logger: createLogger("silent"), checkDatabase: async () => true, rateLimit: null });
  await built.stores.staff.create({ id: "staff-root", name: "Root", role: "admin", createdAt: built.clock.now(), apiTokenHash: hashApiToken(ADMIN_TOKEN) });
  const response = await app.request("/api/openapi.json");
  expect(response.status).toBe(200);
  document = (await response.json()) as Document;
});

afterAll(async () => {
  await built.cleanup();
});

/** Every documented operation with a JSON body, as [method, path, body schema]. */
function documentedBodies(): [string, string, JsonSchema][] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).flatMap(([method, operation]) => {
      const schema = operation.requestBody?.content["application/json"].schema;
      return schema ? [[method, path, schema] as [string, string, JsonSchema]] : [];
    }),
  );
}

describe("GET /api/openapi.json", () => {
  it("lists exactly the routes the app registers, with the error shape and bearer auth on staff routes", () => {
    expect(document.openapi).toBe("3.1.0");
    const registered = new Set(
      app.routes.filter((route) => route.method !== "ALL").map((route) => `${route.method.toLowerCase()} ${route.path.replace(/:([A-Za-z]+)/g, "{$1}")}`),
    );
    const documented = new Set(Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method} ${path}`)));
    expect([...documented].sort()).toEqual([...registered].sort());

    for (const [path, methods] of Object.entries(document.paths)) {
      for (const operation of Object.values(methods)) {
        expect(operation.responses["400"]?.content?.["application/json"].schema.$ref).toBe("#/components/schemas/Error");
        if (path.startsWith("/api/staff/")) {
          expect(operation.security).toEqual([{ bearerAuth: [] }]);
          expect(operation.responses["401"]).toBeDefined();
        }
      }
    }
    expect(document.components.schemas.Error.properties?.error?.required).toEqual(["code", "message"]);
  });

  it("documents the assign body the route needs", () => {
    const schema = document.paths["/api/staff/tickets/{number}/assign"]?.post?.requestBody?.content["application/json"].schema;
    expect(schema).toMatchObject({ type: "object", required: ["assignee"], properties: { assignee: { type: "string" } } });
  });

  it("documents for each route with a body the fields it requires: an empty body is refused naming exactly them", async () => {
    const bodies = documentedBodies();
    expect(bodies.length).toBeGreaterThan(10);
    for (const [method, path, schema] of bodies) {
      const response = await send(method, concretePath(path), schema.type === "object" ? {} : "not this");
      const answer = (await response.json()) as ErrorBody;
      const required = schema.type === "object" ? (schema.required ?? []) : ["body"];
      if (required.length === 0) {
        expect(answer.error?.code, `${method} ${path} accepts {}`).not.toBe("validation");
      } else {
        expect(response.status, `${method} ${path}`).toBe(400);
        expect(new Set(answer.error.fields?.map((field) => field.field)), `${method} ${path}`).toEqual(new Set(required));
      }
    }
  });

  it("documents only fields the route checks: a wrong value in each documented field is refused naming it", async () => {
    for (const [method, path, schema] of documentedBodies()) {
      if (schema.type !== "object") continue;
      for (const [field, property] of Object.entries(schema.properties ?? {})) {
        const wrong = property.type === "object" ? "not an object" : { wrong: true };
        const response = await send(method, concretePath(path), { [field]: wrong });
        const answer = (await response.json()) as ErrorBody;
        expect(response.status, `${method} ${path} ${field}`).toBe(400);
        expect(answer.error.fields?.map((entry) => entry.field.split(".")[0]), `${method} ${path} ${field}`).toContain(field);
      }
    }
  });
});
