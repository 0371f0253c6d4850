/** Turns zod issues into the domain's `validation` error, the same way for every SLA config. */
import type { z } from "zod";
import { AppError } from "../errors.ts";
import { validationError as fieldValidationError } from "../tickets/report.ts";

/** The shared `validation` error (each field and its problem), with a detail that names `subject` for the logs. */
export function validationError(subject: string, error: z.ZodError): AppError {
  return new AppError("validation", {
    params: fieldValidationError(error).params,
    detail: `Invalid ${subject}: ${error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`).join("; ")}`,
  });
}
