import type { AnyTransaction } from '@bazaar/messaging';
import { sql, type Insertable, type Transaction } from '@bazaar/persistence';
import type { AnalyticsDatabase } from '../db/schema.js';
import { sortedValues, type PaneFacts } from './pane-facts.js';

const at = (pane: number): Date => new Date(pane);

/** Writes a batch's facts: counters added, set members inserted once, changed panes stamped for watchers. */
export async function writeFacts(anyTrx: AnyTransaction, facts: PaneFacts): Promise<void> {
  const trx = anyTrx as Transaction<AnalyticsDatabase>;
  const products = sortedValues(facts.productCounts);
  if (products.length > 0) {
    await trx
      .insertInto('product_panes')
      .values(products.map((p) => ({ pane_start: at(p.pane), product_id: p.productId, views: p.views, added_to_cart: p.addedToCart })))
      .onConflict((c) =>
        c.columns(['pane_start', 'product_id']).doUpdateSet({
          views: sql`product_panes.views + excluded.views`,
          added_to_cart: sql`product_panes.added_to_cart + excluded.added_to_cart`,
        }),
      )
      .execute();
  }
  await insertMissing(trx, 'product_orders', sortedValues(facts.productOrders).map((p) => ({ pane_start: at(p.pane), product_id: p.productId, order_id: p.orderId })));
  await insertMissing(trx, 'session_panes', sortedValues(facts.sessions).map((s) => ({ pane_start: at(s.pane), stage: s.stage, session_id: s.sessionId })));
  await insertMissing(trx, 'order_panes', sortedValues(facts.orders).map((o) => ({ pane_start: at(o.pane), state: o.state, order_id: o.orderId })));
  await writeOrderFacts(trx, facts);
  await writeLateAndChanges(trx, facts);
}

/** Set members: a row already there (same pane, same member) is left as it is. */
async function insertMissing<T extends 'product_orders' | 'session_panes' | 'order_panes'>(
  trx: Transaction<AnalyticsDatabase>,
  table: T,
  rows: Insertable<AnalyticsDatabase[T]>[],
): Promise<void> {
  if (rows.length === 0) return;
  await trx.insertInto(table).values(rows as never).onConflict((c) => c.doNothing()).execute();
}

async function writeOrderFacts(trx: Transaction<AnalyticsDatabase>, facts: PaneFacts): Promise<void> {
  const links = sortedValues(new Map([...facts.checkoutSessions].map(([orderId, link]) => [orderId, { orderId, ...link }])));
  if (links.length > 0) {
    await trx
      .insertInto('checkout_sessions')
      .values(links.map((l) => ({ order_id: l.orderId, session_id: l.sessionId, user_id: l.userId })))
      .onConflict((c) =>
        c.column('order_id').doUpdateSet({
          session_id: sql`least(checkout_sessions.session_id, excluded.session_id)`,
          user_id: sql`case when excluded.session_id < checkout_sessions.session_id then excluded.user_id else checkout_sessions.user_id end`,
        }),
      )
      .execute();
  }
  const amounts = sortedValues(new Map([...facts.amounts].map(([orderId, amount]) => [orderId, { orderId, ...amount }])));
  if (amounts.length > 0) {
    await trx
      .insertInto('order_amounts')
      .values(amounts.map((a) => ({ order_id: a.orderId, currency_code: a.currencyCode, amount_nanos: a.nanos.toString() })))
      .onConflict((c) => c.doNothing())
      .execute();
  }
}

async function writeLateAndChanges(trx: Transaction<AnalyticsDatabase>, facts: PaneFacts): Promise<void> {
  const late = sortedValues(facts.late);
  if (late.length > 0) {
    await trx
      .insertInto('late_events')
      .values(late.map((l) => ({ pane_start: at(l.pane), stream: l.stream, events: l.events })))
      .onConflict((c) => c.columns(['pane_start', 'stream']).doUpdateSet({ events: sql`late_events.events + excluded.events` }))
      .execute();
  }
  const panes = [...facts.touchedPanes].sort((a, b) => a - b);
  if (panes.length > 0) {
    await trx
      .insertInto('pane_changes')
      .values(panes.map((pane) => ({ pane_start: at(pane), version: sql<number>`nextval('pane_change_seq')`, changed_at: sql<Date>`clock_timestamp()` })))
      .onConflict((c) => c.column('pane_start').doUpdateSet({ version: sql`excluded.version`, changed_at: sql`excluded.changed_at` }))
      .execute();
  }
}
