-- 0004 (postgres): how long a seeker's registration (求職) is valid (ACC-8). Existing seekers get
-- the end of the second month after their account was made (in Japan time), as if filed then.

ALTER TABLE "AspNetUsers" ADD COLUMN "RegistrationValidUntil" timestamp with time zone NULL;

UPDATE "AspNetUsers"
SET "RegistrationValidUntil" = ((date_trunc('month', "CreatedAt" AT TIME ZONE 'Asia/Tokyo') + interval '3 months') AT TIME ZONE 'Asia/Tokyo') - interval '1 microsecond'
WHERE "Kind" = 1;
