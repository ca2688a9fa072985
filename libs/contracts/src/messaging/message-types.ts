import * as clickstream from '../gen/bazaar/clickstream/v1/clickstream_events.js';
import * as inventory from '../gen/bazaar/inventory/v1/stock_messages.js';
import * as orders from '../gen/bazaar/orders/v1/order_events.js';
import * as payments from '../gen/bazaar/payments/v1/payment_messages.js';
import * as shipping from '../gen/bazaar/shipping/v1/shipment_events.js';
import { messageType } from './message-type.js';


/** Every message type that travels on Kafka, by name. */
export const messages = {
  ReserveStock: messageType(inventory.protobufPackage, 'ReserveStock', inventory.ReserveStock),
  ReleaseStock: messageType(inventory.protobufPackage, 'ReleaseStock', inventory.ReleaseStock),
  StockReserved: messageType(inventory.protobufPackage, 'StockReserved', inventory.StockReserved),
  StockRejected: messageType(inventory.protobufPackage, 'StockRejected', inventory.StockRejected),
  StockReleased: messageType(inventory.protobufPackage, 'StockReleased', inventory.StockReleased),

  AuthorizePayment: messageType(payments.protobufPackage, 'AuthorizePayment', payments.AuthorizePayment),
  CapturePayment: messageType(payments.protobufPackage, 'CapturePayment', payments.CapturePayment),
  VoidPayment: messageType(payments.protobufPackage, 'VoidPayment', payments.VoidPayment),
  RefundPayment: messageType(payments.protobufPackage, 'RefundPayment', payments.RefundPayment),
  PaymentAuthorized: messageType(payments.protobufPackage, 'PaymentAuthorized', payments.PaymentAuthorized),
  PaymentDeclined: messageType(payments.protobufPackage, 'PaymentDeclined', payments.PaymentDeclined),
  PaymentCaptured: messageType(payments.protobufPackage, 'PaymentCaptured', payments.PaymentCaptured),
  PaymentVoided: messageType(payments.protobufPackage, 'PaymentVoided', payments.PaymentVoided),
  PaymentRefunded: messageType(payments.protobufPackage, 'PaymentRefunded', payments.PaymentRefunded),

  ShipmentCreated: messageType(shipping.protobufPackage, 'ShipmentCreated', shipping.ShipmentCreated),
  ShipmentFailed: messageType(shipping.protobufPackage, 'ShipmentFailed', shipping.ShipmentFailed),

  OrderPlaced: messageType(orders.protobufPackage, 'OrderPlaced', orders.OrderPlaced),
  OrderConfirmed: messageType(orders.protobufPackage, 'OrderConfirmed', orders.OrderConfirmed),
  OrderCancelled: messageType(orders.protobufPackage, 'OrderCancelled', orders.OrderCancelled),
  OrderShipped: messageType(orders.protobufPackage, 'OrderShipped', orders.OrderShipped),

  ProductViewed: messageType(clickstream.protobufPackage, 'ProductViewed', clickstream.ProductViewed),
  ProductsSearched: messageType(clickstream.protobufPackage, 'ProductsSearched', clickstream.ProductsSearched),
  ProductAddedToCart: messageType(clickstream.protobufPackage, 'ProductAddedToCart', clickstream.ProductAddedToCart),
  CheckoutStarted: messageType(clickstream.protobufPackage, 'CheckoutStarted', clickstream.CheckoutStarted),
};
