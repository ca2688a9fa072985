import { messages, type paymentsV1 } from '@bazaar/contracts';
import { processOnce, type EventConsumer, type IncomingEvent, type Outbox } from '@bazaar/messaging';
import type { Logger } from '@bazaar/observability';
import type { Database, Transaction } from '@bazaar/persistence';
import type { PaymentsDatabase } from '../db/schema.js';
import { parseAuthorize, parseRefundAmount, requireOrderId } from './commands.js';
import { paymentCommands, paymentOutcomes } from './metrics.js';
import { authorize, capture, refund, voidPayment, type TransitionResult } from './payment-transitions.js';

export interface PaymentCommandDeps {
  database: Database<PaymentsDatabase>;
  outbox: Outbox;
  /** Kafka consumer group and inbox scope. */
  consumerGroup: string;
  logger: Logger;
}

type Transition = (trx: Transaction<PaymentsDatabase>) => Promise<TransitionResult>;

/** Registers a handler for each payments command: each is applied once per event id, with its events, in one transaction. */
export function onPaymentCommands(consumer: EventConsumer, deps: PaymentCommandDeps): EventConsumer {
  const { outbox } = deps;
  const run = runner(deps);
  return consumer
    .on(messages.AuthorizePayment, async (event) => {
      const command = parseAuthorize(event.payload);
      await run('AuthorizePayment', command.orderId, event, (trx) => authorize(trx, outbox, command));
    })
    .on(messages.CapturePayment, async (event) => {
      const orderId = requireOrderId('CapturePayment', event.payload.orderId);
      await run('CapturePayment', orderId, event, (trx) => capture(trx, outbox, orderId));
    })
    .on(messages.VoidPayment, async (event) => {
      const orderId = requireOrderId('VoidPayment', event.payload.orderId);
      await run('VoidPayment', orderId, event, (trx) => voidPayment(trx, outbox, orderId));
    })
    .on(messages.RefundPayment, async (event: IncomingEvent<paymentsV1.RefundPayment>) => {
      const orderId = requireOrderId('RefundPayment', event.payload.orderId);
      const amount = parseRefundAmount(event.payload);
      await run('RefundPayment', orderId, event, (trx) => refund(trx, outbox, orderId, amount));
    });
}

/** Exactly-once application plus logs and metrics. Logs name the order, command and outcome — never the payload. */
function runner({ database, consumerGroup, logger }: PaymentCommandDeps) {
  return async (command: string, orderId: string, event: IncomingEvent, transition: Transition): Promise<void> => {
    let result: TransitionResult | undefined;
    const processed = await processOnce(database, consumerGroup, event, async (trx) => {
      result = await transition(trx as Transaction<PaymentsDatabase>);
    });
    if (processed === 'duplicate' || !result) {
      logger.debug({ orderId, command, eventId: event.eventId }, 'command already handled; redelivery skipped');
      return;
    }
    paymentCommands.inc({ command, result: result.result });
    if (result.result === 'applied') {
      paymentOutcomes.inc({ outcome: result.outcome });
      logger.info({ orderId, command, outcome: result.outcome }, 'payment updated');
    } else if (result.result === 'replayed') {
      logger.info({ orderId, command, status: result.status }, 'command repeats one already applied; answered with the existing outcome');
    } else {
      logger.warn({ orderId, command, status: result.status }, 'command not allowed in the payment state; ignored');
    }
  };
}
