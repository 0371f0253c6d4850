/** Turns zod issues into the domain's `validation` error, the same way for every SLA config. */
import type { z } from "zod";
import { AppError } from "../errors.ts";

/** An `AppError("validation")` whose `params.issues` lists each path and message, and whose detail names `subject`. */
export function validationError(subject: string, error: z.ZodError): AppError {
  const issues = error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message }));
  return new AppError("validation", {
    params: { issues },
    detail: `Invalid ${subject}: ${issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`).join("; ")}`,
  });
}
