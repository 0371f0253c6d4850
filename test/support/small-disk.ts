import { execFileSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Database } from "../../db/index.ts";

/**
 * A folder on a disk that a test can fill and free. As root (CI, this sandbox) it is a real
 * tmpfs of `sizeMb`, filled with a filler file up to ENOSPC: SQLite, the WAL and the photo
 * writes all meet a genuinely full disk. Elsewhere it is an ordinary temp folder and the full
 * disk is injected: the desk's connection refuses writes (`PRAGMA query_only`, SQLITE_READONLY
 * at the statement rather than SQLITE_FULL at COMMIT; the same refusal reaches the user),
 * which photo writes do not see.
 */
export type SmallDisk = {
  dir: string;
  kind: "tmpfs" | "injected";
  /** Fills the disk (the database `db` cannot grow any more). */
  fill(db: Database): Promise<void>;
  /** Frees the space again. */
  free(db: Database): Promise<void>;
  /** Unmounts and removes the folder; safe to call twice. */
  cleanup(): void;
};

export function smallDisk(sizeMb = 16): SmallDisk {
  const dir = mkdtempSync(join(tmpdir(), "desk-small-disk-"));
  let mounted = false;
  // DESK_TEST_DISK=injected tries the fallback as root.
  if (process.getuid?.() === 0 && process.env.DESK_TEST_DISK !== "injected") {
    try {
      execFileSync("mount", ["-t", "tmpfs", "-o", `size=${sizeMb}m,mode=0755`, "tmpfs", dir], { stdio: "pipe" });
      mounted = true;
    } catch {
      // A container without CAP_SYS_ADMIN: fall back to the injected full disk.
    }
  }
  const filler = join(dir, "filler.bin");
  return {
    dir,
    kind: mounted ? "tmpfs" : "injected",
    async fill(db) {
      if (!mounted) {
        await db.$queryRawUnsafe("PRAGMA query_only = ON");
        return;
      }
      const fd = openSync(filler, "a");
      try {
        for (const size of [1024 * 1024, 64 * 1024, 4096, 512, 1]) {
          const chunk = Buffer.alloc(size, 1);
          try {
            for (;;) writeSync(fd, chunk);
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
          }
        }
      } finally {
        closeSync(fd);
      }
    },
    async free(db) {
      if (!mounted) {
        await db.$queryRawUnsafe("PRAGMA query_only = OFF");
        return;
      }
      rmSync(filler, { force: true });
    },
    cleanup() {
      if (mounted) {
        try {
          execFileSync("umount", [dir], { stdio: "pipe" });
        } catch {
          // Still busy (a file left open by a failed test): detach it now, freed when closed.
          execFileSync("umount", ["-l", dir], { stdio: "pipe" });
        }
        mounted = false;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
