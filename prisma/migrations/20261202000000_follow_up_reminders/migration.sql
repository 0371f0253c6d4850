-- AlterTable
ALTER TABLE "FollowUpTask" ADD COLUMN "remindedAt" DATETIME;
