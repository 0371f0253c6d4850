import { once } from "node:events";
import { Agent, request } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../server/app.ts";
import { createLogger } from "../../server/logger.ts";
import { buildDbCore } from "../support/desk-fixture.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** The API on a real port (keep-alive is a property of the connection, which app.request() has none of). */
async function listening() {
  const built = await buildDbCore();
  const app = createApp({ core: built.core, logger: createLogger("silent"), checkDatabase: async () => true, rateLimit: null });
  const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 });
  if (!server.listening) await once(server, "listening");
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  cleanups.push(async () => {
    agent.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await built.cleanup();
  });
  const { port } = server.address() as AddressInfo;
  /** One request on the agent's single kept-alive connection. */
  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; body: string; connection: string | undefined }>((resolve, reject) => {
      const outgoing = request({ host: "127.0.0.1", port, path, method: "POST", agent, headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)), ...headers } });
      outgoing.on("response", (response) => {
        let text = "";
        response.on("data", (chunk: Buffer) => (text += chunk.toString()));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text, connection: response.headers.connection }));
      });
      outgoing.on("error", reject);
      outgoing.end(body);
    });
  return { post, stores: built.stores };
}

const report = (index: number) => JSON.stringify({ name: "王芳", phone: "13800138000", description: `洗衣机不脱水 ${index}` });

describe("refusals before the body is read, on a kept-alive connection", () => {
  it("an oversized report is refused and every normal one after it on the same client succeeds", async () => {
    const { post, stores } = await listening();
    const oversized = await post("/api/tickets", JSON.stringify({ name: "x", phone: "13800138000", description: "坏".repeat(100_000) }));
    expect(oversized.status).toBe(413);
    expect(oversized.connection).toBe("close");
    const statuses: number[] = [];
    for (let index = 0; index < 10; index++) statuses.push((await post("/api/tickets", report(index))).status);
    expect(statuses).toEqual(Array(10).fill(201));
    expect((await stores.tickets.list({})).total).toBe(10);
  });

  it("so is a body refused for its type, and a request after it still works", async () => {
    const { post } = await listening();
    const refused = await post("/api/tickets", report(0), { "content-type": "text/plain" });
    expect(refused.status).toBe(415);
    expect((await post("/api/tickets", report(1))).status).toBe(201);
  });
});
