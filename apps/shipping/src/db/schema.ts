import type { Generated } from '@bazaar/persistence';

export interface ShipmentsTable {
  id: string;
  /** One shipment per order: unique. */
  order_id: string;
  /** The order's owner; GetShipment answers only them when a user id is propagated. */
  user_id: string;
  tracking_id: string;
  carrier: string;
  recipient_name: string;
  street: string;
  city: string;
  postal_code: string;
  country_code: string;
  created_at: Generated<Date>;
  /** Set when the order was cancelled after the shipment was created: withdrawn, never dispatched. */
  cancelled_at: Generated<Date | null>;
  cancel_reason: Generated<string | null>;
}

export interface ShippingDatabase {
  shipments: ShipmentsTable;
}
