-- 0003 (postgres): leases so that each timed rule runs on one server instance at a time (OPS-2).

CREATE TABLE "Leases" (
    "Name" character varying(64) NOT NULL,
    "Holder" character varying(64) NOT NULL,
    "Until" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_Leases" PRIMARY KEY ("Name")
);
