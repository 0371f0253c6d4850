import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cookieJar, hiddenValue, startPortalServer, tinyPng, type PortalServer } from "./support.ts";

/** The report form's photos are streamed to disk; nothing of a refused report stays there. */
let server: PortalServer;
beforeAll(async () => {
  server = await startPortalServer({ limits: null });
});
afterAll(async () => {
  await server?.close();
});

function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name));
  } catch {
    return [];
  }
}

async function report(photos: { bytes: Uint8Array<ArrayBuffer>; name: string }[]) {
  const jar = cookieJar();
  const page = await fetch(`${server.baseUrl}/report`, { headers: { "accept-language": "en" } });
  jar.store(page);
  const html = await page.text();
  const form = new FormData();
  form.set("csrf", hiddenValue(html, "csrf"));
  form.set("formId", hiddenValue(html, "formId"));
  form.set("name", "Wang Fang");
  form.set("phone", "13800138000");
  form.set("description", "The washer does not spin, code E3");
  for (const photo of photos) form.append("photos", new Blob([photo.bytes]), photo.name);
  const response = await fetch(`${server.baseUrl}/report`, { method: "POST", body: form, headers: { origin: server.baseUrl, cookie: jar.header(), "accept-language": "en" } });
  return { status: response.status, html: await response.text() };
}

describe("photos streamed to disk", () => {
  it("refuses a photo over 10 MB, a sixth photo and a file that is no photo, leaving no file behind", async () => {
    const png = await tinyPng();
    const huge = new Uint8Array(12 * 1024 * 1024);
    huge.set(png);
    const tooLarge = await report([{ bytes: huge, name: "huge.png" }]);
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.html).toContain("huge.png");
    expect(filesUnder(join(server.dataDir, "uploads"))).toEqual([]);

    const six = await report(Array.from({ length: 6 }, (_, index) => ({ bytes: png, name: `p${index}.png` })));
    expect(six.status).toBe(400);
    expect(filesUnder(join(server.dataDir, "uploads"))).toEqual([]);

    const script = await report([{ bytes: new TextEncoder().encode("#!/bin/sh\necho hi\n") as Uint8Array<ArrayBuffer>, name: "photo.jpg" }]);
    expect(script.status).toBe(400);
    expect(filesUnder(join(server.dataDir, "uploads"))).toEqual([]);
  });

  it("stores accepted photos whole under uploads/YYYY/MM and keeps no temporary file", async () => {
    const png = await tinyPng();
    const accepted = await report([
      { bytes: png, name: "one.png" },
      { bytes: png, name: "two.png" },
    ]);
    expect(accepted.status).toBe(201);
    const stored = filesUnder(join(server.dataDir, "uploads"));
    expect(stored).toHaveLength(2);
    for (const file of stored) expect(file).toMatch(/uploads\/\d{4}\/\d{2}\/[0-9a-f-]{36}\.png$/);
    expect(filesUnder(join(server.dataDir, "uploads", ".incoming"))).toEqual([]);
  });
});
