import { Metadata, status, type StatusObject } from '@grpc/grpc-js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import type { FieldViolation, PreconditionViolation } from './rpc-errors.js';

/**
 * Rich error details (google.rpc.Status in the `grpc-status-details-bin`
 * trailer), the format every gRPC ecosystem reads (grpcurl, Go's
 * status.Details, Java's StatusProto).
 */
const STATUS_DETAILS_KEY = 'grpc-status-details-bin';
const TYPE_PREFIX = 'type.googleapis.com/';

const protoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../proto');
const root = new protobuf.Root();
root.resolvePath = (_origin, target) =>
  target.startsWith('google/protobuf/') ? target : path.join(protoDir, target);
root.loadSync(['google/rpc/status.proto', 'google/rpc/error_details.proto']);
const StatusType = root.lookupType('google.rpc.Status');
const BadRequestType = root.lookupType('google.rpc.BadRequest');
const PreconditionFailureType = root.lookupType('google.rpc.PreconditionFailure');
const ResourceInfoType = root.lookupType('google.rpc.ResourceInfo');

export interface ResourceInfo {
  resourceType: string;
  resourceName: string;
}

export interface ErrorDetails {
  fieldViolations?: FieldViolation[];
  preconditionViolations?: PreconditionViolation[];
  resourceInfo?: ResourceInfo;
}

function pack(type: protobuf.Type, value: object) {
  return { type_url: TYPE_PREFIX + type.fullName.slice(1), value: type.encode(type.fromObject(value)).finish() };
}

/** Encodes details into trailing metadata for a status of `code`. */
export function detailsMetadata(code: status, message: string, details: ErrorDetails): Metadata {
  const any = [];
  if (details.fieldViolations?.length) any.push(pack(BadRequestType, { fieldViolations: details.fieldViolations }));
  if (details.preconditionViolations?.length)
    any.push(pack(PreconditionFailureType, { violations: details.preconditionViolations }));
  if (details.resourceInfo) any.push(pack(ResourceInfoType, details.resourceInfo));
  const metadata = new Metadata();
  const encoded = StatusType.encode(StatusType.fromObject({ code, message, details: any })).finish();
  metadata.set(STATUS_DETAILS_KEY, Buffer.from(encoded));
  return metadata;
}

/** Reads rich details from an error's trailers; tolerant of garbage. */
export function readErrorDetails(error: Pick<StatusObject, 'metadata'> | { metadata?: Metadata }): ErrorDetails {
  const raw = error.metadata?.get(STATUS_DETAILS_KEY)[0];
  if (!raw || typeof raw === 'string') return {};
  try {
    const decoded = StatusType.toObject(StatusType.decode(raw)) as { details?: { type_url: string; value: Uint8Array }[] };
    const result: ErrorDetails = {};
    for (const detail of decoded.details ?? []) {
      const typeName = detail.type_url.slice(detail.type_url.lastIndexOf('/') + 1);
      if (typeName === 'google.rpc.BadRequest') {
        const { fieldViolations = [] } = BadRequestType.toObject(BadRequestType.decode(detail.value)) as {
          fieldViolations?: FieldViolation[];
        };
        result.fieldViolations = fieldViolations.map(({ field, description }) => ({ field, description }));
      } else if (typeName === 'google.rpc.PreconditionFailure') {
        const { violations = [] } = PreconditionFailureType.toObject(PreconditionFailureType.decode(detail.value)) as {
          violations?: PreconditionViolation[];
        };
        result.preconditionViolations = violations;
      } else if (typeName === 'google.rpc.ResourceInfo') {
        const info = ResourceInfoType.toObject(ResourceInfoType.decode(detail.value)) as ResourceInfo;
        result.resourceInfo = { resourceType: info.resourceType, resourceName: info.resourceName };
      }
    }
    return result;
  } catch {
    return {};
  }
}
