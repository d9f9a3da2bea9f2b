-- 0004 (sqlite): how long a seeker's registration (求職) is valid (ACC-8). Existing seekers get
-- the end of the second month after their account was made, as if filed then.

ALTER TABLE "AspNetUsers" ADD COLUMN "RegistrationValidUntil" TEXT NULL;

-- Stored as EF stores DateTime in SQLite ("yyyy-MM-dd HH:mm:ss.FFFFFFF", UTC): the first instant of
-- the third month in Japan time, less one tick.
UPDATE "AspNetUsers"
SET "RegistrationValidUntil" = strftime('%Y-%m-%d %H:%M:%S', "CreatedAt", '+9 hours', 'start of month', '+3 months', '-9 hours', '-1 seconds') || '.9999999'
WHERE "Kind" = 1;
