-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "mergedInto" TEXT;
ALTER TABLE "OutboxMessage" ADD COLUMN "priority" INTEGER NOT NULL DEFAULT 1;

-- CreateIndex
CREATE INDEX "OutboxMessage_status_channel_recipientKind_recipientId_priority_id_idx" ON "OutboxMessage"("status", "channel", "recipientKind", "recipientId", "priority", "id");

-- CreateIndex
CREATE INDEX "OutboxMessage_ticketId_status_idx" ON "OutboxMessage"("ticketId", "status");

-- CreateIndex
CREATE INDEX "OutboxMessage_mergedInto_idx" ON "OutboxMessage"("mergedInto");
