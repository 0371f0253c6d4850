/**
 * zod schemas for SLA targets and override rows, so admin input and database rows are
 * validated before they reach `resolvePolicy`.
 */
import { z } from "zod";
import { CATEGORIES, URGENCIES } from "../tickets/types.ts";
import type { PolicyOverride } from "./policy.ts";
import { validationError } from "./validation-error.ts";

export const slaUnitSchema = z.enum(["hours", "working_hours", "working_days"]);

/**
 * Upper bounds keep every target far inside the calendar's three-year search limit and
 * catch unit mix-ups (someone typing minutes into an hours field).
 */
export const SLA_TARGET_MAX = { hours: 24 * 366, working_hours: 2000, working_days: 260 } as const;

export const slaTargetSchema = z
  .object({ amount: z.number().positive(), unit: slaUnitSchema })
  .refine((target) => target.amount <= SLA_TARGET_MAX[target.unit], {
    message: "target is longer than a year",
    path: ["amount"],
  });

/** Database columns are `null` when empty; treat that as "not set". */
const nullableToOptional = <T extends z.ZodType>(schema: T) =>
  schema
    .nullish()
    .transform((value) => value ?? undefined);

/**
 * One override row (admin form or database row). Requires an urgency and at least one
 * target; `category` and `workCenterId` narrow where it applies.
 */
export const policyOverrideSchema = z
  .object({
    urgency: z.enum(URGENCIES),
    category: nullableToOptional(z.enum(CATEGORIES)),
    workCenterId: nullableToOptional(z.string().trim().min(1)),
    firstResponse: nullableToOptional(slaTargetSchema),
    resolution: nullableToOptional(slaTargetSchema),
  })
  .refine((row) => row.firstResponse !== undefined || row.resolution !== undefined, {
    message: "an override sets firstResponse, resolution or both",
  });

/** A whole set of override rows: additionally rejects two rows for the same urgency, category and work center. */
export const policyOverridesSchema = z.array(policyOverrideSchema).superRefine((rows, ctx) => {
  const seen = new Map<string, number>();
  rows.forEach((row, index) => {
    const key = JSON.stringify([row.urgency, row.category ?? null, row.workCenterId ?? null]);
    const first = seen.get(key);
    if (first !== undefined) {
      ctx.addIssue({ code: "custom", path: [index], message: `duplicates override row ${first}` });
    } else {
      seen.set(key, index);
    }
  });
});

/**
 * Validate override rows (admin input or database rows, `null` columns allowed) for
 * `resolvePolicy`.
 *
 * @throws AppError `validation` with every invalid field and duplicate row in `params.issues`.
 */
export function parsePolicyOverrides(input: unknown): PolicyOverride[] {
  const parsed = policyOverridesSchema.safeParse(input);
  if (!parsed.success) {
    throw validationError("SLA policy overrides", parsed.error);
  }
  return parsed.data;
}
