-- AlterTable
ALTER TABLE "Staff" ADD COLUMN "apiTokenExpiresAt" DATETIME;
