import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Staff, StaffRole } from "../../core/index.ts";
import { cookieJar, hiddenValue, tinyPng, type PortalServer } from "../portal/support.ts";

/** A registered member of the test desk. */
export async function addStaff(server: PortalServer, name: string, role: StaffRole, options: { workCenterId?: string } = {}): Promise<Staff> {
  return server.desk.core.registerStaff({ name, role, ...options }, null);
}

/** A ticket reported on the portal channel; `photo` stores a real PNG under DATA_DIR and attaches it. */
export async function report(server: PortalServer, input: { name: string; phone: string; description: string; photo?: boolean }): Promise<string> {
  const attachments = [];
  if (input.photo) {
    const storagePath = `uploads/2026/11/${Math.random().toString(36).slice(2)}.png`;
    const bytes = await tinyPng();
    mkdirSync(dirname(join(server.dataDir, storagePath)), { recursive: true });
    writeFileSync(join(server.dataDir, storagePath), bytes);
    attachments.push({ fileName: "漏水照片.png", mimeType: "image/png", sizeBytes: bytes.byteLength, storagePath });
  }
  const result = await server.desk.core.intake({ name: input.name, phone: input.phone, description: input.description, channel: "portal", attachments });
  return result.ticket.number;
}

/** One simulated browser over fetch: cookies kept, redirects not followed, forms posted with the page's CSRF token. */
export function staffBrowser(server: PortalServer) {
  const jar = cookieJar();
  const request = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${server.baseUrl}${path}`, { ...init, redirect: "manual", headers: { cookie: jar.header(), "accept-language": "en", ...(init.headers as Record<string, string> | undefined) } });
    jar.store(response);
    return response;
  };
  return {
    jar,
    get: (path: string) => request(path),
    /** GETs `formPage` for its token, then posts the fields to `path`. */
    async post(path: string, fields: Record<string, string>, formPage = path): Promise<Response> {
      const page = await request(formPage);
      const html = await page.text();
      const body = new URLSearchParams({ csrf: hiddenValue(html, "csrf"), ...fields });
      return request(path, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded" } });
    },
    async signInWithLink(url: string): Promise<Response> {
      const { pathname, search } = new URL(url);
      const token = new URLSearchParams(search).get("token") ?? "";
      return this.post("/staff/login", { action: "link", token }, `${pathname}${search}`);
    },
  };
}
