/**
 * Mainland China public holidays and make-up working days (调休上班) for 2026, from the
 * State Council General Office notice on the 2026 holiday arrangements
 * (国务院办公厅关于2026年部分节假日安排的通知). Dates are local dates in Asia/Shanghai.
 *
 * Every day off of each period is listed (including the weekend days inside it), so the
 * data reads like the notice; a weekend day listed as a holiday changes nothing.
 * Later years are data, not code: the schedules shipped in the `chinese-days` package (read
 * by content/) and the ones an admin imports (`npm run calendar -- import`, see
 * holiday-schedule.ts). A year with neither has only ordinary weekends.
 */
import type { CalendarDate, LocalizedName } from "../calendar-config.ts";
import type { LocalDate } from "../local-time.ts";

/** One holiday period of the notice: its days off and the weekend days worked to make up for it. */
export type HolidayPeriod = {
  readonly key: "new_year" | "spring_festival" | "qingming" | "labour_day" | "dragon_boat" | "mid_autumn" | "national_day";
  readonly name: LocalizedName;
  readonly daysOff: readonly LocalDate[];
  readonly makeUpWorkdays: readonly LocalDate[];
};

export const CN_MAINLAND_2026_PERIODS: readonly HolidayPeriod[] = [
  {
    key: "new_year",
    name: { zh: "元旦", en: "New Year's Day" },
    daysOff: ["2026-01-01", "2026-01-02", "2026-01-03"],
    makeUpWorkdays: ["2026-01-04"], // Sunday
  },
  {
    key: "spring_festival",
    name: { zh: "春节", en: "Spring Festival" },
    daysOff: [
      "2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19",
      "2026-02-20", "2026-02-21", "2026-02-22", "2026-02-23",
    ],
    makeUpWorkdays: ["2026-02-14", "2026-02-28"], // both Saturdays
  },
  {
    key: "qingming",
    name: { zh: "清明节", en: "Qingming Festival" },
    daysOff: ["2026-04-04", "2026-04-05", "2026-04-06"],
    makeUpWorkdays: [],
  },
  {
    key: "labour_day",
    name: { zh: "劳动节", en: "Labour Day" },
    daysOff: ["2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04", "2026-05-05"],
    makeUpWorkdays: ["2026-05-09"], // Saturday
  },
  {
    key: "dragon_boat",
    name: { zh: "端午节", en: "Dragon Boat Festival" },
    daysOff: ["2026-06-19", "2026-06-20", "2026-06-21"],
    makeUpWorkdays: [],
  },
  {
    key: "mid_autumn",
    name: { zh: "中秋节", en: "Mid-Autumn Festival" },
    daysOff: ["2026-09-25", "2026-09-26", "2026-09-27"],
    makeUpWorkdays: [],
  },
  {
    key: "national_day",
    name: { zh: "国庆节", en: "National Day" },
    daysOff: ["2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07"],
    makeUpWorkdays: ["2026-09-20", "2026-10-10"], // Sunday, Saturday
  },
];

/** Every 2026 day off, one entry per date, named after its festival. */
export const CN_MAINLAND_2026_HOLIDAYS: readonly CalendarDate[] = CN_MAINLAND_2026_PERIODS.flatMap((period) =>
  period.daysOff.map((date) => ({ date, name: period.name })),
);

/** Every 2026 make-up working day, named "<festival>调休上班". */
export const CN_MAINLAND_2026_MAKE_UP_WORKDAYS: readonly CalendarDate[] = CN_MAINLAND_2026_PERIODS.flatMap((period) =>
  period.makeUpWorkdays.map((date) => ({
    date,
    name: { zh: `${period.name.zh}调休上班`, en: `${period.name.en} make-up working day` },
  })),
);
