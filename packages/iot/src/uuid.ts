// Lowercase only: MQTT topic matching is byte-exact, so `ABC…` and `abc…` would be two
// different topics for one device and slip past the ACL comparison.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
