import { z } from "zod";
import { staffNameSchema } from "../staff/staff-name.ts";
import { validationError } from "../tickets/report.ts";

/** A work center's name ("上海浦东服务站") follows the rule of a staff name: what customers and staff read. */
export function readWorkCenterName(name: string): string {
  const parsed = z.object({ name: staffNameSchema }).safeParse({ name });
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data.name;
}
