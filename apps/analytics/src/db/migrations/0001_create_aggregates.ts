import { sql, type Kysely, type Migration } from '@bazaar/persistence';

/**
 * Facts per 1-minute pane (windows are combined from panes at query time). Counters are merged
 * additively; distinct sets (sessions, orders) are rows, so any number of instances can upsert
 * into the same pane and the result is the same as one instance's.
 */
export const createAggregates: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      CREATE TABLE product_panes (
        pane_start    timestamptz NOT NULL,
        product_id    text NOT NULL,
        views         bigint NOT NULL DEFAULT 0,
        added_to_cart bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (pane_start, product_id)
      )`.execute(db);
    await sql`
      CREATE TABLE product_orders (
        pane_start timestamptz NOT NULL,
        product_id text NOT NULL,
        order_id   text NOT NULL,
        PRIMARY KEY (pane_start, product_id, order_id)
      )`.execute(db);
    await sql`
      CREATE TABLE session_panes (
        pane_start timestamptz NOT NULL,
        stage      text NOT NULL CHECK (stage IN ('viewed', 'carted')),
        session_id text NOT NULL,
        PRIMARY KEY (pane_start, stage, session_id)
      )`.execute(db);
    await sql`
      CREATE TABLE order_panes (
        pane_start timestamptz NOT NULL,
        state      text NOT NULL CHECK (state IN ('PLACED', 'CONFIRMED', 'CANCELLED', 'SHIPPED')),
        order_id   text NOT NULL,
        PRIMARY KEY (pane_start, state, order_id)
      )`.execute(db);
    await sql`
      CREATE TABLE checkout_sessions (
        order_id   text PRIMARY KEY,
        session_id text NOT NULL,
        user_id    text NOT NULL
      )`.execute(db);
    await sql`
      CREATE TABLE order_amounts (
        order_id      text PRIMARY KEY,
        currency_code text NOT NULL,
        amount_nanos  numeric(38, 0) NOT NULL
      )`.execute(db);
    await sql`
      CREATE TABLE late_events (
        pane_start timestamptz NOT NULL,
        stream     text NOT NULL,
        events     bigint NOT NULL,
        PRIMARY KEY (pane_start, stream)
      )`.execute(db);
    // Which panes changed lately: what WatchMetrics polls (any instance's commits show up here).
    await sql`CREATE SEQUENCE pane_change_seq`.execute(db);
    await sql`
      CREATE TABLE pane_changes (
        pane_start timestamptz PRIMARY KEY,
        version    bigint NOT NULL,
        changed_at timestamptz NOT NULL
      )`.execute(db);
    await sql`CREATE INDEX pane_changes_changed_at ON pane_changes (changed_at)`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    for (const table of ['pane_changes', 'late_events', 'order_amounts', 'checkout_sessions', 'order_panes', 'session_panes', 'product_orders', 'product_panes']) {
      await sql`DROP TABLE ${sql.table(table)}`.execute(db);
    }
    await sql`DROP SEQUENCE pane_change_seq`.execute(db);
  },
};
