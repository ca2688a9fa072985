import { metricsRegistry } from '@bazaar/observability';
import { Counter } from 'prom-client';
import type { AddressProblem } from './shipping-address.js';

export const shipmentsCreated = new Counter({
  name: 'shipping_shipments_created_total',
  help: 'Shipments created for confirmed orders.',
  registers: [metricsRegistry],
});

export const shipmentsCancelled = new Counter({
  name: 'shipping_shipments_cancelled_total',
  help: 'Shipments withdrawn because their order was cancelled after they were created.',
  registers: [metricsRegistry],
});

export const shipmentsFailed = new Counter({
  name: 'shipping_shipments_failed_total',
  help: 'Confirmed orders no shipment could be created for, by reason (address_missing, address_invalid).',
  labelNames: ['reason'] as const,
  registers: [metricsRegistry],
});

// Every reason reports 0 from the start, so dashboards and alerts see the series before the first failure.
const reasons: AddressProblem['kind'][] = ['address_missing', 'address_invalid'];
for (const reason of reasons) shipmentsFailed.inc({ reason }, 0);
