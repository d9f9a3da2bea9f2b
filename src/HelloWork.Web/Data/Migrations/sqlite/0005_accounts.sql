-- 0005 (sqlite): accounts (ACC-1..ACC-12): birth date and school status (ACC-1, ACC-4), when the
-- MyPage was opened, withdrawal (ACC-6/7), suspension (ACC-12), and the mailed auth keys (hash only).

ALTER TABLE "AspNetUsers" ADD COLUMN "BirthDate" TEXT NULL;
ALTER TABLE "AspNetUsers" ADD COLUMN "School" INTEGER NULL;
ALTER TABLE "AspNetUsers" ADD COLUMN "MyPageOpenedAt" TEXT NULL;
ALTER TABLE "AspNetUsers" ADD COLUMN "WithdrawnAt" TEXT NULL;
ALTER TABLE "AspNetUsers" ADD COLUMN "SuspendedAt" TEXT NULL;
ALTER TABLE "AspNetUsers" ADD COLUMN "SuspensionReason" TEXT NULL;

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
