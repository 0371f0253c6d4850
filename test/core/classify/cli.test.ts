import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CATEGORIES, URGENCIES } from "../../../core/classify/index.ts";
import { classifyJsonlLines } from "../../../scripts/classify.ts";
import { REPO_ROOT } from "./read-training-files.ts";

const scratch = mkdtempSync(join(tmpdir(), "classify-cli-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

type OutputLine = { id?: unknown; category?: unknown; urgency?: unknown; confidence?: unknown; error?: unknown; line?: unknown };

describe("classify CLI", () => {
  it("prints {id, category, urgency, confidence} per line and an error line for malformed input", () => {
    const output = classifyJsonlLines([
      JSON.stringify({ id: "r1", text: "热水器漏水了" }),
      "{broken json",
      "",
      JSON.stringify({ id: "r2" }),
      JSON.stringify({ id: 7, text: "The parcel never arrived" }),
    ]).map((text) => JSON.parse(text) as OutputLine);

    expect(output).toHaveLength(4);
    expect(Object.keys(output[0] ?? {})).toEqual(["id", "category", "urgency", "confidence"]);
    expect(output[0]?.id).toBe("r1");
    expect(CATEGORIES).toContain(output[0]?.category);
    expect(URGENCIES).toContain(output[0]?.urgency);
    expect(typeof output[0]?.confidence).toBe("number");
    expect(output[1]).toMatchObject({ id: null, line: 2 });
    expect(typeof output[1]?.error).toBe("string");
    expect(output[2]).toMatchObject({ id: "r2", line: 4 });
    expect(typeof output[2]?.error).toBe("string");
    expect(output[3]).toMatchObject({ id: 7, category: "logistics" });
  });

  it("runs as a script on a file", () => {
    const input = join(scratch, "input.jsonl");
    writeFileSync(input, [JSON.stringify({ id: "a", text: "插座冒烟了" }), "nope", JSON.stringify({ id: "b", text: "请问保修几年" })].join("\n"));
    const tsx = join(REPO_ROOT, "node_modules", ".bin", "tsx");
    const stdout = execFileSync(tsx, [join(REPO_ROOT, "scripts", "classify.ts"), input], { encoding: "utf8" });
    const lines = stdout.trim().split("\n").map((text) => JSON.parse(text) as OutputLine);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ id: "a", urgency: "urgent" });
    expect(lines[1]).toMatchObject({ line: 2 });
    expect(lines[2]).toMatchObject({ id: "b", category: "consultation", urgency: "low" });
  });
});
