-- 0003 (sqlite): leases so that each timed rule runs on one server instance at a time (OPS-2).

CREATE TABLE "Leases" (
    "Name" TEXT NOT NULL CONSTRAINT "PK_Leases" PRIMARY KEY,
    "Holder" TEXT NOT NULL,
    "Until" TEXT NOT NULL
);
