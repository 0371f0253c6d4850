import { describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config.ts";

describe("DATA_DIR", () => {
  it("empty or blank counts as unset, never as the filesystem root", () => {
    for (const value of ["", "  "]) {
      const config = loadConfig({ DATA_DIR: value });
      expect(config.dataDir).toBe("./data");
      expect(config.databaseUrl).toBe("file:./data/app.db");
    }
    const emptyUrl = loadConfig({ DATA_DIR: "", DATABASE_URL: "" });
    expect(emptyUrl.databaseUrl).toBe("file:./data/app.db");
  });

  it("a set DATA_DIR is used as given", () => {
    expect(loadConfig({ DATA_DIR: "/srv/desk" })).toMatchObject({ dataDir: "/srv/desk", databaseUrl: "file:/srv/desk/app.db" });
  });
});
