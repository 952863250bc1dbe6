export { startBridge, type Bridge, type BridgeConfig } from './bridge';
export { BRIDGE_USERNAME } from './broker';
