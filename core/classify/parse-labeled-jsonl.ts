import { z } from "zod";
import { CATEGORIES, URGENCIES } from "./types.ts";
import type { LabeledExample } from "./types.ts";

const labeledLine = z.object({
  id: z.string().min(1),
  text: z.string(),
  category: z.enum(CATEGORIES),
  urgency: z.enum(URGENCIES),
});

export type LabeledParseResult = {
  examples: LabeledExample[];
  /** One entry per rejected line, e.g. "corrections.jsonl:12: urgency: Invalid option". */
  problems: string[];
};

/**
 * Parses JSONL with one `{"id","text","category","urgency"}` object a line (extra fields
 * such as "lang" are ignored). Bad lines are reported, not fatal, so one wrong staff
 * correction cannot block retraining.
 */
export function parseLabeledJsonl(content: string, sourceName: string): LabeledParseResult {
  const examples: LabeledExample[] = [];
  const problems: string[] = [];
  content.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === "") return;
    const where = `${sourceName}:${index + 1}`;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      problems.push(`${where}: not valid JSON`);
      return;
    }
    const parsed = labeledLine.safeParse(raw);
    if (!parsed.success) {
      problems.push(`${where}: ${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`);
      return;
    }
    examples.push(parsed.data);
  });
  return { examples, problems };
}
