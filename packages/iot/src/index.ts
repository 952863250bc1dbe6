export { type Severity, SEVERITIES, isSeverity, severityAtLeast } from './severity';
export { isUuid } from './uuid';
export { type ClientIdentity, BRIDGE_CLIENT_ID_PREFIX, clientIdRefusal, deviceClientId } from './client-id';
export {
  type UpChannel,
  type ParsedTopic,
  UP_CHANNELS,
  BRIDGE_SUBSCRIPTION,
  UP_FILTER,
  upTopic,
  commandTopic,
  parseTopic,
  deviceMayPublish,
  deviceMaySubscribe,
} from './topics';
export {
  type RejectReason,
  type TelemetryMessage,
  type EventMessage,
  type StateMessage,
  type AckMessage,
  type UpMessage,
  type DecodeResult,
  type CommandPayload,
  REJECT_REASONS,
  MAX_PAYLOAD_BYTES,
  DEFAULT_COMMAND_TTL_SECONDS,
  decodeUp,
  commandPayload,
} from './payload';
export {
  type Bilingual,
  type CommandDef,
  type DeviceKind,
  type EventDef,
  type Family,
  type MetricDef,
  type ParamDef,
  CATALOG,
  deviceKind,
  validateCommand,
} from './catalog/index';
export * from './rules/index';
export {
  type LinkageAction,
  type LinkageAlarm,
  type LinkageContext,
  type LinkageRule,
  type LinkageTargets,
  type PlannedCommand,
  type Priority,
  BUILTIN_LINKAGE,
  matchLinkage,
  planCommands,
} from './linkage';
export { isLinkageRule } from './linkage-check';
export * from './device-row';
