import type { ColumnType } from 'kysely';

export interface StockTable {
  product_id: string;
  /** Units on hand, reserved or not. */
  on_hand: number;
  /** Units held by reservations not yet released (expired ones count until the sweeper releases them). */
  reserved: number;
}

export type ReservationStatus = 'held' | 'rejected' | 'released' | 'committed';

export interface UnavailableLine {
  productId: string;
  /** Units still available when the order was rejected. */
  quantity: number;
}

/** One row per order id: the order's reservation outcome, so a repeated command is answered the same way. */
export interface ReservationsTable {
  id: string;
  order_id: string;
  status: ReservationStatus;
  expires_at: Date | null;
  reject_reason: string | null;
  unavailable: ColumnType<UnavailableLine[] | null, string | null, string | null>;
  release_reason: string | null;
  created_at: ColumnType<Date, Date, never>;
  released_at: Date | null;
}

export interface ReservationLinesTable {
  reservation_id: string;
  product_id: string;
  quantity: number;
}

export interface InventoryDatabase {
  stock: StockTable;
  reservations: ReservationsTable;
  reservation_lines: ReservationLinesTable;
}
