import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { z } from "zod";
import { holidayScheduleSchema, type HolidaySchedule } from "../../core/index.ts";

/**
 * The mainland China holiday schedules shipped in the `chinese-days` package (its
 * `dist/chinese-days.json`: every official day off and make-up working day since 2004, as
 * `"YYYY-MM-DD": "English name,中文名,n"`), one schedule per year, for the core's business
 * calendar. The core reads no files, so the server and the CLI take them from here and hand
 * them over as data (`CoreSettings.holidaySchedules`). A newer package version brings the
 * next year's schedule with `npm update chinese-days`; until then an admin imports it.
 */
const packageDataSchema = z.object({
  holidays: z.record(z.string(), z.string()),
  workdays: z.record(z.string(), z.string()),
});

const require = createRequire(import.meta.url);

/** Where the package's data file is (resolved like an import, from this module). */
export function chineseDaysDataPath(): string {
  return require.resolve("chinese-days/dist/chinese-days.json");
}

/** The package's schedules, earliest year first; `text` is the data file's content (tests pass their own). */
export function loadChineseDaysSchedules(text: string = readFileSync(chineseDaysDataPath(), "utf8")): HolidaySchedule[] {
  const data = packageDataSchema.parse(JSON.parse(text));
  const years = new Map<number, { holidays: { date: string; name?: { zh: string; en: string } }[]; makeUpWorkdays: { date: string; name?: { zh: string; en: string } }[] }>();
  const yearOf = (date: string) => {
    const year = Number(date.slice(0, 4));
    let entry = years.get(year);
    if (!entry) {
      entry = { holidays: [], makeUpWorkdays: [] };
      years.set(year, entry);
    }
    return entry;
  };
  for (const [date, label] of Object.entries(data.holidays)) {
    const name = nameOf(label);
    yearOf(date).holidays.push({ date, ...(name ? { name } : {}) });
  }
  for (const [date, label] of Object.entries(data.workdays)) {
    const name = nameOf(label);
    // Named as the built-in 2026 data names them: "春节调休上班".
    yearOf(date).makeUpWorkdays.push({ date, ...(name ? { name: { zh: `${name.zh}调休上班`, en: `${name.en} make-up working day` } } : {}) });
  }
  const byDate = (left: { date: string }, right: { date: string }) => left.date.localeCompare(right.date);
  return [...years.entries()]
    .sort(([left], [right]) => left - right)
    .map(([year, days]) =>
      // Checked like an import: a broken package release fails start-up naming the date, not an SLA later.
      holidayScheduleSchema.parse({ year, holidays: days.holidays.sort(byDate), makeUpWorkdays: days.makeUpWorkdays.sort(byDate) }),
    );
}

/** `"Spring Festival,春节,4"` → `{ zh: "春节", en: "Spring Festival" }`. */
function nameOf(label: string): { zh: string; en: string } | undefined {
  const [en, zh] = label.split(",").map((part) => part.trim());
  return en && zh ? { zh, en } : undefined;
}
