-- 0002 (sqlite): staff notices (MSG-2) and the mail outbox (MAIL-2).

CREATE TABLE "OutboxMails" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_OutboxMails" PRIMARY KEY AUTOINCREMENT,
    "To" TEXT NOT NULL,
    "Template" TEXT NOT NULL,
    "Subject" TEXT NOT NULL,
    "TextBody" TEXT NOT NULL,
    "HtmlBody" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "NextAttemptAt" TEXT NOT NULL,
    "LockedUntil" TEXT NULL,
    "SentAt" TEXT NULL,
    "FailedAt" TEXT NULL,
    "LastError" TEXT NULL
);

CREATE TABLE "Notices" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Notices" PRIMARY KEY AUTOINCREMENT,
    "RecipientId" TEXT NOT NULL,
    "SenderId" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "SentAt" TEXT NOT NULL,
    "ReadAt" TEXT NULL,
    CONSTRAINT "FK_Notices_AspNetUsers_RecipientId" FOREIGN KEY ("RecipientId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Notices_AspNetUsers_SenderId" FOREIGN KEY ("SenderId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_Notices_RecipientId_Id" ON "Notices" ("RecipientId", "Id");

CREATE INDEX "IX_Notices_RecipientId_ReadAt" ON "Notices" ("RecipientId", "ReadAt");

CREATE INDEX "IX_Notices_SenderId" ON "Notices" ("SenderId");

CREATE INDEX "IX_OutboxMails_SentAt_FailedAt_NextAttemptAt" ON "OutboxMails" ("SentAt", "FailedAt", "NextAttemptAt");
