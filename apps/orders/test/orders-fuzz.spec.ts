import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ordersV1 } from '@bazaar/contracts';
import { GrpcStatus } from '@bazaar/grpc';
import fc from 'fast-check';
import { encodePageToken } from '../src/orders/page-token.js';
import { ADDRESS, CARD_TOKEN, Scenario } from './support/scenario.js';

/** What any input may get back; UNAUTHENTICATED only when the x-user-id metadata is missing or malformed. */
const ALLOWED = new Set([GrpcStatus.OK, GrpcStatus.INVALID_ARGUMENT, GrpcStatus.NOT_FOUND, GrpcStatus.FAILED_PRECONDITION]);

/** A caller as the metadata carries it: absent, a real user, or odd (blank, padded, over-long, punctuation). */
const caller = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('alice', 'bob') },
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '   ', ' alice ', "' OR 1=1 --", '%00', '\\u0000') },
  { weight: 1, arbitrary: fc.string({ minLength: 120, maxLength: 200 }) },
);
/** No caller at all: absent, blank or over-long. */
const noCaller = (user: string | undefined) => user === undefined || user.trim().length === 0 || user.trim().length > 128;
/** HTTP/2 drops a header value with surrounding whitespace, so a padded id may arrive as no caller. */
const padded = (user: string) => user !== user.trim();
const callOptions = (user: string | undefined) => (user === undefined ? {} : { metadata: { 'x-user-id': user } });

/** Strings a client may send: printable, any code point (NUL, control characters, astral), long. */
const oddString = (maxLength: number) =>
  fc.oneof(
    fc.string({ maxLength }),
    fc.string({ unit: 'binary-ascii', maxLength }),
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: 'grapheme', maxLength: Math.min(maxLength, 20) }),
    fc.constantFrom('', ' ', '\u0000', 'a\u0000b', '\u202e', '😀', "'; DROP TABLE orders; --"),
  );

const int32 = fc.integer({ min: -2_147_483_648, max: 2_147_483_647 });
const quantity = fc.oneof(fc.integer({ min: -2, max: 101 }), int32);
const productId = fc.oneof(fc.constantFrom('MUG0000001', 'LAMP000001', 'NOPE000001'), oddString(70));
const line = fc.record({ productId, quantity });
const idempotencyKey = fc.oneof(
  fc.uuid().map((u) => `fuzz-${u}`),
  oddString(140),
  fc.string({ unit: 'binary-ascii', minLength: 8, maxLength: 128 }),
  fc.constantFrom('x'.repeat(128), 'x'.repeat(129), 'key with spaces', 'key\u0000with-nul'),
);
const address = fc.option(
  fc.oneof(
    fc.constant(ADDRESS),
    fc.record({ name: oddString(210), street: oddString(210), city: oddString(110), postalCode: oddString(25), countryCode: oddString(4) }),
    fc.record({ name: oddString(20), street: oddString(20), city: oddString(20), postalCode: oddString(20), countryCode: fc.constantFrom('GB', 'de', ' us ') }),
  ),
  { nil: undefined },
);
const placeOrder = fc.record({
  idempotencyKey,
  lines: fc.oneof(fc.array(line, { maxLength: 4 }), fc.array(line, { maxLength: 55 })),
  shippingAddress: address,
  cardToken: fc.oneof(fc.constant(CARD_TOKEN), oddString(520)),
});

/** A page token with the right shape for its user, carrying an arbitrary cursor (the fingerprint is not a secret). */
const forgedToken = (user: string | undefined) =>
  fc
    .record({ createdAt: fc.date({ noInvalidDate: true }), id: oddString(70) })
    .map((cursor) => encodePageToken(cursor, user?.trim() ?? ''));
const rawToken = fc.oneof(
  fc.constant(''),
  oddString(80),
  fc.stringMatching(/^[A-Za-z0-9_-]{1,600}$/),
  fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? '').toString('base64url')),
  fc.record({ v: fc.jsonValue(), t: fc.oneof(fc.string(), fc.date({ noInvalidDate: true }).map((d) => d.toISOString())), i: fc.jsonValue(), f: fc.string() })
    .map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')),
);

/** The status code a call ended with (OK when it succeeded). */
const outcome = (call: Promise<unknown>) =>
  call.then(
    () => GrpcStatus.OK,
    (error: { code?: number }) => error.code ?? -1,
  );

function expectAllowed(code: number, user: string | undefined) {
  if (user === undefined || noCaller(user)) expect(code).toBe(GrpcStatus.UNAUTHENTICATED);
  else if (!(padded(user) && code === GrpcStatus.UNAUTHENTICATED)) expect([...ALLOWED]).toContain(code);
}

/** OrderService over real gRPC fed arbitrary input: never INTERNAL, UNKNOWN or a crash. */
describe('OrderService fuzzed', () => {
  const s = new Scenario();
  let knownOrderId = '';
  beforeAll(async () => {
    await s.start(60_000);
    knownOrderId = (await s.place('alice')).orderId;
  }, 60_000);
  afterAll(() => s.stop(), 60_000);

  /** The service still serves a valid caller after the run. */
  async function stillServes() {
    const placed = await s.place('alice');
    expect((await s.get('alice', placed.orderId)).orderId).toBe(placed.orderId);
    const { orders } = await s.orders.client.listOrders({ pageSize: 1, pageToken: '' }, { metadata: { 'x-user-id': 'alice' } });
    expect(orders).toHaveLength(1);
  }

  it('answers any PlaceOrder with OK, INVALID_ARGUMENT or FAILED_PRECONDITION (property)', async () => {
    await fc.assert(
      fc.asyncProperty(placeOrder, caller, async (request, user) => {
        const call = s.orders.client.placeOrder(ordersV1.PlaceOrderRequest.fromPartial(request), callOptions(user));
        expectAllowed(await outcome(call), user);
      }),
      {
        numRuns: 80,
        // NUL can't be stored by PostgreSQL: each field holding one is always tried.
        examples: [
          [{ idempotencyKey: 'key\u0000with-nul', lines: [], shippingAddress: undefined, cardToken: CARD_TOKEN }, 'alice'],
          [{ idempotencyKey: 'fuzz-nul-address', lines: [{ productId: 'MUG0000001', quantity: 1 }], shippingAddress: { ...ADDRESS, city: 'Lon\u0000don' }, cardToken: CARD_TOKEN }, 'alice'],
          [{ idempotencyKey: 'fuzz-nul-card', lines: [{ productId: 'MUG0000001', quantity: 1 }], shippingAddress: ADDRESS, cardToken: 'tok\u0000' }, 'alice'],
        ],
      },
    );
    await stillServes();
  }, 60_000);

  it('answers any GetOrder with OK, INVALID_ARGUMENT or NOT_FOUND (property)', async () => {
    const orderId = fc.oneof(fc.constant(knownOrderId), fc.uuid(), oddString(80), fc.string({ minLength: 60, maxLength: 70 }));
    await fc.assert(
      fc.asyncProperty(orderId, caller, async (id, user) => {
        const code = await outcome(s.orders.client.getOrder({ orderId: id }, callOptions(user)));
        expectAllowed(code, user);
        if (code === GrpcStatus.OK) expect([id, user]).toEqual([knownOrderId, 'alice']);
      }),
      { numRuns: 80, examples: [['a\u0000b', 'alice']] },
    );
    await stillServes();
  }, 60_000);

  it('answers any ListOrders with OK or INVALID_ARGUMENT (property)', async () => {
    const pageSize = fc.oneof(fc.integer({ min: -2, max: 102 }), int32, fc.constantFrom(0, 100, 101, -2_147_483_648, 2_147_483_647));
    const request = caller.chain((user) =>
      fc.record({ user: fc.constant(user), pageSize, pageToken: fc.oneof(rawToken, forgedToken(user)) }),
    );
    await fc.assert(
      fc.asyncProperty(request, async ({ user, pageSize, pageToken }) => {
        const code = await outcome(s.orders.client.listOrders({ pageSize, pageToken }, callOptions(user)));
        expectAllowed(code, user);
        if (code !== GrpcStatus.UNAUTHENTICATED) expect([GrpcStatus.OK, GrpcStatus.INVALID_ARGUMENT]).toContain(code);
      }),
      {
        numRuns: 80,
        examples: [
          [{ user: 'alice', pageSize: 1, pageToken: encodePageToken({ createdAt: new Date(0), id: 'a\u0000b' }, 'alice') }],
          [{ user: 'alice', pageSize: 1, pageToken: encodePageToken({ createdAt: new Date(-8_640_000_000_000_000), id: 'x' }, 'alice') }],
          [{ user: 'alice', pageSize: 1, pageToken: encodePageToken({ createdAt: new Date(8_640_000_000_000_000), id: 'x' }, 'alice') }],
        ],
      },
    );
    await stillServes();
  }, 60_000);
});
