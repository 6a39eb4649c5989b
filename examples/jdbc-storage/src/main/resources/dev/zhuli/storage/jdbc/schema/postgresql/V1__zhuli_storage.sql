-- Zhuli storage, schema version 1, PostgreSQL 15 or later.
-- Flyway and Liquibase may run this script as it is; JdbcStorage runs it itself when asked to
-- create or migrate the schema on open. Statements end with a semicolon at the end of a line.
-- Every text column compares in code-point order (COLLATE "C"), whatever the database's locale.

-- The schema version the tables are at; JdbcStorage refuses to start on one it does not know.
CREATE TABLE zhuli_schema_version (
  version     INTEGER      NOT NULL PRIMARY KEY,
  description VARCHAR(200) NOT NULL
);

-- Records: kind, id, version and the opaque body, read back byte for byte. index_entries is the
-- record's own copy of its index entries (see the README), so that a get is one query.
CREATE TABLE zhuli_record (
  kind          VARCHAR(64)  COLLATE "C" NOT NULL,
  id            VARCHAR(128) COLLATE "C" NOT NULL,
  version       BIGINT       NOT NULL,
  body          BYTEA        NOT NULL,
  index_entries BYTEA        NOT NULL,
  PRIMARY KEY (kind, id)
);

-- Index entries: one row per (key, value) of a record; the primary key serves equality and
-- range finds in (value, id) order.
CREATE TABLE zhuli_index (
  kind      VARCHAR(64)  COLLATE "C" NOT NULL,
  idx_key   VARCHAR(64)  COLLATE "C" NOT NULL,
  idx_value VARCHAR(256) COLLATE "C" NOT NULL,
  id        VARCHAR(128) COLLATE "C" NOT NULL,
  PRIMARY KEY (kind, idx_key, idx_value, id),
  FOREIGN KEY (kind, id) REFERENCES zhuli_record (kind, id) ON DELETE CASCADE
);
CREATE INDEX zhuli_index_by_record ON zhuli_index (kind, id, idx_key, idx_value);

-- Fencing tokens: one sequence, so that every claim gets a token greater than all before it.
CREATE SEQUENCE zhuli_fencing_token;

-- The outbox. Times are seconds since 1970-01-01T00:00:00Z with nanoseconds as decimals, exact
-- for every java.time.Instant; to_timestamp(due_at) shows one.
CREATE TABLE zhuli_outbox (
  id            VARCHAR(128)  COLLATE "C" NOT NULL PRIMARY KEY,
  destination   VARCHAR(64)   COLLATE "C" NOT NULL,
  type          VARCHAR(64)   COLLATE "C" NOT NULL,
  payload       BYTEA         NOT NULL,
  aggregate_key VARCHAR(256)  COLLATE "C" NOT NULL,
  due_at        NUMERIC(30,9) NOT NULL,
  attempts      INTEGER       NOT NULL DEFAULT 0,
  last_error    TEXT,
  lease_owner   VARCHAR(128)  COLLATE "C",
  lease_until   NUMERIC(30,9),
  fencing_token BIGINT        NOT NULL DEFAULT 0,
  claim_open    BOOLEAN       NOT NULL DEFAULT FALSE,
  dead          BOOLEAN       NOT NULL DEFAULT FALSE
);
CREATE INDEX zhuli_outbox_live_by_due ON zhuli_outbox (due_at, id) WHERE NOT dead;
CREATE INDEX zhuli_outbox_dead_by_id ON zhuli_outbox (id) WHERE dead;

INSERT INTO zhuli_schema_version (version, description)
  VALUES (1, 'records, index entries and the outbox');
