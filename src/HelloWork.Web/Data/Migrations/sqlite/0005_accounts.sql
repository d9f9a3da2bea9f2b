-- 0005 (sqlite): accounts (ACC-1..ACC-12): birth date and school status (ACC-1, ACC-4), when the
-- MyPage was opened, withdrawal (ACC-6/7), suspension (ACC-12), the lapse warning and staff's
-- confirmation (ACC-8, ACC-2), and the mailed auth keys and sign-in codes (hash only; ACC-1/5/7/13).

ALTER TABLE "AspNetUsers" ADD COLUMN "BirthDate" TEXT NULL;
ALTER TABLE "AspNetUsers" ADD COLUMN "School" INTEGER NULL;
ALTER TABLE "AspNetUsers" ADD COLUMN "MyPageOpenedAt" TEXT NULL;
ALTER TABLE "AspNetUsers" ADD COLUMN "WithdrawnAt" TEXT NULL;
ALTER TABLE "AspNetUsers" ADD COLUMN "SuspendedAt" TEXT NULL;
ALTER TABLE "AspNetUsers" ADD COLUMN "SuspensionReason" TEXT NULL;

ALTER TABLE "AspNetUsers" ADD COLUMN "LapseWarnedFor" TEXT NULL;
ALTER TABLE "AspNetUsers" ADD COLUMN "RegistrationConfirmedAt" TEXT NULL;

-- Every seeker made before this was registered by staff: a full user (利用登録者), not online-only (ACC-2).
UPDATE "AspNetUsers" SET "RegistrationConfirmedAt" = "CreatedAt" WHERE "Kind" = 1;

-- Every login made before this had its password from the start: its MyPage is open.
UPDATE "AspNetUsers" SET "MyPageOpenedAt" = "CreatedAt" WHERE "PasswordHash" IS NOT NULL;

CREATE TABLE "AuthKeys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuthKeys" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "Purpose" INTEGER NOT NULL,
    "KeyHash" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ExpiresAt" TEXT NOT NULL,
    "UsedAt" TEXT NULL,
    "Attempts" INTEGER NOT NULL,
    CONSTRAINT "FK_AuthKeys_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_AuthKeys_ExpiresAt" ON "AuthKeys" ("ExpiresAt");
CREATE INDEX "IX_AuthKeys_UserId_Purpose" ON "AuthKeys" ("UserId", "Purpose");
CREATE INDEX "IX_AspNetUsers_Kind_RegistrationValidUntil" ON "AspNetUsers" ("Kind", "RegistrationValidUntil");
CREATE INDEX "IX_AspNetUsers_Kind_WithdrawnAt" ON "AspNetUsers" ("Kind", "WithdrawnAt");

-- ACC-2: the job-seeker registration filed online (a draft until complete).
CREATE TABLE "SeekerRegistrations" (
    "UserId" TEXT NOT NULL CONSTRAINT "PK_SeekerRegistrations" PRIMARY KEY,
    "Data" TEXT NOT NULL,
    "Step" INTEGER NOT NULL,
    "SavedAt" TEXT NULL,
    "WarnedAt" TEXT NULL,
    "FiledAt" TEXT NULL,
    CONSTRAINT "FK_SeekerRegistrations_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_SeekerRegistrations_FiledAt_SavedAt" ON "SeekerRegistrations" ("FiledAt", "SavedAt");

-- ACC-10: invitations to join an establishment (hash of the key only).
CREATE TABLE "EstablishmentInvites" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_EstablishmentInvites" PRIMARY KEY AUTOINCREMENT,
    "EstablishmentId" TEXT NOT NULL,
    "InvitedBy" TEXT NOT NULL,
    "NormalizedEmail" TEXT NOT NULL,
    "KeyHash" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ExpiresAt" TEXT NOT NULL,
    "UsedAt" TEXT NULL,
    "Attempts" INTEGER NOT NULL,
    CONSTRAINT "FK_EstablishmentInvites_Establishments_EstablishmentId" FOREIGN KEY ("EstablishmentId") REFERENCES "Establishments" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_EstablishmentInvites_EstablishmentId" ON "EstablishmentInvites" ("EstablishmentId");
CREATE INDEX "IX_EstablishmentInvites_NormalizedEmail_EstablishmentId" ON "EstablishmentInvites" ("NormalizedEmail", "EstablishmentId");
