-- 0008 (postgres): the List-Unsubscribe URL of an opt-in mail (the unread digest, BEY-4); NULL for every other mail.

ALTER TABLE "OutboxMails" ADD COLUMN "ListUnsubscribe" character varying(500) NULL;
