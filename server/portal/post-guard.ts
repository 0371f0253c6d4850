import type { Context } from "hono";
import { REPORT_LIMITS } from "../../core/index.ts";
import { isSameOriginRequest } from "./csrf.ts";
import type { RefusalStatus } from "./refusal-page.ts";

/** The multipart body of a report: five photos at the limit plus the text fields. */
const REPORT_BODY_LIMIT = REPORT_LIMITS.attachments * REPORT_LIMITS.attachmentBytes + 1024 * 1024;
const FORM_BODY_LIMIT = 256 * 1024;

/**
 * Why a portal POST is refused before its body is read, or `null` to let it through:
 * another site's form (403), no declared length (411), or a body over its page's limit (413,
 * closing the connection so the upload stops).
 */
export function refusedPost(context: Context, publicUrl: string): { status: RefusalStatus; headers?: Record<string, string> } | null {
  const { req } = context;
  if (!isSameOriginRequest({ origin: req.header("origin"), referer: req.header("referer"), host: req.header("host") }, publicUrl)) return { status: 403 };
  const declared = req.header("content-length");
  if (declared === undefined) return { status: 411 };
  const limit = req.path === "/report" ? REPORT_BODY_LIMIT : FORM_BODY_LIMIT;
  if (!/^\d+$/.test(declared) || Number(declared) > limit) return { status: 413, headers: { Connection: "close" } };
  return null;
}
