export type RejectReason =
  | 'malformed_json'
  | 'oversized'
  | 'schema'
  | 'unknown_metric'
  | 'unknown_event'
  | 'out_of_range'
  | 'bad_timestamp'
  | 'bad_topic'
  | 'unknown_device'
  | 'tenant_mismatch'
  | 'not_authorized'
  | 'rate_limited';

/** Shown in the console next to each refused message, so they say what to fix on the device. */
export const REJECT_REASONS: Record<RejectReason, { zh: string; en: string }> = {
  malformed_json: {
    zh: '消息不是有效的 UTF-8 JSON 对象，请检查设备固件的报文编码。',
    en: 'The message is not a valid UTF-8 JSON object; check how the device firmware encodes it.',
  },
  oversized: {
    zh: '消息超过 16 KiB 上限，请拆分上报或减少单条消息中的字段。',
    en: 'The message exceeds the 16 KiB limit; split it or send fewer fields per message.',
  },
  schema: {
    zh: '消息缺少必填字段或字段类型不对（如 ts、seq、metrics、online）。',
    en: 'A required field is missing or has the wrong type (for example ts, seq, metrics, online).',
  },
  unknown_metric: {
    zh: '上报了该设备类型未定义的指标，请核对设备类型或指标名称。',
    en: 'The message reports a metric this device kind does not define; check the device kind or the metric name.',
  },
  unknown_event: {
    zh: '上报了该设备类型未定义的事件，请核对设备类型或事件名称。',
    en: 'The message reports an event this device kind does not define; check the device kind or the event name.',
  },
  out_of_range: {
    zh: '读数超出传感器的物理量程，可能是传感器故障或单位错误，数据未入库。',
    en: 'The reading is outside the physically possible range: the sensor may be faulty or the unit wrong. It was not stored.',
  },
  bad_timestamp: {
    zh: '时间戳比平台时间超前 24 小时以上或早于 30 天，请校准设备时钟（ts 须为毫秒）。',
    en: 'The timestamp is more than 24 h ahead of or 30 days behind platform time; set the device clock (ts is in milliseconds).',
  },
  bad_topic: {
    zh: '主题格式不对，应为 linli/v1/{租户ID}/{设备ID}/{telemetry|event|state|ack}，ID 为小写 UUID。',
    en: 'The topic is malformed; it must be linli/v1/{tenantId}/{deviceId}/{telemetry|event|state|ack} with lowercase UUIDs.',
  },
  unknown_device: {
    zh: '平台台账中没有该设备（或设备已停用），请先在设备管理中登记。',
    en: 'The device is not in the ledger (or is disabled); register it under device management first.',
  },
  tenant_mismatch: {
    zh: '主题中的租户与设备登记的租户不一致，消息已丢弃。',
    en: 'The tenant in the topic does not match the tenant the device is registered to; the message was dropped.',
  },
  not_authorized: {
    zh: '设备无权向该主题发布，只能发布到自己的 telemetry/event/state/ack 主题。',
    en: 'The device may not publish to this topic; it may publish only to its own telemetry/event/state/ack topics.',
  },
  rate_limited: {
    zh: '设备发送过于频繁，超出每台设备的消息速率上限，超出部分只计数、不入库；请检查上报周期或固件是否异常重发。',
    en: "The device sent messages faster than a device's rate limit allows; the excess is counted, not stored. Check the reporting interval or whether the firmware resends in a loop.",
  },
};
