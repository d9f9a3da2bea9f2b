-- 0001 initial schema (sqlite): accounts (ASP.NET Core Identity), establishments, jobs, audit trail.
-- Made from GenerateCreateScript(); every later change is a new file, never an edit of this one.

CREATE TABLE "AuditEntries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditEntries" PRIMARY KEY AUTOINCREMENT,
    "ActorId" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "SubjectUserId" TEXT NULL,
    "Detail" TEXT NOT NULL,
    "At" TEXT NOT NULL
);

CREATE TABLE "Establishments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Establishments" PRIMARY KEY,
    "Number" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Prefecture" TEXT NOT NULL,
    "City" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL
);

CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "Kind" INTEGER NOT NULL,
    "DisplayName" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "EstablishmentId" TEXT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" TEXT NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL,
    CONSTRAINT "FK_AspNetUsers_Establishments_EstablishmentId" FOREIGN KEY ("EstablishmentId") REFERENCES "Establishments" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Jobs" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Jobs" PRIMARY KEY AUTOINCREMENT,
    "Number" TEXT NOT NULL,
    "EstablishmentId" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Description" TEXT NOT NULL,
    "Prefecture" TEXT NOT NULL,
    "City" TEXT NOT NULL,
    "EmploymentType" INTEGER NOT NULL,
    "WageMin" INTEGER NOT NULL,
    "WageMax" INTEGER NOT NULL,
    "WageUnit" INTEGER NOT NULL,
    "Status" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "AcceptedAt" TEXT NULL,
    "ValidUntil" TEXT NULL,
    CONSTRAINT "FK_Jobs_Establishments_EstablishmentId" FOREIGN KEY ("EstablishmentId") REFERENCES "Establishments" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");

CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");

CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");

CREATE INDEX "IX_AspNetUsers_EstablishmentId" ON "AspNetUsers" ("EstablishmentId");

CREATE INDEX "IX_AspNetUsers_Kind" ON "AspNetUsers" ("Kind");

CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");

CREATE INDEX "IX_AuditEntries_ActorId_At" ON "AuditEntries" ("ActorId", "At");

CREATE INDEX "IX_AuditEntries_SubjectUserId_At" ON "AuditEntries" ("SubjectUserId", "At");

CREATE UNIQUE INDEX "IX_Establishments_Number" ON "Establishments" ("Number");

CREATE INDEX "IX_Jobs_EstablishmentId_Id" ON "Jobs" ("EstablishmentId", "Id");

CREATE UNIQUE INDEX "IX_Jobs_Number" ON "Jobs" ("Number");

CREATE INDEX "IX_Jobs_Status_AcceptedAt" ON "Jobs" ("Status", "AcceptedAt");
