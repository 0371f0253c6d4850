#!/usr/bin/env node
/**
 * Peak memory of the desk while it takes N concurrent report posts of ~50 MB each (five
 * 10 MB photos, a valid form token): `node bench/upload-rss.mjs [repo-dir] [--posts 16]`.
 * Starts `scripts/start.mjs` of `repo-dir` (default: this checkout) on a temp DATA_DIR, reads
 * its RSS from /proc before and during the posts (Linux), prints one JSON line. The clients
 * stream their bodies from one shared zero buffer, so they add almost nothing themselves.
 * A figure, not a test: take it on a quiet machine, or say it was not.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const args = process.argv.slice(2);
const repo = resolve(args.find((arg) => !arg.startsWith("--")) ?? ".");
const posts = Number(args[args.indexOf("--posts") + 1] ?? 16) || 16;
const PHOTOS = 5;
const PHOTO_BYTES = 10 * 1024 * 1024 - 1024;

const port = await new Promise((done) => {
  const probe = createServer().listen(0, "127.0.0.1", () => {
    const { port: free } = probe.address();
    probe.close(() => done(free));
  });
});
const dataDir = mkdtempSync(join(tmpdir(), "upload-rss-"));
const child = spawn(process.execPath, ["scripts/start.mjs"], {
  cwd: repo,
  env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, PUBLIC_RATE_LIMIT: "off", LOG_LEVEL: "warn", APP_SECRET: "upload-rss-secret-0123456789" },
  stdio: ["ignore", "ignore", "inherit"],
});
const base = `http://127.0.0.1:${port}`;

function rssMb(field = "VmRSS") {
  const line = readFileSync(`/proc/${child.pid}/status`, "utf8").split("\n").find((text) => text.startsWith(field));
  return Math.round(Number(/(\d+)/.exec(line ?? "")?.[1] ?? 0) / 1024);
}

async function ready() {
  for (let attempt = 0; attempt < 600; attempt++) {
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error("the desk did not start");
}

async function formOf() {
  const page = await fetch(`${base}/report`);
  const cookie = page.headers.getSetCookie().map((line) => line.split(";")[0]).join("; ");
  const html = await page.text();
  const value = (name) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1]?.replace(/&amp;/g, "&") ?? "";
  return { cookie, csrf: value("csrf"), formId: value("formId") };
}

const PNG_HEAD = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ZEROS = Buffer.alloc(64 * 1024);

function post({ cookie, csrf, formId }) {
  const boundary = `----rss${Math.random().toString(16).slice(2)}`;
  const field = (name, value) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  const head = Buffer.concat([
    field("csrf", csrf),
    field("formId", formId),
    field("name", "Wang Fang"),
    field("phone", "13800138000"),
    field("description", "The washer does not spin, code E3"),
  ]);
  const photoHead = (index) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="p${index}.png"\r\nContent-Type: image/png\r\n\r\n`);
  const tail = Buffer.from(`--${boundary}--\r\n`);
  const length = head.length + tail.length + Array.from({ length: PHOTOS }, (_, index) => photoHead(index).length + PHOTO_BYTES + 2).reduce((a, b) => a + b, 0);
  return new Promise((done) => {
    const req = request(`${base}/report`, {
      method: "POST",
      headers: { "content-type": `multipart/form-data; boundary=${boundary}`, "content-length": String(length), origin: base, cookie },
    });
    req.on("response", (response) => {
      response.resume();
      response.on("end", () => done(response.statusCode));
    });
    req.on("error", () => done("error"));
    (async () => {
      const write = (chunk) => (req.write(chunk) ? Promise.resolve() : new Promise((drained) => req.once("drain", drained)));
      await write(head);
      for (let index = 0; index < PHOTOS; index++) {
        await write(photoHead(index));
        await write(PNG_HEAD);
        let left = PHOTO_BYTES - PNG_HEAD.length;
        while (left > 0) {
          const size = Math.min(left, ZEROS.length);
          await write(size === ZEROS.length ? ZEROS : ZEROS.subarray(0, size));
          left -= size;
        }
        await write(Buffer.from("\r\n"));
      }
      req.end(tail);
    })();
  });
}

try {
  await ready();
  // One report first: the portal and its code are loaded before the baseline is read.
  await post(await formOf());
  const forms = await Promise.all(Array.from({ length: posts }, () => formOf()));
  const before = rssMb();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb())), 25);
  const statuses = await Promise.all(forms.map((form) => post(form)));
  clearInterval(sampler);
  const counts = statuses.reduce((all, status) => ({ ...all, [status]: (all[status] ?? 0) + 1 }), {});
  console.log(JSON.stringify({ repo, posts, mbPerPost: Math.round((PHOTOS * PHOTO_BYTES) / 1048576), rssBeforeMb: before, rssPeakMb: peak, vmHwmMb: rssMb("VmHWM"), statuses: counts }));
} finally {
  child.kill("SIGTERM");
  await new Promise((done) => child.once("exit", done));
  rmSync(dataDir, { recursive: true, force: true });
}
