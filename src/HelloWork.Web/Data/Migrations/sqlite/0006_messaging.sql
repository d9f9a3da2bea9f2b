-- 0006 (sqlite): messaging threads and messages (MSG-1, MSG-4), read state (BEY-3, BEY-8), settings (BEY-3, BEY-4), blocks (MSG-6).

CREATE TABLE "Blocks" (
    "SeekerId" TEXT NOT NULL,
    "EstablishmentId" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "PK_Blocks" PRIMARY KEY ("SeekerId", "EstablishmentId"),
    CONSTRAINT "FK_Blocks_AspNetUsers_SeekerId" FOREIGN KEY ("SeekerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Blocks_Establishments_EstablishmentId" FOREIGN KEY ("EstablishmentId") REFERENCES "Establishments" ("Id") ON DELETE CASCADE
);

CREATE TABLE "MessageThreads" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_MessageThreads" PRIMARY KEY AUTOINCREMENT,
    "Subject" INTEGER NOT NULL,
    "SubjectId" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "SeekerId" TEXT NOT NULL,
    "EstablishmentId" TEXT NULL,
    "StaffId" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "OpensAt" TEXT NULL,
    "ClosedAt" TEXT NULL,
    "LastSeq" INTEGER NOT NULL,
    "LastMessageAt" TEXT NOT NULL,
    CONSTRAINT "FK_MessageThreads_AspNetUsers_SeekerId" FOREIGN KEY ("SeekerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_MessageThreads_AspNetUsers_StaffId" FOREIGN KEY ("StaffId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_MessageThreads_Establishments_EstablishmentId" FOREIGN KEY ("EstablishmentId") REFERENCES "Establishments" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "MessagingSettings" (
    "UserId" TEXT NOT NULL CONSTRAINT "PK_MessagingSettings" PRIMARY KEY,
    "ReadReceipts" INTEGER NOT NULL,
    "DigestOptIn" INTEGER NOT NULL,
    "LastDigestAt" TEXT NULL,
    CONSTRAINT "FK_MessagingSettings_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Messages" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Messages" PRIMARY KEY AUTOINCREMENT,
    "ThreadId" INTEGER NOT NULL,
    "Seq" INTEGER NOT NULL,
    "SenderId" TEXT NOT NULL,
    "SenderSide" INTEGER NOT NULL,
    "Body" TEXT NOT NULL,
    "ClientKey" TEXT NOT NULL,
    "SentAt" TEXT NOT NULL,
    CONSTRAINT "FK_Messages_AspNetUsers_SenderId" FOREIGN KEY ("SenderId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Messages_MessageThreads_ThreadId" FOREIGN KEY ("ThreadId") REFERENCES "MessageThreads" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ThreadReaders" (
    "ThreadId" INTEGER NOT NULL,
    "UserId" TEXT NOT NULL,
    "DeliveredSeq" INTEGER NOT NULL,
    "ReadSeq" INTEGER NOT NULL,
    CONSTRAINT "PK_ThreadReaders" PRIMARY KEY ("ThreadId", "UserId"),
    CONSTRAINT "FK_ThreadReaders_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ThreadReaders_MessageThreads_ThreadId" FOREIGN KEY ("ThreadId") REFERENCES "MessageThreads" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Blocks_EstablishmentId" ON "Blocks" ("EstablishmentId");

CREATE UNIQUE INDEX "IX_Messages_SenderId_ClientKey" ON "Messages" ("SenderId", "ClientKey");

CREATE UNIQUE INDEX "IX_Messages_ThreadId_Seq" ON "Messages" ("ThreadId", "Seq");

CREATE INDEX "IX_MessageThreads_EstablishmentId_LastMessageAt" ON "MessageThreads" ("EstablishmentId", "LastMessageAt");

CREATE INDEX "IX_MessageThreads_SeekerId_LastMessageAt" ON "MessageThreads" ("SeekerId", "LastMessageAt");

CREATE INDEX "IX_MessageThreads_StaffId_LastMessageAt" ON "MessageThreads" ("StaffId", "LastMessageAt");

CREATE UNIQUE INDEX "IX_MessageThreads_Subject_SubjectId" ON "MessageThreads" ("Subject", "SubjectId");

CREATE INDEX "IX_MessagingSettings_DigestOptIn_LastDigestAt" ON "MessagingSettings" ("DigestOptIn", "LastDigestAt");

CREATE INDEX "IX_ThreadReaders_UserId" ON "ThreadReaders" ("UserId");
