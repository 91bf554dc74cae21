-- Sessions, wall display tokens, sign-in throttling, and area-code scopes.

-- Codes are hierarchical, so an area subtree is every code that starts with the area's prefix:
-- county 510703000000 → '510703', town 510703001000 → '510703001', community → its whole code.
create or replace function area_scope_prefix(code text) returns text
language sql immutable parallel safe strict as $$
  select case
    when code ~ '^[0-9]{6}000000$' then left(code, 6)
    when code ~ '^[0-9]{9}000$' then left(code, 9)
    else code
  end
$$;

create index area_code_prefix_idx on area (code text_pattern_ops);
create index org_area_prefix_idx on org (area_code text_pattern_ops);
create index grid_code_prefix_idx on grid (code text_pattern_ops) where valid_to is null;

alter table app_user
  add column failed_sign_ins integer not null default 0 check (failed_sign_ins >= 0),
  add column locked_until timestamptz;

-- A signed-in browser. The cookie holds a random token; only its SHA-256 is stored.
create table user_session (
  token_hash   bytea primary key,
  user_id      bigint not null references app_user (id) on delete cascade,
  csrf_token   text not null,
  created_at   timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at   timestamptz not null,
  ip           inet,
  user_agent   text
);
create index user_session_user_idx on user_session (user_id);
create index user_session_expiry_idx on user_session (expires_at);

-- A read-only, long-lived, revocable token for a wall display: aggregates only.
create table wall_token (
  id           bigint generated always as identity primary key,
  name         text not null check (length(name) between 1 and 100),
  token_hash   bytea not null unique,
  scope_code   text not null references area (code),
  created_by   bigint references app_user (id),
  created_at   timestamptz not null default now(),
  revoked_at   timestamptz,
  last_used_at timestamptz
);

create index audit_log_action_idx on audit_log (action, at desc);
