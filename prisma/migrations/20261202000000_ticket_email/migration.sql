-- AlterTable: an optional e-mail address for updates to customers who report on the portal or the API
ALTER TABLE "Ticket" ADD COLUMN "email" TEXT;
