-- CreateTable
CREATE TABLE "BotSession" (
    "channel" TEXT NOT NULL,
    "userKey" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("channel", "userKey")
);

-- CreateTable
CREATE TABLE "BotProcessedUpdate" (
    "channel" TEXT NOT NULL,
    "updateId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,

    PRIMARY KEY ("channel", "updateId")
);

-- CreateTable
CREATE TABLE "BotSeenUser" (
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "username" TEXT,
    "displayName" TEXT NOT NULL,
    "languageCode" TEXT,
    "seenAt" DATETIME NOT NULL,

    PRIMARY KEY ("channel", "externalId")
);

-- CreateTable
CREATE TABLE "BotMessageLink" (
    "channel" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "ticketNumber" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,

    PRIMARY KEY ("channel", "chatId", "messageId")
);

-- CreateTable
CREATE TABLE "BotTicketTopic" (
    "channel" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "ticketNumber" TEXT NOT NULL,
    "threadId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,

    PRIMARY KEY ("channel", "chatId", "ticketNumber")
);

-- CreateTable
CREATE TABLE "BotSurveyPrompt" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "channel" TEXT NOT NULL,
    "surveyId" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "ticketNumber" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "pendingScore" INTEGER,
    "pendingAt" DATETIME,
    "createdAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "BotProcessedUpdate_at_idx" ON "BotProcessedUpdate"("at");

-- CreateIndex
CREATE INDEX "BotSeenUser_channel_username_idx" ON "BotSeenUser"("channel", "username");

-- CreateIndex
CREATE INDEX "BotMessageLink_channel_ticketNumber_idx" ON "BotMessageLink"("channel", "ticketNumber");

-- CreateIndex
CREATE INDEX "BotMessageLink_createdAt_idx" ON "BotMessageLink"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "BotTicketTopic_channel_chatId_threadId_key" ON "BotTicketTopic"("channel", "chatId", "threadId");

-- CreateIndex
CREATE INDEX "BotSurveyPrompt_surveyId_idx" ON "BotSurveyPrompt"("surveyId");

-- CreateIndex
CREATE INDEX "BotSurveyPrompt_pendingAt_idx" ON "BotSurveyPrompt"("pendingAt");

