-- Outbox lanes: live events are notified on their own, in id order, never behind an SMS; messages
-- to the SMS gateway are claimed with a lease and sent in parallel. Each entry, and each member's
-- alert, says what became of its message.

-- pending: not tried yet, or claimed by a sender until next_attempt_at (the lease);
-- failed:  the last try failed, tried again at next_attempt_at;
-- sent:    delivered_at is when it went out (the gateway answered, or pg_notify ran);
-- not_sent: no SMS gateway is configured, so nothing was sent (final).
create type delivery_status as enum ('pending', 'sent', 'failed', 'not_sent');

alter table outbox add column status delivery_status not null default 'pending';
update outbox set status = case when delivered_at is not null then 'sent' else 'failed' end::delivery_status
where delivered_at is not null or last_error is not null;
alter table outbox add constraint outbox_delivered_when_sent check ((status = 'sent') = (delivered_at is not null));

drop index outbox_pending_idx;
create index outbox_live_due_idx on outbox (id) where kind = 'live_event' and status in ('pending', 'failed');
create index outbox_message_due_idx on outbox (next_attempt_at) where kind <> 'live_event' and status in ('pending', 'failed');

-- The SMS alert to the member, as the dispatcher sees it; null for alerts made before it was kept
-- (they were marked delivered whether or not a gateway sent them).
alter table dispatch_alert add column sms_status delivery_status;
alter table dispatch_alert alter column sms_status set default 'pending';
update dispatch_alert a set sms_status = o.status
from outbox o
where o.kind = 'member_alert' and o.dispatch_id = a.dispatch_id and o.member_id = a.member_id and o.delivered_at is null;
