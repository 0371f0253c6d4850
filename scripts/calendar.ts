/**
 * `npm run calendar -- import <file.json>`: imports a year's official holiday schedule (days
 * off and make-up working days, format in README "Business calendar") into the local database,
 * as an admin would through `POST /api/staff/settings/sla/holidays`. A running desk reads it
 * at its next start; tickets created before keep their due times.
 * `npm run calendar -- show`: which years have a schedule, and from when SLA times count
 * weekends only.
 */
import { readFileSync } from "node:fs";
import { classifyReport, describeError, describeFieldProblem, isAppError, type CalendarCoverage, type FieldIssue } from "../core/index.ts";
import { composeCore } from "../server/compose-core.ts";
import { loadConfig } from "../server/config.ts";

const USAGE = "usage: npm run calendar -- import <schedule.json>\n       npm run calendar -- show";

async function main(argv: string[]): Promise<void> {
  const [command, file] = argv;
  if (!((command === "import" && file) || command === "show")) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  let input: unknown;
  if (command === "import" && file) {
    try {
      input = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      console.error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
      return;
    }
  }
  const config = loadConfig(process.env);
  const { core, db } = await composeCore({ config, classify: classifyReport });
  try {
    if (command === "import") {
      const { schedule, coverage } = await core.sla.importHolidays(input, null);
      console.log(`imported ${schedule.year}: ${schedule.holidays.length} days off, ${schedule.makeUpWorkdays.length} make-up working days (${config.databaseUrl})`);
      printCoverage(coverage);
      return;
    }
    const view = await core.sla.read();
    for (const schedule of view.holidaySchedules) {
      console.log(`${schedule.year}\t${schedule.source}\t${schedule.holidays} days off\t${schedule.makeUpWorkdays} make-up days${schedule.importedAt ? `\timported ${schedule.importedAt}` : ""}`);
    }
    printCoverage(view.coverage);
  } catch (error) {
    if (!isAppError(error)) throw error;
    // Each wrong field with its problem, as the staff API answers them.
    console.error(`${file ?? ""}: ${describeError("en", error).message}`);
    for (const issue of (error.params.issues ?? []) as FieldIssue[]) console.error(`  ${issue.field}: ${describeFieldProblem("en", issue.problem)}`);
    console.error(`  (${error.message})`);
    process.exitCode = 1;
  } finally {
    await db.$disconnect();
  }
}

function printCoverage(coverage: CalendarCoverage): void {
  console.log(
    coverage.coveredThrough
      ? `holiday schedules loaded through ${coverage.coveredThrough}; from ${coverage.weekendsOnlyFrom} SLA times count weekends only (${coverage.daysLeft} days left)`
      : `no holiday schedule for ${coverage.firstYearWithoutSchedule}: SLA times count weekends only`,
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
