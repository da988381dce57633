-- Booking (dev.guild.tools.booking): resources from the catalog file, their units, bookings, idempotency records.
-- No double booking is enforced here, not in the application: the exclusion constraint refuses two live
-- (held or confirmed) bookings of one unit whose periods overlap.

CREATE TABLE booking_resource (
    id          text PRIMARY KEY,
    kind        text        NOT NULL,
    definition  jsonb       NOT NULL,   -- the catalog entry as loaded (dev.guild.tools.booking.Resource)
    active      boolean     NOT NULL,   -- false once it left the catalog; its bookings stay
    updated_at  timestamptz NOT NULL
);

CREATE TABLE booking_unit (
    id          bigserial PRIMARY KEY,
    resource_id text    NOT NULL REFERENCES booking_resource (id),
    unit_no     integer NOT NULL CHECK (unit_no >= 1),
    active      boolean NOT NULL,       -- false when the catalog lowered the resource's units below unit_no
    UNIQUE (resource_id, unit_no)
);

CREATE TABLE booking (
    id           text PRIMARY KEY,
    resource_id  text        NOT NULL REFERENCES booking_resource (id),
    unit_id      bigint      NOT NULL REFERENCES booking_unit (id),
    principal    text        NOT NULL,
    period       tstzrange   NOT NULL CHECK (NOT isempty(period) AND lower_inc(period) AND NOT upper_inc(period)),
    status       text        NOT NULL CHECK (status IN ('held', 'confirmed', 'cancelled', 'expired')),
    attendees    integer     NOT NULL CHECK (attendees >= 1),
    title        text        NOT NULL,
    held_at      timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    confirmed_at timestamptz,
    cancelled_at timestamptz,
    cancel_reason text,
    -- int8range(unit_id, unit_id, '[]') && ... is "same unit" with the core GiST range operator class, so no
    -- extension (btree_gist) is needed.
    CONSTRAINT booking_unit_period_free EXCLUDE USING gist (
        int8range(unit_id, unit_id, '[]') WITH &&,
        period WITH &&
    ) WHERE (status IN ('held', 'confirmed'))
);

CREATE INDEX booking_principal_period ON booking (principal, lower(period));
CREATE INDEX booking_resource_live ON booking USING gist (period) WHERE status IN ('held', 'confirmed');

-- The first result of each side-effecting call, by operation and idempotency key.
CREATE TABLE booking_idempotency (
    operation       text        NOT NULL,
    idempotency_key text        NOT NULL,
    request         jsonb       NOT NULL,
    booking_id      text        NOT NULL REFERENCES booking (id),
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (operation, idempotency_key)
);
