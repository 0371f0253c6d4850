import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { defineConfig } from "prisma/config";

// Driver-adapter mode: every Prisma command (generate, migrate deploy, migrate diff) runs
// offline through the bundled WebAssembly engine; no native engine is downloaded.
const databaseUrl = process.env.DATABASE_URL?.trim() || `file:${process.env.DATA_DIR?.trim() || "./data"}/app.db`;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  async adapter() {
    const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
    if (databaseUrl.startsWith("file:")) mkdirSync(dirname(databaseUrl.slice("file:".length)), { recursive: true });
    return new PrismaBetterSQLite3({ url: databaseUrl });
  },
});
