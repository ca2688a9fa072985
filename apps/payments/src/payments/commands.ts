import { moneyToMinorUnits, type Money, type paymentsV1 } from '@bazaar/contracts';
import { PermanentError } from '@bazaar/messaging';

/** An amount in minor units (cents) of a currency; never a float. */
export interface Amount {
  minor: bigint;
  currencyCode: string;
}

export interface ValidAuthorize {
  orderId: string;
  userId: string;
  amount: Amount;
  /** Kept only in memory to ask the provider; never logged or stored. */
  cardToken: string;
}

const MAX_ORDER_ID_LENGTH = 128;
/** 10^12 cents: far above any checkout, far below bigint overflow. */
const MAX_MINOR = 1_000_000_000_000n;
const CURRENCY = /^[A-Z]{3}$/;

/** The order id every command carries; a command without one can never be answered (→ DLQ). */
export function requireOrderId(command: string, orderId: string | undefined): string {
  const id = orderId ?? '';
  if (id.trim().length === 0) throw new PermanentError(`${command}: order_id is required`);
  if (id.length > MAX_ORDER_ID_LENGTH) throw new PermanentError(`${command}: order_id must be at most ${MAX_ORDER_ID_LENGTH} characters`);
  return id;
}

/** A positive amount with an ISO 4217 code, exact to the cent; anything else is a PermanentError naming `field`. */
export function parseAmount(command: string, field: string, value: Money | undefined): Amount {
  if (!value) throw new PermanentError(`${command}: ${field} is required`);
  if (!CURRENCY.test(value.currencyCode)) throw new PermanentError(`${command}: ${field}.currency_code must be 3 upper-case letters`);
  let minor: bigint;
  try {
    minor = moneyToMinorUnits(value);
  } catch {
    throw new PermanentError(`${command}: ${field} must be a whole number of cents`);
  }
  if (minor <= 0n || minor > MAX_MINOR) throw new PermanentError(`${command}: ${field} must be positive and at most ${MAX_MINOR} minor units`);
  return { minor, currencyCode: value.currencyCode };
}

export function parseAuthorize(command: paymentsV1.AuthorizePayment): ValidAuthorize {
  return {
    orderId: requireOrderId('AuthorizePayment', command.orderId),
    userId: command.userId ?? '',
    amount: parseAmount('AuthorizePayment', 'amount', command.amount),
    cardToken: command.cardToken ?? '',
  };
}

/** RefundPayment's amount is optional: absent (or zero) means the whole captured amount. */
export function parseRefundAmount(command: paymentsV1.RefundPayment): Amount | undefined {
  const amount = command.amount;
  if (!amount || (amount.currencyCode === '' && isZero(amount))) return undefined;
  return parseAmount('RefundPayment', 'amount', amount);
}

function isZero(amount: Money): boolean {
  return (amount.units === '' || amount.units === '0') && amount.nanos === 0;
}
