/**
 * Classifies customer reports: reads JSONL lines {"id","text"} and prints one JSON line per
 * input, {"id","category","urgency","confidence"}. A malformed line prints
 * {"id" (if known),"line","error"} and processing continues.
 *
 *   npm run classify -- FILE.jsonl [--reasons]
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import { classifyReport, type Classification } from "../core/index.ts";

const inputLine = z.object({ id: z.union([z.string(), z.number()]), text: z.string() });

function idOf(raw: unknown): string | number | null {
  if (typeof raw === "object" && raw !== null && "id" in raw) {
    const id = raw.id;
    if (typeof id === "string" || typeof id === "number") return id;
  }
  return null;
}

/**
 * One output line per non-blank input line, in order. Pure apart from `classify`, so tests
 * can drive it without spawning a process.
 */
export function classifyJsonlLines(
  lines: readonly string[],
  classify: (text: string) => Classification = classifyReport,
  options: { reasons?: boolean } = {},
): string[] {
  const output: string[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === "") return;
    const lineNumber = index + 1;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      output.push(JSON.stringify({ id: null, line: lineNumber, error: "line is not valid JSON" }));
      return;
    }
    const parsed = inputLine.safeParse(raw);
    if (!parsed.success) {
      const problem = parsed.error.issues.map((issue) => `${issue.path.join(".") || "line"}: ${issue.message}`).join("; ");
      output.push(JSON.stringify({ id: idOf(raw), line: lineNumber, error: `expected {"id","text"}: ${problem}` }));
      return;
    }
    try {
      const result = classify(parsed.data.text);
      const row: Record<string, unknown> = {
        id: parsed.data.id,
        category: result.category,
        urgency: result.urgency,
        confidence: result.confidence,
      };
      if (options.reasons) row.reasons = result.reasons;
      output.push(JSON.stringify(row));
    } catch (error) {
      output.push(JSON.stringify({ id: parsed.data.id, line: lineNumber, error: `classification failed: ${String(error)}` }));
    }
  });
  return output;
}

/** CLI entry; returns the process exit code. */
export function main(argv: readonly string[]): number {
  const file = argv.find((argument) => !argument.startsWith("--"));
  if (!file) {
    console.error("usage: npm run classify -- FILE.jsonl [--reasons]");
    return 2;
  }
  const content = file === "-" ? readFileSync(0, "utf8") : readFileSync(file, "utf8");
  for (const line of classifyJsonlLines(content.split(/\r?\n/), classifyReport, { reasons: argv.includes("--reasons") })) {
    process.stdout.write(`${line}\n`);
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
