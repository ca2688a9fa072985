import { messages } from '@bazaar/contracts';
import type { Outbox } from '@bazaar/messaging';
import { sql, type Database } from '@bazaar/persistence';
import { randomUUID } from 'node:crypto';
import type { OrdersDatabase } from '../db/schema.js';
import { linesOf, totalOf, type OrderRow } from '../saga/saga-messages.js';
import type { TimelineEntry } from '../saga/saga-state.js';
import { activeTraceContext, inSagaSpan, recordTransition } from '../saga/saga-tracing.js';
import type { Pricing } from './catalog-pricing.js';
import type { OrderCursor } from './page-token.js';
import type { ValidPlaceOrder } from './place-order-request.js';

export const ORDER_BOOK = Symbol('ORDER_BOOK');

/** Places (starting the saga) and reads orders. Every read is scoped to its owner. */
export class OrderBook {
  constructor(
    private readonly database: Database<OrdersDatabase>,
    private readonly outbox: Outbox,
    private readonly pricing: Pricing,
    private readonly stepTimeoutMs: number,
  ) {}

  /**
   * Idempotent on (user, key): a retry returns the stored order without pricing again; racing
   * duplicates meet at the unique constraint, and only the inserting one starts the saga.
   */
  async place(userId: string, request: ValidPlaceOrder): Promise<OrderRow> {
    const existing = await this.findByKey(userId, request.idempotencyKey);
    if (existing) return existing;
    const priced = await this.pricing.price(request.lines);
    const now = new Date();
    const at = now.toISOString();
    const timeline: TimelineEntry[] = [
      { step: 'place_order', outcome: 'succeeded', detail: '', at },
      { step: 'reserve_stock', outcome: 'requested', detail: '', at },
    ];
    const orderId = randomUUID();
    const inserted = await inSagaSpan('start', orderId, (span) => this.database.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('orders')
        .values({
          id: orderId,
          user_id: userId,
          idempotency_key: request.idempotencyKey,
          status: 'PENDING',
          lines: sql`cast(${JSON.stringify(priced.lines)} as jsonb)`,
          currency_code: priced.currencyCode,
          total_minor: priced.totalMinor.toString(),
          shipping_address: sql`cast(${JSON.stringify(request.address)} as jsonb)`,
          card_token: request.cardToken,
          step: 'reserve_stock',
          step_deadline: new Date(now.getTime() + this.stepTimeoutMs),
          timeline: sql`cast(${JSON.stringify(timeline)} as jsonb)`,
          trace_context: sql`cast(${JSON.stringify(activeTraceContext())} as jsonb)`,
          created_at: now,
          updated_at: now,
        })
        .onConflict((c) => c.columns(['user_id', 'idempotency_key']).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!row) return undefined;
      const reserve = messages.ReserveStock.create({ orderId: row.id, lines: row.lines.map((l) => ({ productId: l.productId, quantity: l.quantity })) });
      await this.outbox.enqueue(trx, messages.ReserveStock, row.id, reserve);
      const placed = messages.OrderPlaced.create({ orderId: row.id, userId, lines: linesOf(row), total: totalOf(row) });
      await this.outbox.enqueue(trx, messages.OrderPlaced, row.id, placed);
      recordTransition(span, 'PENDING', 'PENDING', timeline);
      return row;
    }));
    if (inserted) return inserted;
    // Lost the race to a concurrent duplicate: the constraint guarantees its row exists now.
    const winner = await this.findByKey(userId, request.idempotencyKey);
    if (!winner) throw new Error('order vanished after an idempotency conflict');
    return winner;
  }

  async get(userId: string, orderId: string): Promise<OrderRow | undefined> {
    return this.database.db.selectFrom('orders').selectAll().where('id', '=', orderId).where('user_id', '=', userId).executeTakeFirst();
  }

  /** Newest first; one extra row tells whether another page follows. */
  async list(userId: string, pageSize: number, after?: OrderCursor): Promise<{ rows: OrderRow[]; hasMore: boolean }> {
    let query = this.database.db
      .selectFrom('orders')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(pageSize + 1);
    if (after) query = query.where(sql<boolean>`(created_at, id) < (${after.createdAt}, ${after.id})`);
    const rows = await query.execute();
    return { rows: rows.slice(0, pageSize), hasMore: rows.length > pageSize };
  }

  /** The order a caller already placed under this idempotency key, if any. */
  findByKey(userId: string, key: string): Promise<OrderRow | undefined> {
    return this.database.db.selectFrom('orders').selectAll().where('user_id', '=', userId).where('idempotency_key', '=', key).executeTakeFirst();
  }
}
