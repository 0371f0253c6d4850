-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN "followUpOf" TEXT;
