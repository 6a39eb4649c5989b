-- Zhuli storage, schema version 1, H2 2.x.
-- Flyway and Liquibase may run this script as it is; JdbcStorage runs it itself when asked to
-- create or migrate the schema on open. Statements end with a semicolon at the end of a line.
-- Index values are kept as the UTF-8 bytes of the text (VARBINARY), because byte order of UTF-8
-- is Unicode code-point order, while H2 compares VARCHAR in UTF-16 order.

-- The schema version the tables are at; JdbcStorage refuses to start on one it does not know.
CREATE TABLE zhuli_schema_version (
  version     INTEGER      NOT NULL PRIMARY KEY,
  description VARCHAR(200) NOT NULL
);

-- Records: kind, id, version and the opaque body, read back byte for byte. index_entries is the
-- record's own copy of its index entries (see the README), so that a get is one query.
CREATE TABLE zhuli_record (
  kind          VARCHAR(64)     NOT NULL,
  id            VARCHAR(128)    NOT NULL,
  version       BIGINT          NOT NULL,
  body          BLOB            NOT NULL,
  index_entries VARBINARY(65536) NOT NULL,
  PRIMARY KEY (kind, id)
);

-- Index entries: one row per (key, value) of a record; the primary key serves equality and
-- range finds in (value, id) order.
CREATE TABLE zhuli_index (
  kind      VARCHAR(64)     NOT NULL,
  idx_key   VARCHAR(64)     NOT NULL,
  idx_value VARBINARY(1024) NOT NULL,
  id        VARCHAR(128)    NOT NULL,
  PRIMARY KEY (kind, idx_key, idx_value, id),
  FOREIGN KEY (kind, id) REFERENCES zhuli_record (kind, id) ON DELETE CASCADE
);
CREATE INDEX zhuli_index_by_record ON zhuli_index (kind, id, idx_key, idx_value);

-- Fencing tokens: one sequence, so that every claim gets a token greater than all before it.
CREATE SEQUENCE zhuli_fencing_token;

-- The outbox. Times are seconds since 1970-01-01T00:00:00Z with nanoseconds as decimals, exact
-- for every java.time.Instant.
CREATE TABLE zhuli_outbox (
  id            VARCHAR(128)  NOT NULL PRIMARY KEY,
  destination   VARCHAR(64)   NOT NULL,
  type          VARCHAR(64)   NOT NULL,
  payload       BLOB          NOT NULL,
  aggregate_key VARCHAR(256)  NOT NULL,
  due_at        NUMERIC(30,9) NOT NULL,
  attempts      INTEGER       DEFAULT 0 NOT NULL,
  last_error    VARCHAR(2000),
  lease_owner   VARCHAR(128),
  lease_until   NUMERIC(30,9),
  fencing_token BIGINT        DEFAULT 0 NOT NULL,
  claim_open    BOOLEAN       DEFAULT FALSE NOT NULL,
  dead          BOOLEAN       DEFAULT FALSE NOT NULL
);
CREATE INDEX zhuli_outbox_by_due ON zhuli_outbox (dead, due_at, id);

INSERT INTO zhuli_schema_version (version, description)
  VALUES (1, 'records, index entries and the outbox');
