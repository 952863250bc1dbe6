export { Simulator, startSimulator, intervalFor, type SimulatorOptions } from './simulator';
export { SimDevice } from './device';
export { loadDevices } from './directory';
export { startControlServer } from './control';
export { SCENARIOS, ScenarioError, runScenario, type ScenarioRequest, type ScenarioResult } from './scenarios';
export { readMetrics, initialState, type SimDeviceInfo } from './kinds';
