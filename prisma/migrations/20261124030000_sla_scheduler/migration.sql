-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN "firstResponseBreachedAt" DATETIME;
ALTER TABLE "Ticket" ADD COLUMN "firstResponseWarnAt" DATETIME;
ALTER TABLE "Ticket" ADD COLUMN "firstResponseWarnedAt" DATETIME;
ALTER TABLE "Ticket" ADD COLUMN "resolutionBreachedAt" DATETIME;
ALTER TABLE "Ticket" ADD COLUMN "resolutionWarnAt" DATETIME;
ALTER TABLE "Ticket" ADD COLUMN "resolutionWarnedAt" DATETIME;

-- CreateTable
CREATE TABLE "FollowUpTask" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL,
    "doneAt" DATETIME,
    "doneBy" TEXT
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "updatedBy" TEXT
);

-- CreateIndex
CREATE INDEX "FollowUpTask_status_dueAt_idx" ON "FollowUpTask"("status", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "FollowUpTask_kind_ticketId_key" ON "FollowUpTask"("kind", "ticketId");

-- CreateIndex
CREATE INDEX "Ticket_status_resolvedAt_idx" ON "Ticket"("status", "resolvedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReturnVisit_ticketId_key" ON "ReturnVisit"("ticketId");

