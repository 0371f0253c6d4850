import { describe, expect, it } from "vitest";
import { isAppError } from "../../../core/errors.ts";
import {
  DEFAULT_SLA_POLICIES,
  defaultCalendar,
  dueAt,
  parsePolicyOverrides,
  policyOverrideSchema,
  resolvePolicy,
  targetFor,
  targetMinutes,
} from "../../../core/sla/index.ts";
import type { PolicyOverride, SlaPolicies } from "../../../core/sla/index.ts";
import { local, show } from "./support.ts";

describe("default SLA policies (domain.md)", () => {
  it.each([
    ["urgent", { amount: 2, unit: "hours" }, { amount: 8, unit: "hours" }],
    ["high", { amount: 12, unit: "hours" }, { amount: 3, unit: "working_days" }],
    ["normal", { amount: 24, unit: "hours" }, { amount: 7, unit: "working_days" }],
    ["low", { amount: 24, unit: "hours" }, { amount: 3, unit: "working_days" }],
  ] as const)("%s: first response %o, resolution %o", (urgency, firstResponse, resolution) => {
    const policy = resolvePolicy(DEFAULT_SLA_POLICIES, { urgency });
    expect(policy.firstResponse).toEqual(firstResponse);
    expect(policy.resolution).toEqual(resolution);
    expect(policy.sources).toEqual({ firstResponse: "default", resolution: "default" });
  });
});

describe("resolvePolicy: the most specific row wins, per target", () => {
  const overrides: PolicyOverride[] = [
    { urgency: "high", resolution: { amount: 4, unit: "working_days" } },
    { urgency: "high", category: "complaint", resolution: { amount: 2, unit: "working_days" } },
    { urgency: "high", workCenterId: "wc-north", firstResponse: { amount: 4, unit: "hours" }, resolution: { amount: 5, unit: "working_days" } },
    {
      urgency: "high",
      workCenterId: "wc-north",
      category: "complaint",
      resolution: { amount: 1, unit: "working_days" },
    },
    { urgency: "normal", category: "consultation", firstResponse: { amount: 8, unit: "working_hours" } },
  ];
  const policies: SlaPolicies = { ...DEFAULT_SLA_POLICIES, overrides };

  it("work center + category + urgency beats everything", () => {
    const policy = resolvePolicy(policies, { urgency: "high", category: "complaint", workCenterId: "wc-north" });
    expect(policy.resolution).toEqual({ amount: 1, unit: "working_days" });
    expect(policy.sources.resolution).toBe("work_center_category");
    // That row sets no first-response target, so it comes from the work-center row.
    expect(policy.firstResponse).toEqual({ amount: 4, unit: "hours" });
    expect(policy.sources.firstResponse).toBe("work_center");
  });

  it("work center + urgency beats category + urgency", () => {
    const policy = resolvePolicy(policies, { urgency: "high", category: "repair", workCenterId: "wc-north" });
    expect(policy.resolution).toEqual({ amount: 5, unit: "working_days" });
    expect(policy.sources.resolution).toBe("work_center");
  });

  it("category + urgency applies in any work center", () => {
    const policy = resolvePolicy(policies, { urgency: "high", category: "complaint", workCenterId: "wc-south" });
    expect(policy.resolution).toEqual({ amount: 2, unit: "working_days" });
    expect(policy.sources).toEqual({ firstResponse: "default", resolution: "category" });
  });

  it("an urgency-only row replaces the built-in default", () => {
    const policy = resolvePolicy(policies, { urgency: "high", category: "repair" });
    expect(policy.resolution).toEqual({ amount: 4, unit: "working_days" });
    expect(policy.firstResponse).toEqual({ amount: 12, unit: "hours" });
  });

  it("never applies a row of another urgency, category or work center", () => {
    expect(resolvePolicy(policies, { urgency: "urgent", category: "complaint", workCenterId: "wc-north" }).sources).toEqual({
      firstResponse: "default",
      resolution: "default",
    });
    expect(resolvePolicy(policies, { urgency: "normal", category: "repair" }).firstResponse).toEqual({ amount: 24, unit: "hours" });
    expect(resolvePolicy(policies, { urgency: "normal", category: "consultation" }).firstResponse).toEqual({
      amount: 8,
      unit: "working_hours",
    });
  });

  it("ignores a row that needs a category or work center the ticket does not have", () => {
    const policy = resolvePolicy(policies, { urgency: "high" });
    expect(policy.resolution).toEqual({ amount: 4, unit: "working_days" });
    expect(policy.sources.resolution).toBe("default");
  });

  it("does not depend on the order of rows of different specificity", () => {
    const reversed: SlaPolicies = { ...DEFAULT_SLA_POLICIES, overrides: [...overrides].reverse() };
    const query = { urgency: "high", category: "complaint", workCenterId: "wc-north" } as const;
    expect(resolvePolicy(reversed, query)).toEqual(resolvePolicy(policies, query));
  });

  it("lets the later of two equally specific rows win", () => {
    const twice: SlaPolicies = {
      ...DEFAULT_SLA_POLICIES,
      overrides: [
        { urgency: "low", category: "complaint", resolution: { amount: 7, unit: "working_days" } },
        { urgency: "low", category: "complaint", resolution: { amount: 6, unit: "working_days" } },
      ],
    };
    expect(resolvePolicy(twice, { urgency: "low", category: "complaint" }).resolution.amount).toBe(6);
  });

  it("picks a clock's target", () => {
    const policy = resolvePolicy(DEFAULT_SLA_POLICIES, { urgency: "urgent" });
    expect(targetFor(policy, "first_response")).toEqual({ amount: 2, unit: "hours" });
    expect(targetFor(policy, "resolution")).toEqual({ amount: 8, unit: "hours" });
  });
});

describe("policy override schema", () => {
  it("accepts a database row with null columns", () => {
    const row = policyOverrideSchema.parse({
      urgency: "high",
      category: null,
      workCenterId: "wc-1",
      firstResponse: null,
      resolution: { amount: 2, unit: "working_days" },
    });
    expect(row).toEqual({ urgency: "high", workCenterId: "wc-1", resolution: { amount: 2, unit: "working_days" } });
    expect(row.category).toBeUndefined();
  });

  it.each([
    ["an unknown urgency", { urgency: "asap", resolution: { amount: 1, unit: "hours" } }],
    ["an unknown category", { urgency: "low", category: "misc", resolution: { amount: 1, unit: "hours" } }],
    ["no target at all", { urgency: "low", category: "billing" }],
    ["a zero amount", { urgency: "low", resolution: { amount: 0, unit: "hours" } }],
    ["a negative amount", { urgency: "low", resolution: { amount: -3, unit: "working_days" } }],
    ["an unknown unit", { urgency: "low", resolution: { amount: 3, unit: "days" } }],
    ["more than a year of working days", { urgency: "low", resolution: { amount: 400, unit: "working_days" } }],
    ["a blank work center", { urgency: "low", workCenterId: "  ", resolution: { amount: 1, unit: "hours" } }],
  ])("rejects %s", (_label, row) => {
    expect(policyOverrideSchema.safeParse(row).success).toBe(false);
  });

  it("rejects duplicate rows in a set, with the domain's validation error", () => {
    const rows = [
      { urgency: "low", category: "billing", resolution: { amount: 2, unit: "working_days" } },
      { urgency: "low", category: "billing", workCenterId: null, firstResponse: { amount: 4, unit: "hours" } },
    ];
    try {
      parsePolicyOverrides(rows);
      expect.unreachable("parsePolicyOverrides should have thrown");
    } catch (error) {
      expect(isAppError(error) && error.code).toBe("validation");
      expect((error as Error).message).toMatch(/1: duplicates override row 0/);
    }
  });

  it("returns rows ready for resolvePolicy", () => {
    const overrides = parsePolicyOverrides([{ urgency: "urgent", workCenterId: "wc-9", firstResponse: { amount: 1, unit: "hours" } }]);
    const policy = resolvePolicy({ ...DEFAULT_SLA_POLICIES, overrides }, { urgency: "urgent", workCenterId: "wc-9" });
    expect(policy.firstResponse).toEqual({ amount: 1, unit: "hours" });
  });
});

describe("dueAt and targetMinutes", () => {
  const calendar = defaultCalendar();

  it("wall-clock hours run through nights, weekends and holidays", () => {
    expect(show(dueAt(calendar, local("2026-02-14T22:00"), { amount: 8, unit: "hours" }))).toBe("2026-02-15 Sun 06:00");
    expect(show(dueAt(calendar, local("2026-10-01T10:00"), { amount: 24, unit: "hours" }))).toBe("2026-10-02 Fri 10:00");
  });

  it("working hours count only calendar working time", () => {
    expect(show(dueAt(calendar, local("2026-03-06T16:00"), { amount: 4, unit: "working_hours" }))).toBe("2026-03-09 Mon 11:00");
  });

  it("working days: a high-urgency ticket on Friday before the Spring Festival", () => {
    // Fri Feb 13 15:00 + 27 working hours: Fri 3 h, Sat Feb 14 (make-up) 9 h, Feb 24 9 h, Feb 25 6 h.
    expect(show(dueAt(calendar, local("2026-02-13T15:00"), { amount: 3, unit: "working_days" }))).toBe("2026-02-25 Wed 15:00");
  });

  it("converts targets into the minutes their clocks count", () => {
    expect(targetMinutes(calendar, { amount: 2, unit: "hours" })).toBe(120);
    expect(targetMinutes(calendar, { amount: 2, unit: "working_hours" })).toBe(120);
    expect(targetMinutes(calendar, { amount: 3, unit: "working_days" })).toBe(1620);
  });
});
