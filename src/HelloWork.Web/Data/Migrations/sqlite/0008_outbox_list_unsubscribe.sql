-- 0008 (sqlite): the List-Unsubscribe URL of an opt-in mail (the unread digest, BEY-4); NULL for every other mail.

ALTER TABLE "OutboxMails" ADD COLUMN "ListUnsubscribe" TEXT NULL;
