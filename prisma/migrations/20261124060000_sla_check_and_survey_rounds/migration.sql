-- DropIndex
DROP INDEX "Survey_ticketId_key";

-- DropIndex
DROP INDEX "FollowUpTask_kind_ticketId_key";

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN "slaCheckAt" DATETIME;

-- CreateIndex
CREATE INDEX "Ticket_slaCheckAt_idx" ON "Ticket"("slaCheckAt");

-- CreateIndex
CREATE INDEX "Survey_ticketId_createdAt_idx" ON "Survey"("ticketId", "createdAt");

-- CreateIndex
CREATE INDEX "FollowUpTask_kind_ticketId_idx" ON "FollowUpTask"("kind", "ticketId");

-- Open tickets from before this column get checked at the next scheduler pass.
UPDATE "Ticket" SET "slaCheckAt" = "createdAt" WHERE "status" NOT IN ('closed', 'cancelled');
